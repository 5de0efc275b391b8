import Foundation
import TestSupport
import XCTest

/// What a base image says about the target (issue 17.6): an official `python:X.Y` tag is that
/// minor's latest patch release (stated in the report), and its glibc is that of the Debian
/// release the image is built on; an explicit `--python X.Y` keeps pip's X.Y.0.
final class ImageTargetTests: XCTestCase {
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

    func check(image: String, _ extra: [String] = []) throws -> (CLIResult, target: [String: Any], findings: [[String: Any]]) {
        let dockerfile = dir.appendingPathComponent("Dockerfile-\(UUID().uuidString.prefix(6))")
        try "FROM \(image)\nRUN pip install --no-cache-dir adlfs==2022.4.0\n".write(to: dockerfile, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--format", "json", "--no-transitive", "--kind", "dockerfile"] + extra + [dockerfile.path])
        let spec = (result.json()["specs"] as? [[String: Any]])?.first ?? [:]
        return (result, (spec["targets"] as? [[String: Any]])?.first ?? [:], spec["findings"] as? [[String: Any]] ?? [])
    }

    func testAPythonImageTagIsItsLatestPatch() throws {
        let (result, target, findings) = try check(image: "python:3.8")
        XCTAssertEqual(target["python"] as? String, "3.8.20")
        XCTAssertEqual(result.status, 0, RealFilesIndex.describe(findings))
        XCTAssertFalse(findings.contains { $0["code"] as? String == "requires-python" }, RealFilesIndex.describe(findings))
        XCTAssertTrue(try check(image: "python:3.8", ["--format", "text"]).0.stdout.contains("checked for py3.8.20 linux-64 glibc 2.36"))
    }

    func testAnExplicitPythonKeepsPipsRule() throws {
        let (result, target, findings) = try check(image: "python:3.8", ["--python", "3.8"])
        XCTAssertEqual(target["python"] as? String, "3.8")
        XCTAssertEqual(result.status, 1)
        let message = findings.first { $0["code"] as? String == "requires-python" }?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("requires Python >3.8; the target is 3.8"), RealFilesIndex.describe(findings))
    }

    func testThePatchOfATagThatNamesOneIsKept() throws {
        XCTAssertEqual(try check(image: "python:3.8.5-slim").target["python"] as? String, "3.8.5")
    }

    func testGlibcOfPythonImagesFollowsTheirDebianRelease() throws {
        for (image, glibc) in [("python:3.11-slim", "2.36"), ("python:3.8", "2.36"), ("docker.io/library/python:3.6", "2.31"),
                               ("python:3.10-slim-bullseye", "2.31"), ("python:3.9-buster", "2.28"), ("python:3.12-slim-trixie", "2.41")] {
            XCTAssertEqual(try check(image: image).target["glibc"] as? String, glibc, image)
        }
    }
}
