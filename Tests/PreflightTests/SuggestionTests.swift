import Foundation
import TestSupport
import XCTest

/// What preflight suggests instead of a release that does not install (issue 17.2): the nearest
/// release of the same line that installs on the target and satisfies every other limit on the
/// package, never a pre-release unless one was asked for.
final class SuggestionTests: XCTestCase {
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

    func exists(_ requirement: String, python: String) throws -> [String: Any] {
        try CLIRunner.run(["exists", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                           "--format", "json", "--python", python, "--platform", "linux-64", requirement]).json()
    }

    func testAPinWithoutWheelsForThePythonSuggestsTheNextPatchThatHasThem() throws {
        let pandas = try exists("pandas==1.3.0", python: "3.10")
        XCTAssertEqual(pandas["status"] as? String, "sdist-only")
        XCTAssertEqual(pandas["suggestions"] as? [String], ["pandas==1.3.3"], "not the newest, 2.3.3")
        let scipy = try exists("scipy==1.7.1", python: "3.10")
        XCTAssertEqual(scipy["status"] as? String, "requires-python")
        XCTAssertEqual(scipy["suggestions"] as? [String], ["scipy==1.7.2"], "not the newest for 3.10, 1.15.3")
    }

    func testAPreReleaseIsNeverSuggestedUnlessAskedFor() throws {
        let unpinned = try exists("deepspeed", python: "3.10")
        XCTAssertEqual(unpinned["status"] as? String, "sdist-only")
        XCTAssertEqual(unpinned["suggestions"] as? [String], [], "the only wheel is 0.3.1.dev5")
        let asked = try exists("deepspeed>=0.3.1.dev1,<0.4", python: "3.10")
        XCTAssertEqual(asked["status"] as? String, "available")
    }

    /// apache-beam 2.40.0 needs `dill<0.3.2,>=0.3.1.1`: only the 0.3.1.1 sdist fits, and a newer dill
    /// (0.4.0 has a wheel) is no suggestion, since the parent's limit excludes it.
    func testADependencySuggestionRespectsTheParentsSpecifier() throws {
        let spec = dir.appendingPathComponent("requirements.txt")
        try "apache-beam==2.40.0\n".write(to: spec, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--format", "json", "--python", "3.8", "--platform", "linux-64", spec.path])
        let findings = (result.json()["specs"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
        let dill = try XCTUnwrap(findings.first { $0["package"] as? String == "dill" }, RealFilesIndex.describe(findings))
        XCTAssertEqual(dill["code"] as? String, "sdist-only")
        XCTAssertEqual(dill["via"] as? [String], ["apache-beam==2.40.0"])
        XCTAssertEqual(dill["suggestions"] as? [String], [], RealFilesIndex.describe(findings))
    }

    func testASuggestionSatisfiesTheConstraintsFile() throws {
        try "pandas!=1.3.3\n".write(to: dir.appendingPathComponent("constraints.txt"), atomically: true, encoding: .utf8)
        let (_, findings) = try RealFilesIndex.check(["-c constraints.txt", "pandas==1.3.0"], server: server, directory: dir,
                                                     targets: ["--python", "3.10", "--platform", "linux-64"])
        let pandas = try XCTUnwrap(findings.first { $0["package"] as? String == "pandas" }, RealFilesIndex.describe(findings))
        XCTAssertEqual(pandas["suggestions"] as? [String], ["pandas==1.3.5"], RealFilesIndex.describe(findings))
    }
}
