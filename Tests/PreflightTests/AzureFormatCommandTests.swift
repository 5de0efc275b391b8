import Foundation
import TestSupport
import XCTest

/// `check --format azure` (and its alias `ado`) prints Azure Pipelines logging commands.
final class AzureFormatCommandTests: XCTestCase {
    func testAzureFormatPrintsLogIssues() throws {
        let server = try FakeIndex.start()
        defer { server.stop() }
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("requirements.txt")
        try "demo==2.0\nno-such-package-here==1.0\n".write(to: spec, atomically: true, encoding: .utf8)
        for name in ["azure", "ado"] {
            let result = try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("c").path,
                                            "--format", name, "--python", "3.8", spec.path])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stdout.contains("##vso[task.logissue type=error;sourcepath=\(spec.path);linenumber=2;columnnumber=1;code=package-not-found]"),
                          result.stdout)
        }
    }
}
