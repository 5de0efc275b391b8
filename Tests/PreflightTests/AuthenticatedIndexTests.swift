import Foundation
import TestSupport
import XCTest

/// `check` against a private index that wants credentials on every URL of its origin (issue 15):
/// the credentials of the index URL, or of netrc, go with every request to that origin — pages,
/// the JSON API, `.metadata` files, range reads, downloads — never to another origin, and appear
/// in no output and no cache file.
final class AuthenticatedIndexTests: XCTestCase {
    var dir: URL!
    static let password = PrivateIndex.credentials.password

    override func setUpWithError() throws { dir = CLIRunner.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// Runs `check` on a requirements file; `netrc` is the netrc file's text (none: a path that
    /// does not exist, so the user's own `~/.netrc` never takes part).
    func check(_ requirements: String, _ arguments: [String] = [], netrc: String? = nil) throws -> (CLIResult, cache: URL) {
        let run = UUID().uuidString
        let spec = dir.appendingPathComponent("requirements-\(run).txt")
        try requirements.write(to: spec, atomically: true, encoding: .utf8)
        let netrcFile = dir.appendingPathComponent("netrc-\(run)")
        if let netrc { try netrc.write(to: netrcFile, atomically: true, encoding: .utf8) }
        let cache = dir.appendingPathComponent("cache-\(run)")
        let result = try CLIRunner.run(["check", "--cache-dir", cache.path, "--format", "json", "--python", "3.8",
                                        "--platform", "linux-64"] + arguments + [spec.path],
                                       environment: ["NETRC": netrcFile.path])
        return (result, cache)
    }

    func findings(_ result: CLIResult) -> [[String: Any]] {
        let specs = result.json()["specs"] as? [[String: Any]] ?? []
        return specs.flatMap { $0["findings"] as? [[String: Any]] ?? [] }
    }

    /// Exit 0, and the one caveat of `goodpkg==0.9`'s tree: `staticsdist` ships only an sdist.
    /// Every dependency's metadata was read (no `dependencies-unknown`).
    func assertVerdicts(_ result: CLIResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 0, "\(result.stdout)\n\(result.stderr)", file: file, line: line)
        let all = findings(result)
        let summary = "\(all.map { "\($0["code"] ?? "") \($0["package"] ?? ""): \($0["message"] ?? "")" })"
        XCTAssertEqual(all.count, 1, summary, file: file, line: line)
        XCTAssertEqual(all.first?["code"] as? String, "sdist-only", summary, file: file, line: line)
        XCTAssertEqual(all.first?["package"] as? String, "staticsdist", summary, file: file, line: line)
        XCTAssertEqual(all.first?["via"] as? [String], ["goodpkg==0.9"], summary, file: file, line: line)
    }

    /// The password is in no output, no cache file name and no cache file's contents.
    func assertSecretNowhere(_ secret: String, _ result: CLIResult, cache: URL, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(result.stdout.contains(secret), "stdout shows the password", file: file, line: line)
        XCTAssertFalse(result.stderr.contains(secret), "stderr shows the password: \(result.stderr)", file: file, line: line)
        var seen = 0
        let walker = FileManager.default.enumerator(at: cache, includingPropertiesForKeys: nil)
        while let entry = walker?.nextObject() as? URL {
            seen += 1
            XCTAssertFalse(entry.path.contains(secret), "a cache file is named with the password: \(entry.path)", file: file, line: line)
            if let data = try? Data(contentsOf: entry) {
                XCTAssertNil(data.range(of: Data(secret.utf8)), "the password is in \(entry.path)", file: file, line: line)
            }
        }
        XCTAssertGreaterThan(seen, 0, "the cache was written", file: file, line: line)
    }

    /// Every request the index saw carried its credentials (none was answered 401), and they
    /// covered every kind of URL of the origin.
    func assertEveryKindOfRequestAuthorized(_ server: LoopbackHTTPServer, filesHere: Bool = true,
                                            file: StaticString = #filePath, line: UInt = #line) {
        let requests = server.requests
        let unauthorized = requests.filter { !PrivateIndex.credentials.accepts($0.header("Authorization")) }
        XCTAssertEqual(unauthorized.map(\.target), [], "requests without the credentials", file: file, line: line)
        let paths = requests.map(\.path)
        XCTAssertTrue(paths.contains("/pypi/goodpkg/0.9/json"), "the JSON API: \(paths)", file: file, line: line)
        XCTAssertTrue(paths.contains("/simple/goodpkg/") && paths.contains("/simple/colorama/"), "simple pages: \(paths)", file: file, line: line)
        guard filesHere else { return }
        XCTAssertTrue(paths.contains("/files/goodpkg-0.9-py3-none-any.whl.metadata"), "PEP 658 metadata: \(paths)", file: file, line: line)
        Self.assertFileReads(requests, file: file, line: line)
    }

    /// The wheel without `.metadata` was read by ranges (its zip directory, then `METADATA`).
    static func assertFileReads(_ requests: [RecordedRequest], file: StaticString = #filePath, line: UInt = #line) {
        let ranged = requests.filter { $0.path == "/files/colorama-0.4.6-py2.py3-none-any.whl" && $0.header("Range") != nil }
        XCTAssertGreaterThanOrEqual(ranged.count, 2, "range reads of the wheel: \(requests.map(\.path))", file: file, line: line)
    }

    // MARK: - Credentials reach every URL of the index's origin

    func testCredentialsInTheRequirementsFileReachEveryURLOfTheIndex() throws {
        for pages in [PrivateIndex.Pages.json, .html] {
            let index = try PrivateIndex(pages: pages)
            let (result, cache) = try check("--index-url \(index.authenticatedIndexURL)\ngoodpkg==0.9\n")
            assertVerdicts(result)
            assertEveryKindOfRequestAuthorized(index.server)
            assertSecretNowhere(Self.password, result, cache: cache)
        }
    }

