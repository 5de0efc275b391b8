import Foundation
import TestSupport
import XCTest

/// pip's, uv's and conda's environment variables as defaults (issue 17): PIP_INDEX_URL and
/// PIP_EXTRA_INDEX_URL, else UV_INDEX_URL and UV_EXTRA_INDEX_URL, for the index; CONDA_SUBDIR for
/// the platform. Command-line flags and the spec's own options win.
final class InstallerEnvironmentTests: XCTestCase {
    var root: URL!
    var index: String { "file://" + root.appendingPathComponent("simple").path }
    var nowhere: String { "file://" + root.appendingPathComponent("nowhere").path }

    override func setUpWithError() throws {
        root = CLIRunner.temporaryDirectory()
        let project = root.appendingPathComponent("simple/mirrored")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("nowhere"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("files"), withIntermediateDirectories: true)
        let wheel = "mirrored-1.0-py3-none-any.whl"
        try "<html><body><a href=\"../../files/\(wheel)\">\(wheel)</a></body></html>"
            .write(to: project.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: root.appendingPathComponent("files/\(wheel)").path, contents: Data())
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func exists(_ arguments: [String], _ environment: [String: String]) throws -> [String: Any] {
        let result = try CLIRunner.run(["exists", "mirrored==1.0", "--format", "json", "--offline",
                                        "--cache-dir", root.appendingPathComponent("cache").path] + arguments, environment: environment)
        return result.json()
    }

    func testIndexVariables() throws {
        XCTAssertEqual(try exists([], ["PIP_INDEX_URL": index])["status"] as? String, "available")
        XCTAssertEqual(try exists([], ["UV_INDEX_URL": index])["status"] as? String, "available")
        // pip's variable before uv's, and the flag before both.
        XCTAssertEqual(try exists([], ["PIP_INDEX_URL": nowhere, "UV_INDEX_URL": index])["status"] as? String, "no-such-package")
        XCTAssertEqual(try exists(["--index-url", index], ["PIP_INDEX_URL": nowhere])["status"] as? String, "available")
        XCTAssertEqual(try exists(["--index-url", nowhere], ["PIP_EXTRA_INDEX_URL": "\(nowhere) \(index)"])["status"] as? String, "available")
        XCTAssertEqual(try exists(["--index-url", nowhere], ["UV_EXTRA_INDEX_URL": index])["status"] as? String, "available")
        let bad = try CLIRunner.run(["exists", "mirrored"], environment: ["PIP_INDEX_URL": "ftp://mirror.example"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("PIP_INDEX_URL"), bad.stderr)
    }

    func testCheckReadsTheVariableAndTheSpecOwnIndexWins() throws {
        let check = { (text: String, environment: [String: String]) in
            let spec = self.root.appendingPathComponent("requirements.txt")
            try text.write(to: spec, atomically: true, encoding: .utf8)
            return try CLIRunner.run(["check", spec.path, "--format", "json", "--offline", "--cache-dir",
                                      self.root.appendingPathComponent("cache").path], environment: environment)
        }
        let plain = try check("mirrored==1.0\n", ["PIP_INDEX_URL": index])
        XCTAssertEqual(plain.status, 0, plain.stdout + plain.stderr)
        let own = try check("--index-url \(index)\nmirrored==1.0\n", ["PIP_INDEX_URL": nowhere])
        XCTAssertEqual(own.status, 0, own.stdout + own.stderr)
        let missing = try check("mirrored==1.0\n", ["PIP_INDEX_URL": nowhere])
        XCTAssertEqual(missing.status, 1, missing.stdout + missing.stderr)
    }

    func testCondaSubdirIsTheDefaultPlatform() throws {
        let target = { (json: [String: Any]) in (json["target"] as? [String: String])?["platform"] }
        XCTAssertEqual(target(try exists(["--index-url", index], ["CONDA_SUBDIR": "osx-arm64"])), "osx-arm64")
        XCTAssertEqual(target(try exists(["--index-url", index, "--platform", "linux-64"], ["CONDA_SUBDIR": "osx-arm64"])), "linux-64")
        let ignored = try CLIRunner.run(["exists", "mirrored==1.0", "--index-url", index, "--format", "json",
                                         "--cache-dir", root.appendingPathComponent("cache").path], environment: ["CONDA_SUBDIR": "linux-armv7l"])
        XCTAssertEqual((ignored.json()["target"] as? [String: String])?["platform"], "linux-64")
        XCTAssertTrue(ignored.stderr.contains("CONDA_SUBDIR=linux-armv7l"), ignored.stderr)
    }
}
