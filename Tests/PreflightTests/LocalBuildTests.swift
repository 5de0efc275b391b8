import Foundation
import TestSupport
import XCTest

/// Requirements no index can answer for get a finding that says so, not "not found": a pin to a
/// local build (`azureml-samples==0+unknown`, as `pip freeze` writes a package installed from a
/// checkout) is an error, since pip fails on it, and a local project (`-e .`, `file:` to a
/// source tree) is an info, since pip builds it where it runs.
final class LocalBuildTests: XCTestCase {
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

    func check(_ lines: [String], _ targets: [String] = ["--python", "3.11", "--platform", "linux-64"]) throws -> (CLIResult, [[String: Any]]) {
        try RealFilesIndex.check(lines, server: server, directory: dir, targets: targets)
    }

    func findings(_ all: [[String: Any]], line: Int) -> [[String: Any]] {
        all.filter { $0["line"] as? Int == line }
    }

    func testLocalBuildPinsAreUnverifiableReferencesNotVersionNotFound() throws {
        let (result, all) = try check([
            "azureml-samples==0+unknown",          // 1: not on the index at all
            "numpy==1.24.4+g1a2b3c4",              // 2: the project exists; that build never was published
            "requests===2.32.3.dev3+g0123abcd.d20240131",  // 3: setuptools-scm, dirty tree
            "numpy==1.24.4+cpu",                   // 4: a vendor-index label: an ordinary verdict
            "numpy==1.24.4",                       // 5: fine
        ])
        XCTAssertEqual(result.status, 1, result.stderr)
        for (line, label) in [(1, "+unknown"), (2, "+g1a2b3c4"), (3, "+g0123abcd.d20240131")] {
            let here = findings(all, line: line)
            XCTAssertEqual(here.compactMap { $0["code"] as? String }, ["unverifiable-reference"], "line \(line): \(RealFilesIndex.describe(all))")
            XCTAssertEqual(here.first?["severity"] as? String, "error", "pip cannot install it")
            let message = here.first?["message"] as? String ?? ""
            XCTAssertTrue(message.contains("pins a local build"), message)
            XCTAssertTrue(message.contains("`\(label)`"), message)
            XCTAssertTrue(message.contains("no index can have it"), message)
        }
        XCTAssertEqual(findings(all, line: 1).first?["package"] as? String, "azureml-samples")
        let published = findings(all, line: 2).first?["suggestions"] as? [String] ?? []
        XCTAssertTrue(published.contains("numpy==1.24.4"), "a published release to pin instead: \(published)")
        XCTAssertEqual(findings(all, line: 4).compactMap { $0["code"] as? String }, ["version-not-found"], RealFilesIndex.describe(all))
        XCTAssertEqual(findings(all, line: 5).filter { $0["severity"] as? String != "info" }.count, 0, RealFilesIndex.describe(all))
        XCTAssertFalse(all.contains { $0["code"] as? String == "unsatisfiable" }, "the pin is explained already: \(RealFilesIndex.describe(all))")
    }

    func testLocalProjectsAreUnverifiableReferencesOncePerLine() throws {
        let project = dir.appendingPathComponent("src/azureml-samples")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let (result, all) = try check([
            "-e .",                                       // 1
            "file://" + project.path,                     // 2
            "azureml-samples @ file://" + project.path,   // 3
            "./src/azureml-samples",                      // 4
            "file://" + dir.appendingPathComponent("gone").path,  // 5: missing: source-unreachable, as before
        ], ["--python", "3.8", "--python", "3.11", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 3, RealFilesIndex.describe(all))
        for line in 1...4 {
            let here = findings(all, line: line)
            XCTAssertEqual(here.compactMap { $0["code"] as? String }, ["unverifiable-reference"], "line \(line), once for both targets: \(RealFilesIndex.describe(all))")
            XCTAssertEqual(here.first?["severity"] as? String, "info")
            XCTAssertTrue((here.first?["message"] as? String ?? "").contains("is a local project"), RealFilesIndex.describe(here))
        }
        XCTAssertEqual(findings(all, line: 5).compactMap { $0["code"] as? String }, ["source-unreachable"], RealFilesIndex.describe(all))
    }
}
