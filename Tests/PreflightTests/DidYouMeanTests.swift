import Foundation
import TestSupport
import XCTest

/// Mistakes answered with what was meant (issue 17): a mistyped subcommand or `--platform`, and a
/// directory given to `check`, are usage errors (exit 2) that say what to type instead.
final class DidYouMeanTests: XCTestCase {
    func testMistypedSubcommand() throws {
        for (typed, meant) in [("chek", "check"), ("exist", "exists"), ("audti", "audit")] {
            let result = try CLIRunner.run([typed, "requirements.txt"])
            XCTAssertEqual(result.status, 2, typed)
            XCTAssertEqual(result.stdout, "")
            XCTAssertTrue(result.stderr.contains("did you mean `\(meant)`?"), result.stderr)
        }
        let far = try CLIRunner.run(["frobnicate"])
        XCTAssertEqual(far.status, 2)
        XCTAssertTrue(far.stderr.contains("exists, check, audit, cache"), far.stderr)
    }

    func testUnknownPlatform() throws {
        for (typed, meant) in [("linux64", "linux-64"), ("osx-arm", "osx-arm64"), ("manylinux_2_28_x86-64", "manylinux_2_28_x86_64")] {
            let result = try CLIRunner.run(["exists", "six", "--platform", typed])
            XCTAssertEqual(result.status, 2, typed)
            XCTAssertTrue(result.stderr.contains("did you mean '\(meant)'?"), result.stderr)
        }
    }

    func testDirectoryGivenToCheck() throws {
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIRunner.run(["check", dir.path, "--cache-dir", dir.appendingPathComponent("cache").path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("is a directory") && result.stderr.contains("preflight audit \(dir.path) --out DIR"), result.stderr)
    }
}
