import Foundation
import TestSupport
import XCTest

/// A file included by another spec is checked for the including spec's targets (issue 17.8):
/// azureml-examples' docker-contexts/python-and-pip has a `FROM python:3.8` Dockerfile that
/// installs its requirements.txt, whose `scipy==1.7.1` has no release for the default Python 3.10.
final class InheritedTargetTests: XCTestCase {
    var server: LoopbackHTTPServer!
    var dir: URL!

    override func setUpWithError() throws {
        server = try RealFilesIndex.start()
        dir = CLIRunner.temporaryDirectory()
        let context = dir.appendingPathComponent("docker-contexts/python-and-pip")
        try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
        try "# pydata\nscipy==1.7.1\n".write(to: context.appendingPathComponent("requirements.txt"), atomically: true, encoding: .utf8)
        try "FROM python:3.8\n\n# python installs\nCOPY requirements.txt .\nRUN pip install -r requirements.txt && rm requirements.txt\n"
            .write(to: context.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    func targets(_ report: [String: Any]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for spec in report["specs"] as? [[String: Any]] ?? [] {
            let path = URL(fileURLWithPath: spec["path"] as? String ?? "").lastPathComponent
            out[path] = (spec["targets"] as? [[String: Any]] ?? []).compactMap { $0["python"] as? String }
        }
        return out
    }

    func testAuditChecksAnIncludedFileForItsIncludersTarget() throws {
        let out = dir.appendingPathComponent("audit")
        let result = try CLIRunner.run(["audit", dir.appendingPathComponent("docker-contexts").path, "--out", out.path,
                                        "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--no-transitive"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any] ?? [:]
        XCTAssertEqual(targets(report), ["Dockerfile": ["3.8.20"], "requirements.txt": ["3.8.20"]])
    }

    func testCheckDoesTheSameForSpecsNamedTogether() throws {
        let context = dir.appendingPathComponent("docker-contexts/python-and-pip")
        let result = try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--format", "json", "--no-transitive",
                                        context.appendingPathComponent("requirements.txt").path, context.appendingPathComponent("Dockerfile").path])
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertEqual(targets(result.json()), ["Dockerfile": ["3.8.20"], "requirements.txt": ["3.8.20"]])
        // On its own, nothing says which Python will install it.
        let alone = try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                       "--format", "json", "--no-transitive", context.appendingPathComponent("requirements.txt").path])
        XCTAssertEqual(targets(alone.json()), ["requirements.txt": ["3.10"]])
        XCTAssertEqual(alone.status, 1, "scipy 1.7.1 has no release for Python 3.10")
    }
}
