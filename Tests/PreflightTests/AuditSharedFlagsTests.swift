import Foundation
import TestSupport
import XCTest
import Audit

/// Every flag that `check` honours reaches the audit's checks too (`CheckOptions`, `SourceOptions`
/// and `TargetOptions` are shared): for each flag, `check --format json` with and without it
/// differ the way the flag says, and the audit's `report.json` over the same spec, its audit
/// additions taken out, equals `check`'s output in both runs. A flag the audit parsed and then
/// dropped (as `--find-links` once was) fails here.
final class AuditSharedFlagsTests: XCTestCase {
    var server: LoopbackHTTPServer!
    var work: URL!
    var index: String { server.url("/simple") }

    override func setUpWithError() throws {
        server = try FakeIndex.start()
        work = CLIRunner.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: work)
    }

    func spec(_ name: String, _ text: String) throws -> URL {
        let url = work.appendingPathComponent("specs/\(name)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A fresh, empty cache directory.
    func freshCache() -> String {
        work.appendingPathComponent("cache-\(UUID().uuidString)").path
    }

    /// `check --format json` and `audit` over `spec` with `arguments` (a fresh cache unless they
    /// name one): the check JSON, after asserting that the audit's report.json says the same.
    func checkAndAudit(_ spec: URL, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let cached = arguments.contains("--cache-dir") ? arguments : arguments + ["--cache-dir", freshCache()]
        let check = try CLIRunner.run(["check", "--format", "json"] + cached + [spec.path])
        XCTAssertNotEqual(check.status, 2, check.stderr, file: file, line: line)
        let out = work.appendingPathComponent("audit-\(UUID().uuidString)")
        let recached = arguments.contains("--cache-dir") ? arguments : arguments + ["--cache-dir", freshCache()]
        let audit = try CLIRunner.run(["audit", spec.path, "--out", out.path] + recached)
        XCTAssertNotEqual(audit.status, 2, audit.stderr, file: file, line: line)
        let data = try Data(contentsOf: out.appendingPathComponent("report.json"))
        let report = try JSONSerialization.jsonObject(with: data)
        XCTAssertEqual(try ReportComparison.canonical(ReportComparison.withoutAuditFields(report)),
                       try ReportComparison.canonical(check.json()), "audit and check disagree for \(arguments)", file: file, line: line)
        return check.json()
    }

    /// Runs both commands without and with the flag; `changed` checks that the flag made the
    /// difference it should (on check's output, which the audit's equals).
    func assertReachesAudit(_ spec: URL, without: [String], with: [String],
                            file: StaticString = #filePath, line: UInt = #line,
                            _ changed: (_ without: [String: Any], _ with: [String: Any]) throws -> Void) throws {
        let before = try checkAndAudit(spec, without, file: file, line: line)
        let after = try checkAndAudit(spec, with, file: file, line: line)
        XCTAssertNotEqual(try ReportComparison.canonical(before), try ReportComparison.canonical(after),
                          "\(with) changed nothing", file: file, line: line)
        try changed(before, after)
    }

    static func findings(_ json: [String: Any]) -> [[String: Any]] {
        (json["specs"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
    }

    static func codes(_ json: [String: Any]) -> Set<String> {
        Set(findings(json).compactMap { $0["code"] as? String })
    }

    static func target(_ json: [String: Any]) -> [String: Any] {
        ((json["specs"] as? [[String: Any]])?.first?["targets"] as? [[String: Any]])?.first ?? [:]
    }

    // MARK: - Sources

    func testFindLinks() throws {
        let wheelhouse = work.appendingPathComponent("wheelhouse")
        try FileManager.default.createDirectory(at: wheelhouse, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: wheelhouse.appendingPathComponent("localonly-1.0-py3-none-any.whl").path, contents: Data())
        let spec = try spec("requirements.txt", "localonly==1.0\n")
        try assertReachesAudit(spec, without: ["--index-url", index], with: ["--index-url", index, "--find-links", wheelhouse.path]) { before, after in
            XCTAssertTrue(Self.codes(before).contains("package-not-found"), "\(before)")
            XCTAssertFalse(Self.codes(after).contains("package-not-found"), "\(after)")
        }
    }

    func testIndexURL() throws {
        let spec = try spec("requirements.txt", "demo==2.0\n")
        // The fake index answers 404 for every project outside /simple.
        try assertReachesAudit(spec, without: ["--index-url", index], with: ["--index-url", server.url("/empty")]) { before, after in
            XCTAssertFalse(Self.codes(before).contains("package-not-found"), "\(before)")
            XCTAssertTrue(Self.codes(after).contains("package-not-found"), "\(after)")
        }
    }

    func testExtraIndexURL() throws {
        let extra = work.appendingPathComponent("extra")
        try FileManager.default.createDirectory(at: extra.appendingPathComponent("simple/extraonly"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: extra.appendingPathComponent("files"), withIntermediateDirectories: true)
        try "<html><body><a href=\"../../files/extraonly-1.0-py3-none-any.whl\">extraonly-1.0-py3-none-any.whl</a></body></html>"
            .write(to: extra.appendingPathComponent("simple/extraonly/index.html"), atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: extra.appendingPathComponent("files/extraonly-1.0-py3-none-any.whl").path, contents: Data())
        let spec = try spec("requirements.txt", "extraonly==1.0\n")
        try assertReachesAudit(spec, without: ["--index-url", index],
                               with: ["--index-url", index, "--extra-index-url", "file://" + extra.appendingPathComponent("simple").path]) { before, after in
            XCTAssertTrue(Self.codes(before).contains("package-not-found"), "\(before)")
            XCTAssertFalse(Self.codes(after).contains("package-not-found"), "\(after)")
        }
    }

    func testChannel() throws {
        let channels = try CondaFixtureChannels.serve()
        defer { channels.stop() }
        let spec = try spec("environment.yml", "name: e\nchannels:\n  - \(channels.url("/with-wheels"))\ndependencies:\n  - python=3.12\n")
        try assertReachesAudit(spec, without: ["--python", "3.12"], with: ["--python", "3.12", "--override-channels", "--channel", channels.url("/pytorch")]) { before, after in
            XCTAssertFalse(Self.codes(before).contains("package-not-found"), "\(before)")
            let missing = Self.findings(after).filter { $0["code"] as? String == "package-not-found" }
            XCTAssertEqual(missing.first?["package"] as? String, "python", "\(after)")
        }
    }

    func testConfig() throws {
        let config = work.appendingPathComponent("preflight.yaml")
        try "targets:\n  python: \"3.8\"\n".write(to: config, atomically: true, encoding: .utf8)
        let spec = try spec("requirements.txt", "demo==3.0\n")
        try assertReachesAudit(spec, without: ["--index-url", index], with: ["--index-url", index, "--config", config.path]) { before, after in
            XCTAssertEqual(Self.target(before)["python"] as? String, "3.10")
            XCTAssertEqual(Self.target(after)["python"] as? String, "3.8")
            XCTAssertTrue(Self.codes(after).contains("requires-python"), "\(after)")
        }
    }

    // MARK: - Cache

    func testOffline() throws {
        let spec = try spec("requirements.txt", "demo==2.0\n")
        try assertReachesAudit(spec, without: ["--index-url", index], with: ["--index-url", index, "--offline"]) { before, after in
            XCTAssertFalse(Self.codes(before).contains("source-unreachable"), "\(before)")
            let unreachable = Self.findings(after).filter { $0["code"] as? String == "source-unreachable" }
            XCTAssertTrue((unreachable.first?["message"] as? String ?? "").contains("offline"), "\(after)")
        }
    }

    func testCacheDir() throws {
        let spec = try spec("requirements.txt", "demo==2.0\n")
        let filled = freshCache()
        XCTAssertEqual(try CLIRunner.run(["check", "--index-url", index, "--cache-dir", filled, spec.path]).status, 0)
        // Offline, the answers can only come from the cache directory named.
        try assertReachesAudit(spec, without: ["--index-url", index, "--offline", "--cache-dir", freshCache()],
                               with: ["--index-url", index, "--offline", "--cache-dir", filled]) { before, after in
            XCTAssertTrue(Self.codes(before).contains("source-unreachable"), "\(before)")
            XCTAssertFalse(Self.codes(after).contains("source-unreachable"), "\(after)")
        }
    }

    // MARK: - Checking

    func testAllowSdist() throws {
        let spec = try spec("requirements.txt", "sdist-only==0.1\n")
        try assertReachesAudit(spec, without: ["--index-url", index], with: ["--index-url", index, "--allow-sdist"]) { before, after in
            XCTAssertTrue(Self.codes(before).contains("sdist-only"), "\(before)")
            XCTAssertFalse(Self.codes(after).contains("sdist-only"), "\(after)")
        }
    }

    func testNoTransitive() throws {
        let spec = try spec("requirements.txt", "parent==1.0\n")
        try assertReachesAudit(spec, without: ["--index-url", index, "--python", "3.8"],
                               with: ["--index-url", index, "--python", "3.8", "--no-transitive"]) { before, after in
            XCTAssertTrue(Self.findings(before).contains { $0["code"] as? String == "dependency-not-found" && $0["package"] as? String == "bad-package" }, "\(before)")
            XCTAssertFalse(Self.codes(after).contains("dependency-not-found"), "\(after)")
        }
    }

    func testNoResolve() throws {
        let spec = try spec("requirements.txt", "demo==2.0\n")
        try assertReachesAudit(spec, without: ["--index-url", index, "--python", "3.8"],
                               with: ["--index-url", index, "--python", "3.8", "--no-resolve"]) { before, after in
            let resolved = (before["specs"] as? [[String: Any]])?.first?["resolution"] as? [[String: Any]]
            XCTAssertEqual(resolved?.first?["status"] as? String, "resolved", "\(before)")
            XCTAssertNil((after["specs"] as? [[String: Any]])?.first?["resolution"], "\(after)")
        }
    }

    // MARK: - Targets

    func testPython() throws {
        let spec = try spec("requirements.txt", "demo==3.0\n")
        try assertReachesAudit(spec, without: ["--index-url", index], with: ["--index-url", index, "--python", "3.8"]) { before, after in
            XCTAssertFalse(Self.codes(before).contains("requires-python"), "\(before)")
            XCTAssertTrue(Self.codes(after).contains("requires-python"), "\(after)")
            XCTAssertEqual(Self.target(after)["python"] as? String, "3.8")
        }
    }

    func testPlatform() throws {
        let spec = try spec("requirements.txt", "winonly==1.0\n")
        try assertReachesAudit(spec, without: ["--index-url", index, "--python", "3.8"],
                               with: ["--index-url", index, "--python", "3.8", "--platform", "windows"]) { before, after in
            XCTAssertTrue(Self.codes(before).contains("no-compatible-distribution"), "\(before)")
            XCTAssertFalse(Self.codes(after).contains("no-compatible-distribution"), "\(after)")
            XCTAssertEqual(Self.target(after)["platform"] as? String, "win-64")
        }
    }

    func testGlibc() throws {
        // demo 2.0's Linux wheel is manylinux_2_17: an older glibc leaves only its sdist.
        let spec = try spec("requirements.txt", "demo==2.0\n")
        try assertReachesAudit(spec, without: ["--index-url", index, "--python", "3.8"],
                               with: ["--index-url", index, "--python", "3.8", "--glibc", "2.12"]) { before, after in
            XCTAssertFalse(Self.codes(before).contains("sdist-only"), "\(before)")
            XCTAssertTrue(Self.codes(after).contains("sdist-only"), "\(after)")
            XCTAssertEqual(Self.target(after)["glibc"] as? String, "2.12")
        }
    }

    func testMacOS() throws {
        // The fake index has no wheel whose macOS tag the flag moves across (Apple silicon
        // starts at 11.0), so the change is the target's stated macOS, in findings and targets.
        let spec = try spec("requirements.txt", "demo==2.0\n")
        let target = ["--index-url", index, "--python", "3.8", "--platform", "osx-64"]
        try assertReachesAudit(spec, without: target, with: target + ["--macos", "10.15"]) { before, after in
            XCTAssertEqual(Self.target(before)["macos"] as? String, "11.0")
            XCTAssertEqual(Self.target(after)["macos"] as? String, "10.15")
            XCTAssertTrue(Self.findings(after).allSatisfy { ($0["target"] as? [String: Any])?["macos"] as? String == "10.15" }, "\(after)")
        }
    }

    func testCUDA() throws {
        // cudatoolkit 9.0 in the `index` channel depends on __cuda>=9.0.
        let channels = try CondaFixtureChannels.serve()
        defer { channels.stop() }
        let spec = try spec("environment.yml", "name: e\nchannels:\n  - \(channels.url("/index"))\ndependencies:\n  - cudatoolkit=9.0\n")
        try assertReachesAudit(spec, without: [], with: ["--cuda", "10.0"]) { before, after in
            XCTAssertTrue(Self.codes(before).contains("no-compatible-distribution"), "\(before)")
            XCTAssertFalse(Self.codes(after).contains("no-compatible-distribution"), "\(after)")
            XCTAssertEqual(Self.target(after)["cuda"] as? String, "10.0")
        }
    }
}
