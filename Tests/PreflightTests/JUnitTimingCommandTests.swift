import Foundation
import TestSupport
import XCTest

/// `check --format junit` states when it ran and how long it took, and the same file twice
/// under `SOURCE_DATE_EPOCH`, replayed from the memo or not.
final class JUnitTimingCommandTests: XCTestCase {
    func testTimestampFollowsSourceDateEpoch() throws {
        let server = try FakeIndex.start()
        defer { server.stop() }
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("requirements.txt")
        try "demo==2.0\n".write(to: spec, atomically: true, encoding: .utf8)
        let args = ["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("c").path,
                    "--format", "junit", "--python", "3.8", spec.path]

        let live = try CLIRunner.run(args)
        XCTAssertFalse(live.stdout.contains(#"timestamp="2023-11-14T22:13:20""#), live.stdout)
        XCTAssertNotNil(live.stdout.range(of: #"<testsuites [^>]* time="\d+\.\d{3}" timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d">"#,
                                          options: .regularExpression), live.stdout)

        let fixed = try CLIRunner.run(args, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        XCTAssertTrue(fixed.stdout.contains(#"time="0.000" timestamp="2023-11-14T22:13:20">"#), fixed.stdout)
        let again = try CLIRunner.run(args, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        XCTAssertEqual(again.stdout, fixed.stdout)
    }
}
