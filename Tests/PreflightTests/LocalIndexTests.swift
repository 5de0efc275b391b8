import Foundation
import TestSupport
import XCTest

/// `file://` simple indexes and `--find-links` directories, plus the pip choices the pip-compare
/// script found: build tags, and a pinned version with one yanked and one good file.
final class LocalIndexTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = CLIRunner.temporaryDirectory()
        let files = root.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let projects: [String: [(String, String)]] = [
            "buildtags": [("buildtags-1.0-py3-none-any.whl", ""), ("buildtags-1.0-2-py3-none-any.whl", ""), ("buildtags-1.0-1-py3-none-any.whl", "")],
            "halfyanked": [("halfyanked-2.0-cp311-cp311-manylinux_2_17_x86_64.whl", " data-yanked=\"\""), ("halfyanked-2.0-py3-none-any.whl", "")],
        ]
        for (project, entries) in projects {
            let dir = root.appendingPathComponent("simple/\(project)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let anchors = entries.map { "<a href=\"../../files/\($0.0)\"\($0.1)>\($0.0)</a>" }.joined(separator: "\n")
            try "<html><body>\(anchors)</body></html>".write(to: dir.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
            for (name, _) in entries { FileManager.default.createFile(atPath: files.appendingPathComponent(name).path, contents: Data()) }
        }
        let links = root.appendingPathComponent("wheelhouse")
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: links.appendingPathComponent("localonly-1.0-py3-none-any.whl").path, contents: Data())
        FileManager.default.createFile(atPath: links.appendingPathComponent("README.txt").path, contents: Data())
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func exists(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLIRunner.run(["exists", "--index-url", "file://" + root.appendingPathComponent("simple").path,
                                        "--cache-dir", root.appendingPathComponent("cache").path, "--format", "json",
                                        "--python", "3.11"] + arguments)
        return result.json()
    }

    func testFileIndexAndBuildTags() throws {
        let json = try exists(["buildtags==1.0"])
        XCTAssertEqual(json["status"] as? String, "available", "\(json)")
        XCTAssertEqual((json["best"] as? [String: Any])?["filename"] as? String, "buildtags-1.0-2-py3-none-any.whl")
    }

    func testPinnedVersionPrefersTheFileThatIsNotYanked() throws {
        let json = try exists(["halfyanked==2.0"])
        XCTAssertEqual((json["best"] as? [String: Any])?["filename"] as? String, "halfyanked-2.0-py3-none-any.whl")
    }

    func testFindLinksDirectory() throws {
        let json = try exists(["--find-links", root.appendingPathComponent("wheelhouse").path, "localonly==1.0"])
        XCTAssertEqual(json["status"] as? String, "available", "\(json)")
        XCTAssertEqual((json["best"] as? [String: Any])?["filename"] as? String, "localonly-1.0-py3-none-any.whl")
        let missing = try exists(["localonly==1.0"])
        XCTAssertEqual(missing["status"] as? String, "no-such-package")
    }
}
