import Checks
import Foundation
import Reports
import Resolver
import XCTest

/// Validates the SARIF output against the official OASIS schema with `scripts/validate-sarif.sh`,
/// when that script's venv and schema are already set up (it needs PyPI the first time, and
/// tests use no network): run `scripts/validate-sarif.sh` once on any file to enable this test.
final class SARIFSchemaValidationTests: XCTestCase {
    func testOutputValidatesAgainstTheOfficialSchema() throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let script = packageRoot.appendingPathComponent("scripts/validate-sarif.sh")
        let venv = ProcessInfo.processInfo.environment["PREFLIGHT_SARIF_VENV"] ?? "/tmp/preflight-sarif-venv"
        let ready = FileManager.default.isExecutableFile(atPath: script.path)
            && FileManager.default.fileExists(atPath: venv + "/bin/python")
            && FileManager.default.fileExists(atPath: venv + "/sarif-schema-2.1.0.json")
        try XCTSkipUnless(ready, "SARIF schema validation not set up: run scripts/validate-sarif.sh once (needs PyPI) to enable it")

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("preflight-sarif-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (name, report) in [("fixture", CheckReportFixtures.report), ("hostile", CheckReportFixtures.hostile),
                               ("empty", CheckReport(specs: []))] {
            let file = directory.appendingPathComponent("\(name).sarif")
            try Data(SARIFReport.sarif(report, toolVersion: "0.0.0-test", informationURI: "https://example.org/preflight")
                .rendered().utf8).write(to: file)
            files.append(file.path)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path] + files
        process.environment = ProcessInfo.processInfo.environment.merging(["PREFLIGHT_SARIF_VENV": venv]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertEqual(text.components(separatedBy: "valid SARIF 2.1.0").count - 1, 3, text)
    }

    /// The code-scanning layout (a run per target, automationDetails, partialFingerprints) too.
    func testCodeScanningLayoutValidatesAgainstTheOfficialSchema() throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let script = packageRoot.appendingPathComponent("scripts/validate-sarif.sh")
        let venv = ProcessInfo.processInfo.environment["PREFLIGHT_SARIF_VENV"] ?? "/tmp/preflight-sarif-venv"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: venv + "/sarif-schema-2.1.0.json"),
                          "SARIF schema validation not set up: run scripts/validate-sarif.sh once (needs PyPI) to enable it")
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("preflight-sarif-code-scanning-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(SARIFReport.sarif(CheckReportFixtures.report, toolVersion: "0.0.0-test",
                                   codeScanning: SARIFCodeScanning(root: "/repo")).rendered().utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, file.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["PREFLIGHT_SARIF_VENV": venv]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("valid SARIF 2.1.0"), text)
    }
}
