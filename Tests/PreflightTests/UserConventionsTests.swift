import Foundation
import TestSupport
import XCTest

/// What pip and uv users type, accepted as they mean it (issue 17): their Python and platform
/// spellings, `--version`, `-v`/`-q`, and `-` for a spec on stdin.
final class UserConventionsTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = CLIRunner.temporaryDirectory()
        let project = root.appendingPathComponent("simple/anywhere")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("files"), withIntermediateDirectories: true)
        let wheel = "anywhere-1.0-py3-none-any.whl"
        try "<html><body><a href=\"../../files/\(wheel)\">\(wheel)</a></body></html>"
            .write(to: project.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: root.appendingPathComponent("files/\(wheel)").path, contents: Data())
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    var indexArguments: [String] {
        ["--index-url", "file://" + root.appendingPathComponent("simple").path, "--cache-dir", root.appendingPathComponent("cache").path]
    }

    func existsTarget(_ arguments: [String]) throws -> [String: String] {
        let result = try CLIRunner.run(["exists", "anywhere==1.0", "--format", "json"] + indexArguments + arguments)
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
        return (result.json()["target"] as? [String: String]) ?? [:]
    }

    func testPipAndUvPythonSpellings() throws {
        for arguments in [["--python-version", "38"], ["--python", "cp38"], ["--python", "py38"], ["--python", "3.8"],
                          ["--python-version", "3.8"]] {
            XCTAssertEqual(try existsTarget(arguments)["python"], "3.8", "\(arguments)")
        }
        XCTAssertEqual(try existsTarget(["--python", "cp311"])["python"], "3.11")
        XCTAssertEqual(try existsTarget(["--python-version", "310"])["python"], "3.10")
        let bad = try CLIRunner.run(["exists", "anywhere", "--python", "cp3"] + indexArguments)
        XCTAssertEqual(bad.status, 2, bad.stderr)
    }

    func testWheelPlatformTagsAndUvTriples() throws {
        let cases: [(String, String, String?)] = [
            ("manylinux2014_x86_64", "linux-64", "2.17"), ("manylinux_2_31_x86_64", "linux-64", "2.31"),
            ("manylinux_2_28_aarch64", "linux-aarch64", "2.28"), ("linux_aarch64", "linux-aarch64", "2.28"),
            ("macosx_11_0_arm64", "osx-arm64", nil), ("win_amd64", "win-64", nil),
            ("x86_64-manylinux_2_31", "linux-64", "2.31"), ("x86_64-unknown-linux-gnu", "linux-64", "2.28"),
            ("aarch64-apple-darwin", "osx-arm64", nil), ("x86_64-apple-darwin", "osx-64", nil),
            ("x86_64-pc-windows-msvc", "win-64", nil),
        ]
        for (alias, platform, glibc) in cases {
            let target = try existsTarget(["--platform", alias])
            XCTAssertEqual(target["platform"], platform, alias)
            XCTAssertEqual(target["glibc"], glibc, alias)
        }
        // --glibc given wins over the tag's.
        XCTAssertEqual(try existsTarget(["--platform", "manylinux_2_31_x86_64", "--glibc", "2.17"])["glibc"], "2.17")
        let universal = try CLIRunner.run(["exists", "anywhere", "--platform", "macosx_11_0_universal2"] + indexArguments)
        XCTAssertEqual(universal.status, 2, universal.stderr)
    }

    func testVersionFlag() throws {
        let result = try CLIRunner.run(["--version"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0.1.0")
    }

    func testVerboseIsTheTraceAndQuietSilencesProgress() throws {
        let spec = root.appendingPathComponent("specs/requirements.txt")
        try FileManager.default.createDirectory(at: spec.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "anywhere==1.0\n".write(to: spec, atomically: true, encoding: .utf8)
        let verbose = try CLIRunner.run(["check", spec.path, "-v"] + indexArguments)
        XCTAssertEqual(verbose.status, 0, verbose.stderr)
        XCTAssertTrue(verbose.stderr.contains("trace ") && verbose.stderr.contains("checked "), verbose.stderr)
        let plain = try CLIRunner.run(["check", spec.path, "--no-resolve"] + indexArguments)
        XCTAssertFalse(plain.stderr.contains("trace "), plain.stderr)

        let audit = { (extra: [String]) in
            try CLIRunner.run(["audit", spec.deletingLastPathComponent().path, "--out", self.root.appendingPathComponent("out").path]
                              + self.indexArguments + extra)
        }
        let loud = try audit([])
        XCTAssertEqual(loud.status, 0, loud.stderr)
        XCTAssertTrue(loud.stderr.contains("[1/1]"), loud.stderr)
        let quiet = try audit(["-q"])
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertEqual(quiet.stderr, "")
        XCTAssertEqual(try CLIRunner.run(["check", spec.path, "-v", "-q"] + indexArguments).status, 2)
    }

    func testSpecOnStandardInput() throws {
        let piped = Data("anywhere==1.0\nmissing-here==1.0\n".utf8)
        for extra in [[], ["--kind", "pip-requirements"]] {
            let result = try CLIRunner.run(["check", "-", "--format", "json", "--no-resolve"] + indexArguments + extra, input: piped)
            XCTAssertEqual(result.status, 1, result.stderr)
            let specs = result.json()["specs"] as? [[String: Any]] ?? []
            XCTAssertEqual(specs.first?["path"] as? String, "-", result.stdout)
            XCTAssertEqual(specs.first?["kind"] as? String, "pip-requirements")
            let errors = (specs.first?["findings"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
            XCTAssertEqual(errors.compactMap { $0["package"] as? String }, ["missing-here"], result.stdout)
            XCTAssertEqual(errors.first?["line"] as? Int, 2)
        }
    }
}

/// `--color`, FORCE_COLOR and NO_COLOR through the real binary (stdout is a pipe here).
final class ColourFlagTests: XCTestCase {
    func testColourFlagAndEnvironment() throws {
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let wheelhouse = dir.appendingPathComponent("wheels")
        try FileManager.default.createDirectory(at: wheelhouse, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: wheelhouse.appendingPathComponent("tinted-1.0-py3-none-any.whl").path, contents: Data())
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("simple"), withIntermediateDirectories: true)
        let run = { (extra: [String], environment: [String: String]) in
            try CLIRunner.run(["exists", "tinted==1.0", "--index-url", "file://" + dir.appendingPathComponent("simple").path,
                               "--find-links", wheelhouse.path, "--cache-dir", dir.appendingPathComponent("cache").path] + extra,
                              environment: environment)
        }
        let escape = "\u{1B}["
        let always = try run(["--color", "always"], [:])
        XCTAssertEqual(always.status, 0, always.stderr)
        XCTAssertTrue(always.stdout.contains(escape), always.stdout)
        XCTAssertFalse(try run([], [:]).stdout.contains(escape))
        XCTAssertTrue(try run([], ["NO_COLOR": "", "FORCE_COLOR": "1"]).stdout.contains(escape))
        XCTAssertFalse(try run([], ["NO_COLOR": "1", "FORCE_COLOR": "1"]).stdout.contains(escape))
        XCTAssertFalse(try run(["--color", "never"], ["NO_COLOR": "", "FORCE_COLOR": "1"]).stdout.contains(escape))
        XCTAssertEqual(try run(["--color", "sometimes"], [:]).status, 2)
    }
}
