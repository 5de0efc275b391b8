import Foundation
import TestSupport
import XCTest

/// A yanked pin names the index's reason (PEP 592) and the nearest release of the same line that
/// is not yanked and installs on the target.
final class YankedNoticeTests: XCTestCase {
    func yankedFinding(htmlOnly: Bool) throws -> [String: Any] {
        let server = try RealFilesIndex.start(htmlOnly: htmlOnly)
        let dir = CLIRunner.temporaryDirectory()
        defer { server.stop(); try? FileManager.default.removeItem(at: dir) }
        let (result, findings) = try RealFilesIndex.check(["requests==2.32.0"], server: server, directory: dir,
                                                          targets: ["--python", "3.11", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let yanked = findings.filter { $0["code"] as? String == "yanked" }
        XCTAssertEqual(yanked.count, 1, RealFilesIndex.describe(findings))
        return try XCTUnwrap(yanked.first)
    }

    func testYankedPinCarriesReasonAndNearestReplacement() throws {
        for htmlOnly in [false, true] {
            let finding = try yankedFinding(htmlOnly: htmlOnly)
            let message = finding["message"] as? String ?? ""
            XCTAssertTrue(message.contains("requests 2.32.0 is yanked"), message)
            XCTAssertTrue(message.contains("Yanked due to conflicts with CVE-2024-35195 mitigation"), message)
            // 2.32.1 is yanked as well; 2.32.2 is the nearest good release, not the newest (2.32.3).
            XCTAssertTrue(message.contains("2.32.2"), message)
            XCTAssertFalse(message.contains("2.32.3"), message)
            XCTAssertEqual((finding["suggestions"] as? [String])?.first, "requests==2.32.2", "\(finding)")
        }
    }
}
