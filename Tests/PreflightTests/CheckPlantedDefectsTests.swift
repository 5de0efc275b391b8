import Foundation
import TestSupport
import XCTest

/// `preflight check` on specs with planted defects: every finding code, with line, column and chain.
final class CheckPlantedDefectsTests: XCTestCase {
    var server: LoopbackHTTPServer!
    var cacheDir: URL!
    static let planted = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Planted")

    override func setUpWithError() throws {
        server = try FakeIndex.start()
        cacheDir = CLIRunner.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: cacheDir)
    }

    func check(_ files: [String], _ extra: [String] = []) throws -> CLIResult {
        try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", cacheDir.path, "--format", "json",
                           "--python", "3.8", "--platform", "linux-64"] + extra + files.map { Self.planted.appendingPathComponent($0).path })
    }

    func findings(_ result: CLIResult) -> [[String: Any]] {
        let specs = result.json()["specs"] as? [[String: Any]] ?? []
        return specs.flatMap { $0["findings"] as? [[String: Any]] ?? [] }
    }

    func assertFinding(_ all: [[String: Any]], code: String, line: Int, column: Int = 1, package: String? = nil, via: [String]? = nil,
                       file: StaticString = #filePath, sourceLine: UInt = #line) {
        let match = all.first { f in
            f["code"] as? String == code && f["line"] as? Int == line && f["column"] as? Int == column
                && (package == nil || f["package"] as? String == package)
                && (via == nil || f["via"] as? [String] == via)
        }
        XCTAssertNotNil(match, "no \(code) at \(line):\(column) \(package ?? "") \(via ?? []) among\n\(all.map { "\($0["code"]!) \($0["line"]!):\($0["column"]!) \($0["package"]!) \($0["via"]!)" }.joined(separator: "\n"))",
                        file: file, line: sourceLine)
    }

    func testRequirementsFileDefects() throws {
        let result = try check(["requirements-defects.txt"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let all = findings(result)
        assertFinding(all, code: "package-not-found", line: 3, package: "nope-package")
        assertFinding(all, code: "version-not-found", line: 4, package: "demo")
        assertFinding(all, code: "requires-python", line: 5, package: "demo")
        assertFinding(all, code: "sdist-only", line: 6, package: "sdist-only")
        assertFinding(all, code: "yanked", line: 7, package: "demo")
        assertFinding(all, code: "hash-mismatch", line: 8, package: "demo")
        assertFinding(all, code: "invalid-spec", line: 9)
        assertFinding(all, code: "dependency-not-found", line: 10, column: 3, package: "bad-package", via: ["parent==1.0"])
        assertFinding(all, code: "no-compatible-distribution", line: 11, package: "winonly")
        assertFinding(all, code: "sdist-only", line: 12, package: "sdist-only", via: ["needs-sdist==1.0"])
        XCTAssertFalse(all.contains { $0["line"] as? Int == 2 && ($0["severity"] as? String) != "info" }, "demo==2.0 is fine")
        XCTAssertFalse(all.contains { $0["package"] as? String == "winonly" && $0["line"] as? Int == 10 }, "a win32-only marker is skipped on linux")
        let summary = result.json()["summary"] as? [String: Int]
        XCTAssertEqual(summary?["errors"], all.filter { $0["severity"] as? String == "error" }.count)
        XCTAssertEqual(summary?["specs"], 1)
    }

    func testCondaEnvironmentDefects() throws {
        let result = try check(["environment-defects.yml", "environment-pip-unpinned.yml"], ["--no-transitive"])
        let all = findings(result)
        assertFinding(all, code: "pip-not-listed", line: 7, column: 5)
        assertFinding(all, code: "conda-pip-overlap", line: 8, column: 7, package: "flask")
        assertFinding(all, code: "pip-unpinned", line: 4, column: 5)
    }

    /// Conda channels from ../shared/fixtures/conda as `file://` URLs.
    func condaChannel(_ name: String) throws -> String {
        try CondaFixtureChannels.fileURL(name)
    }

    func testCondaDependencyWalkAndTransitiveOverlap() throws {
        // The fixture channels stand in for the ones the specs name (--channel alone adds to those, as conda's -c).
        let walk = try check(["environment-conda-walk.yml"], ["--python", "3.12", "--override-channels", "--channel", condaChannel("with-wheels")])
        let walkFindings = findings(walk)
        // conda's pip pulls in setuptools, which the pip: section installs again.
        assertFinding(walkFindings, code: "conda-pip-overlap", line: 8, column: 7, package: "setuptools")
        let missing = try check(["environment-conda-missing.yml"], ["--python", "3.9", "--override-channels", "--channel", condaChannel("pytorch")])
        let missingFindings = findings(missing)
        XCTAssertEqual(missing.status, 1, missing.stderr)
        assertFinding(missingFindings, code: "package-not-found", line: 6, column: 5, package: "nonexistent-conda-package")
        assertFinding(missingFindings, code: "dependency-not-found", line: 5, column: 5, package: "typing_extensions", via: ["pytorch==2.0.1"])
        // Each line carries only the chains that start at its own requirement.
        let torchvisionLine = missingFindings.filter { $0["line"] as? Int == 7 && $0["code"] as? String == "dependency-not-found" }
        XCTAssertFalse(torchvisionLine.isEmpty)
        XCTAssertTrue(torchvisionLine.allSatisfy { (($0["via"] as? [String])?.first ?? "").hasPrefix("torchvision==") }, "\(torchvisionLine)")
    }

    /// Issue 17.9: `--channel` is searched before the spec's own channels, as conda's `-c`;
    /// `--override-channels` searches it alone.
    func testChannelOptionAddsBeforeTheSpecsChannelsUnlessOverridden() throws {
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("environment.yml")
        try "name: both\nchannels:\n  - \(try condaChannel("with-wheels"))\ndependencies:\n  - bzip2\n  - faiss-cpu\n"
            .write(to: spec, atomically: true, encoding: .utf8)
        func run(_ extra: [String]) throws -> CLIResult {
            // Availability only: the fixtures have no python records, so a solve would (rightly) fail.
            try CLIRunner.run(["check", "--cache-dir", cacheDir.path, "--format", "json", "--python", "3.9", "--no-transitive", "--no-resolve"]
                              + extra + [spec.path])
        }
        let added = try run(["--channel", try condaChannel("pytorch")])
        XCTAssertEqual(added.status, 0, added.stdout)
        XCTAssertTrue(findings(added).filter { $0["severity"] as? String == "error" }.isEmpty, added.stdout)
        let overridden = try run(["--override-channels", "--channel", try condaChannel("pytorch")])
        XCTAssertEqual(overridden.status, 1, overridden.stdout)
        assertFinding(findings(overridden), code: "package-not-found", line: 5, column: 5, package: "bzip2")
        XCTAssertEqual(try run(["--override-channels"]).status, 2, "--override-channels needs a --channel")
    }

    /// `--channel` means nothing to a PyPI lookup: a usage error, not a silently ignored flag.
    func testExistsRejectsAChannelForPyPI() throws {
        let result = try CLIRunner.run(["exists", "--channel", "conda-forge", "--cache-dir", cacheDir.path, "--format", "json", "numpy"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("--source conda"), result.stderr)
        let conda = try CLIRunner.run(["exists", "--source", "conda", "--index-url", server.url("/simple"), "--cache-dir", cacheDir.path, "numpy"])
        XCTAssertEqual(conda.status, 2, conda.stderr)
    }

    func testUnreachableIndexIsOneSourceUnreachablePerSpecAndExitThree() throws {
        let dead = try LoopbackHTTPServer { _ in .reset }
        let dir = CLIRunner.temporaryDirectory()
        defer { dead.stop(); try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("requirements.txt")
        try "demo==2.0\nsdist-only\nparent==1.0\n".write(to: spec, atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent("c.yaml")
        try "network:\n  request_timeout: 3\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--index-url", dead.url("/simple"), "--cache-dir", dir.appendingPathComponent("c").path,
                                        "--config", config.path, "--format", "json", spec.path])
        XCTAssertEqual(result.status, 3, result.stderr)
        let unreachable = findings(result).filter { $0["code"] as? String == "source-unreachable" }
        XCTAssertEqual(unreachable.count, 1, "\(unreachable)")
        XCTAssertTrue((unreachable.first?["message"] as? String ?? "").contains("127.0.0.1"))
    }

    func testOutputFormatsAndExitCodes() throws {
        let sarif = try check(["requirements-defects.txt"], ["--no-transitive", "--format", "sarif"])
        let runs = sarif.json()["runs"] as? [[String: Any]]
        let results = runs?.first?["results"] as? [[String: Any]] ?? []
        XCTAssertFalse(results.isEmpty)
        XCTAssertTrue(results.allSatisfy { ["error", "warning", "note"].contains($0["level"] as? String ?? "") })
        let github = try check(["requirements-defects.txt"], ["--no-transitive", "--format", "github"])
        XCTAssertTrue(github.stdout.contains("::error file="), github.stdout)
        let junit = try check(["requirements-defects.txt"], ["--no-transitive", "--format", "junit"])
        XCTAssertTrue(junit.stdout.contains("<testsuites"), junit.stdout)
        let missing = try check(["does-not-exist.txt"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("does-not-exist.txt"), missing.stderr)
    }
}

/// A warm `check` replays its recorded output without touching the index, and any change to
/// the spec, or a stale or damaged cache entry, makes it compute afresh.
final class CheckMemoTests: XCTestCase {
    private var server: LoopbackHTTPServer!
    private var dir: URL!

    override func setUpWithError() throws {
        server = try FakeIndex.start()
        dir = CLIRunner.temporaryDirectory()
    }

    override func tearDown() {
        server.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    /// `check` of the spec, with the test's own cache.
    func check(_ spec: URL) throws -> CLIResult {
        try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("c").path,
                           "--format", "json", "--python", "3.8", spec.path])
    }

    func file(_ name: String, _ text: String) throws -> URL {
        let file = dir.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A cold check, then a warm one that must replay it without a request; the cold result and
    /// the requests it made.
    func checkTwice(_ spec: URL) throws -> (cold: CLIResult, requests: Int) {
        let cold = try check(spec)
        let requestsAfterCold = server.requests.count
        let warm = try check(spec)
        XCTAssertEqual(warm.stdout, cold.stdout)
        XCTAssertEqual(warm.status, cold.status)
        XCTAssertEqual(server.requests.count, requestsAfterCold, "a warm check must not touch the network")
        return (cold, requestsAfterCold)
    }

    func testWarmCheckReplaysAndChangesInvalidate() throws {
        let spec = try file("requirements.txt", "demo==2.0\nparent==1.0\n")
        let (cold, requestsAfterCold) = try checkTwice(spec)
        XCTAssertEqual(cold.status, 1, cold.stderr)
        // Editing the spec invalidates the record.
        try "demo==2.0\n".write(to: spec, atomically: true, encoding: .utf8)
        let edited = try check(spec)
        XCTAssertEqual(edited.status, 0, edited.stdout)
        XCTAssertNotEqual(edited.stdout, cold.stdout)
        // A damaged entry the record depends on makes it compute afresh (and still answer right).
        let entries = FileManager.default.enumerator(at: dir.appendingPathComponent("c/http-v1"), includingPropertiesForKeys: nil)
        while let file = entries?.nextObject() as? URL {
            if !file.hasDirectoryPath { try Data("garbage".utf8).write(to: file) }
        }
        let repaired = try check(spec)
        XCTAssertEqual(repaired.stdout, edited.stdout)
        XCTAssertGreaterThan(server.requests.count, requestsAfterCold)
    }

    /// The record names the files the run read, the included ones too: editing one of them is
    /// another run, though the spec named on the command line is unchanged.
    func testEditingAnIncludedFileInvalidatesTheRecord() throws {
        let spec = try file("requirements.txt", "-r base.txt\n")
        let included = try file("base.txt", "demo==2.0\nparent==1.0\n")
        let cold = try checkTwice(spec).cold
        XCTAssertEqual(cold.status, 1, cold.stderr)
        try "demo==2.0\n".write(to: included, atomically: true, encoding: .utf8)
        let edited = try check(spec)
        XCTAssertEqual(edited.status, 0, edited.stdout)
        XCTAssertNotEqual(edited.stdout, cold.stdout)
    }
}
