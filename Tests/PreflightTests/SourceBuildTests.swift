import Foundation
import TestSupport
import XCTest

/// How an sdist-only finding words the build (issue 17.5): "needs a compiler" only with evidence
/// (platform wheels and never a pure-Python one, or a declared compiled language), a warning;
/// otherwise "builds from source at install time", info.
final class SourceBuildTests: XCTestCase {
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

    func sdistFindings(_ lines: [String], python: String) throws -> [String: [String: Any]] {
        let (_, findings) = try RealFilesIndex.check(lines, server: server, directory: dir, targets: ["--python", python, "--platform", "linux-64"])
        var out: [String: [String: Any]] = [:]
        for finding in findings where finding["code"] as? String == "sdist-only" { out[finding["package"] as? String ?? ""] = finding }
        return out
    }

    func testAPurePythonSdistBuildsFromSourceAndIsInfo() throws {
        let fusepy = try XCTUnwrap(try sdistFindings(["fusepy"], python: "3.10")["fusepy"])
        XCTAssertEqual(fusepy["severity"] as? String, "info")
        XCTAssertEqual(fusepy["message"] as? String, "fusepy has only a source distribution for py3.10 linux-64 glibc 2.28: it builds from source at install time")
    }

    func testPlatformWheelsElsewhereMeanACompiler() throws {
        let pandas = try XCTUnwrap(try sdistFindings(["pandas==1.3.0"], python: "3.10")["pandas"])
        XCTAssertEqual(pandas["severity"] as? String, "warning")
        let message = pandas["message"] as? String ?? ""
        XCTAssertTrue(message.hasSuffix("and may fail"), message)
        XCTAssertTrue(message.contains("the build needs a compiler (pandas ships only platform-specific wheels, e.g. cp310-cp310-manylinux_2_24_x86_64.manylinux_2_28_x86_64, never a pure-Python one)"), message)
    }

    func testADeclaredCompiledLanguageMeansACompiler() throws {
        let crcmod = try XCTUnwrap(try sdistFindings(["crcmod==1.7"], python: "3.8")["crcmod"])
        XCTAssertEqual(crcmod["severity"] as? String, "warning")
        XCTAssertTrue((crcmod["message"] as? String ?? "").contains("its metadata declares Programming Language :: C"), "\(crcmod)")
    }

    func testExistsSaysTheSameInItsDetails() throws {
        let result = try CLIRunner.run(["exists", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--python", "3.10", "fusepy"])
        XCTAssertTrue(result.stdout.contains("only a source distribution fits py3.10 linux-64 glibc 2.28: it builds from source at install time"), result.stdout)
        XCTAssertFalse(result.stdout.contains("compiler"), result.stdout)
    }
}
