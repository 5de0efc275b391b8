import Foundation
@testable import Configuration
import TestSupport
import XCTest

/// Help, usage errors and configuration loading, through the real binary.
final class CommandLineTests: XCTestCase {
    func testHelpDescribesEverySubcommand() throws {
        let root = try CLIRunner.run(["--help"])
        XCTAssertEqual(root.status, 0)
        for sub in ["exists", "check", "audit", "cache"] { XCTAssertTrue(root.stdout.contains(sub), root.stdout) }
        for sub in ["exists", "check", "audit", "cache"] {
            let help = try CLIRunner.run([sub, "--help"])
            XCTAssertEqual(help.status, 0, sub)
            XCTAssertTrue(help.stdout.contains("USAGE"), help.stdout)
        }
        let exists = try CLIRunner.run(["exists", "--help"])
        for flag in ["--python", "--platform", "--glibc", "--macos", "--cuda", "--offline", "--cache-dir", "--allow-sdist", "--index-url", "--channel"] {
            XCTAssertTrue(exists.stdout.contains(flag), "exists --help lacks \(flag)")
        }
    }

    func testUsageErrorsExitTwo() throws {
        for arguments in [["exists"], ["exists", "--platform", "amiga", "six"], ["exists", "--python", "three", "six"],
                          ["exists", "--format", "xml", "six"], ["frobnicate"], ["exists", "six==="]] {
            let result = try CLIRunner.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", "\(arguments)")
            XCTAssertFalse(result.stderr.isEmpty)
        }
    }

    func testBadConfigurationNamesFileAndLine() throws {
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            ("network:\n  retries: many\n", ":2:"),
            ("pypi:\n  index_url: ftp://example.org\n", ":2:"),
            ("targets:\n  python: [3, 8\n", ":"),
            ("cache:\n  lifetime: 10\nunknown_section: 1\n", ":3:"),
        ]
        for (text, place) in cases {
            let file = dir.appendingPathComponent("bad.yaml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let result = try CLIRunner.run(["exists", "--config", file.path, "--cache-dir", dir.path, "six"])
            XCTAssertEqual(result.status, 2, text)
            XCTAssertTrue(result.stderr.contains(file.path + place), "\(text): \(result.stderr)")
        }
    }

    func testShippedConfigFileEqualsBuiltInDefaults() throws {
        let path = CLIRunner.packageRoot.appendingPathComponent("Config/preflight.yaml").path
        var fromFile = PreflightConfiguration()
        try ConfigurationLoader.apply(path: path, to: &fromFile)
        fromFile.provenance = SettingProvenance()
        XCTAssertEqual(fromFile, PreflightConfiguration())
    }

    func testCacheInfoAndClean() throws {
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let info = try CLIRunner.run(["cache", "info", "--cache-dir", dir.path])
        XCTAssertEqual(info.status, 0)
        XCTAssertTrue(info.stdout.contains("entries:  0"), info.stdout)
        XCTAssertEqual(try CLIRunner.run(["cache", "clean", "--cache-dir", dir.path, "--older-than", "7d"]).status, 0)
        XCTAssertEqual(try CLIRunner.run(["cache", "clean", "--cache-dir", dir.path, "--older-than", "soon"]).status, 2)
    }
}
