import Foundation
import TestSupport
import XCTest

/// Names that never install what the line meant (issue 17.4): PyPI placeholders whose install
/// fails on purpose, and backports of standard-library modules. Their sdists look like any sdist,
/// so the name is the finding, with the real project.
final class PlaceholderTests: XCTestCase {
    var server: LoopbackHTTPServer!
    var dir: URL!

    override func setUpWithError() throws {
        server = try RealFilesIndex.start()
        dir = CLIRunner.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    func testPlaceholdersAndBackportsAreErrorsNamingTheRealProject() throws {
        let (result, findings) = try RealFilesIndex.check(["sklearn", "pytorch==1.0.2", "uuid"], server: server, directory: dir,
                                                          targets: ["--python", "3.8", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 1, RealFilesIndex.describe(findings))
        XCTAssertEqual(findings.compactMap { $0["code"] as? String }, Array(repeating: "placeholder-package", count: 3), RealFilesIndex.describe(findings))
        XCTAssertTrue(findings.allSatisfy { $0["severity"] as? String == "error" })
        XCTAssertEqual(findings.map { $0["suggestions"] as? [String] ?? [] }, [["scikit-learn"], ["torch"], []])
        let sklearn = findings[0]["message"] as? String ?? ""
        XCTAssertEqual(sklearn, "sklearn is a placeholder on PyPI, not a project: installing it fails on purpose; the project is scikit-learn")
        let uuid = findings[2]["message"] as? String ?? ""
        XCTAssertTrue(uuid.hasPrefix("uuid is part of the standard library since Python 2.5"), uuid)
        XCTAssertTrue(uuid.hasSuffix("remove the line"), uuid)
    }

    func testExistsSuggestsTheRealProjectForAPlaceholder() throws {
        let result = try CLIRunner.run(["exists", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--format", "json", "--python", "3.8", "sklearn"])
        let json = result.json()
        XCTAssertEqual(json["status"] as? String, "sdist-only", "the status still says what the files are")
        XCTAssertEqual(json["suggestions"] as? [String], ["scikit-learn"])
        XCTAssertEqual(result.status, 1)
    }

    /// A dependency on a placeholder fails the parent's install; a backport it asks for is its own business.
    func testADependencyOnAPlaceholderIsReportedWithItsChain() throws {
        let spec = dir.appendingPathComponent("requirements.txt")
        try "legacy-model==0.1\n".write(to: spec, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--format", "json", "--python", "3.8", "--platform", "linux-64", "--no-resolve", spec.path])
        let findings = (result.json()["specs"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
        let placeholder = try XCTUnwrap(findings.first { $0["code"] as? String == "placeholder-package" }, RealFilesIndex.describe(findings))
        XCTAssertEqual(placeholder["package"] as? String, "sklearn")
        XCTAssertEqual(placeholder["via"] as? [String], ["legacy-model==0.1"])
        XCTAssertEqual(placeholder["suggestions"] as? [String], ["scikit-learn"])
        XCTAssertFalse(findings.contains { $0["package"] as? String == "uuid" && $0["code"] as? String == "placeholder-package" })
    }
}