    func testCredentialsOnTheCommandLineReachEveryURLOfTheIndex() throws {
        for pages in [PrivateIndex.Pages.json, .html] {
            let index = try PrivateIndex(pages: pages)
            let (result, cache) = try check("goodpkg==0.9\n", ["--index-url", index.authenticatedIndexURL])
            assertVerdicts(result)
            assertEveryKindOfRequestAuthorized(index.server)
            assertSecretNowhere(Self.password, result, cache: cache)
        }
    }

    func testNetrcCredentialsReachEveryURLOfTheIndex() throws {
        for pages in [PrivateIndex.Pages.json, .html] {
            let index = try PrivateIndex(pages: pages)
            let netrc = "machine 127.0.0.1\n  login alice\n  password \(Self.password)\n"
            let (result, cache) = try check("--index-url \(index.server.url("/simple"))\ngoodpkg==0.9\n", netrc: netrc)
            assertVerdicts(result)
            assertEveryKindOfRequestAuthorized(index.server)
            assertSecretNowhere(Self.password, result, cache: cache)
        }
    }

    // MARK: - ... and only that origin

    /// The pages link the `.metadata` wheels to another port of the same host (another origin), and
    /// the index redirects the other wheel's range reads there: that server gets the files'
    /// requests, and no credentials.
    func testIndexCredentialsAreNotSentToAnotherOrigin() throws {
        for given in ["file", "command line"] {
            let index = try PrivateIndex(pages: .json)
            let cdn = try index.cdn()
            index.moveFiles(to: cdn.url("/files"))
            let (result, cache) = given == "file"
                ? try check("--index-url \(index.authenticatedIndexURL)\ngoodpkg==0.9\n")
                : try check("goodpkg==0.9\n", ["--index-url", index.authenticatedIndexURL])
            assertVerdicts(result)
            assertEveryKindOfRequestAuthorized(index.server, filesHere: false)
            XCTAssertTrue(cdn.requests.map(\.path).contains("/files/goodpkg-0.9-py3-none-any.whl.metadata"), given)
            Self.assertFileReads(cdn.requests)
            XCTAssertEqual(cdn.requests.compactMap { $0.header("Authorization") }, [], "credentials given in the \(given) left their origin")
            XCTAssertTrue(index.server.requests.contains { $0.path == "/files/colorama-0.4.6-py2.py3-none-any.whl" },
                          "the range reads came by redirect")
            assertSecretNowhere(Self.password, result, cache: cache)
        }
    }

    /// A netrc entry names a host: a file on another host (`localhost` is not `127.0.0.1`) gets nothing.
    func testNetrcCredentialsAreNotSentToAnotherHost() throws {
        let index = try PrivateIndex(pages: .html)
        let cdn = try index.cdn()
        index.moveFiles(to: "http://localhost:\(cdn.port)/files")
        let netrc = "machine 127.0.0.1 login alice password \(Self.password)\n"
        let (result, cache) = try check("--index-url \(index.server.url("/simple"))\ngoodpkg==0.9\n", netrc: netrc)
        assertVerdicts(result)
        assertEveryKindOfRequestAuthorized(index.server, filesHere: false)
        Self.assertFileReads(cdn.requests)
        XCTAssertEqual(cdn.requests.compactMap { $0.header("Authorization") }, [], "netrc credentials for 127.0.0.1 went to localhost")
        assertSecretNowhere(Self.password, result, cache: cache)
    }

    // MARK: - Messages

    /// A file server that refuses: the message names the refused URL once (not its origin and then
    /// the URL again), and no password; likewise for an index page refused for a wrong password.
    func testUnauthorizedURLIsNamedOnceWithoutThePassword() throws {
        let index = try PrivateIndex(pages: .json)
        let cdn = try index.cdn(requiring: BasicCredentials(user: "bob", password: "other-pass"))
        index.moveFiles(to: cdn.url("/files"))
        let (result, cache) = try check("--index-url \(index.authenticatedIndexURL)\ngoodpkg==0.9\n")
        XCTAssertEqual(result.status, 3, "\(result.stdout)\n\(result.stderr)")
        let unreachable = findings(result).filter { $0["code"] as? String == "source-unreachable" }
        let message = unreachable.first?["message"] as? String ?? ""
        let refused = cdn.url("/files/goodpkg-0.9-py3-none-any.whl.metadata")
        XCTAssertEqual(message.components(separatedBy: refused).count - 1, 1, message)
        XCTAssertEqual(message.components(separatedBy: "http://").count - 1, 1, "one URL: \(message)")
        XCTAssertTrue(message.contains("401"), message)
        assertSecretNowhere(Self.password, result, cache: cache)

        let wrong = "wr0ng-pass"
        let badURL = index.server.url("/simple").replacingOccurrences(of: "http://", with: "http://alice:\(wrong)@")
        let (denied, deniedCache) = try check("--index-url \(badURL)\ngoodpkg==0.9\n")
        XCTAssertEqual(denied.status, 3, "\(denied.stdout)\n\(denied.stderr)")
        let deniedMessage = findings(denied).first { $0["code"] as? String == "source-unreachable" }?["message"] as? String ?? ""
        XCTAssertEqual(deniedMessage.components(separatedBy: index.server.url("/simple/goodpkg/")).count - 1, 1, deniedMessage)
        XCTAssertTrue(deniedMessage.contains("401"), deniedMessage)
        assertSecretNowhere(wrong, denied, cache: deniedCache)
    }
}
