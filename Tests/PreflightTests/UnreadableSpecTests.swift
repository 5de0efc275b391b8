import Foundation
import TestSupport
import XCTest

/// A spec that cannot be read at all (missing, binary, no spec kind) is in every report as an
/// `invalid-spec` error that says why, and counts in the summary; the exit status stays 2.
/// Machine-readable output must never read as "clean" for a run that could not check a spec.
final class UnreadableSpecTests: XCTestCase {
    var server: LoopbackHTTPServer!
    var dir: URL!

    var good: URL { dir.appendingPathComponent("requirements.txt") }
    var binary: URL { dir.appendingPathComponent("requirements-binary.txt") }
    var missing: URL { dir.appendingPathComponent("requirements-missing.txt") }
    var unknown: URL { dir.appendingPathComponent("settings.yaml") }
    var including: URL { dir.appendingPathComponent("requirements-include.txt") }

    override func setUpWithError() throws {
        server = try FakeIndex.start()
        dir = CLIRunner.temporaryDirectory()
        try "demo==2.0\n".write(to: good, atomically: true, encoding: .utf8)
        try Data([0x64, 0x65, 0x00, 0x01, 0xFF, 0x0A]).write(to: binary)
        try "colour: blue\nsize: 3\n".write(to: unknown, atomically: true, encoding: .utf8)
        try "demo==2.0\n-r requirements-binary.txt\n".write(to: including, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    func check(_ specs: [URL], format: String) throws -> CLIResult {
        try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                           "--format", format, "--python", "3.8", "--platform", "linux-64"] + specs.map(\.path))
    }

    /// Why each unreadable spec could not be read, as the finding says it.
    var reasons: [(URL, String)] {
        [(binary, "not a text file"), (missing, "no such file"), (unknown, "not a spec that preflight knows")]
    }

    func testJSONListsEachUnreadableSpecWithAnInvalidSpecErrorAndCountsIt() throws {
        let result = try check([good, binary, missing, unknown], format: "json")
        XCTAssertEqual(result.status, 2, result.stderr)
        let json = result.json()
        let specs = json["specs"] as? [[String: Any]] ?? []
        XCTAssertEqual(specs.compactMap { $0["path"] as? String }, [good, binary, missing, unknown].map(\.path), "in the order given")
        for (url, reason) in reasons {
            let spec = try XCTUnwrap(specs.first { $0["path"] as? String == url.path })
            XCTAssertEqual(spec["kind"] as? String, "unknown")
            let findings = spec["findings"] as? [[String: Any]] ?? []
            XCTAssertEqual(findings.count, 1, "\(findings)")
            XCTAssertEqual(findings.first?["code"] as? String, "invalid-spec")
            XCTAssertEqual(findings.first?["severity"] as? String, "error")
            let message = findings.first?["message"] as? String ?? ""
            XCTAssertTrue(message.contains(reason), message)
            XCTAssertTrue(message.hasPrefix("cannot read the spec"), message)
        }
        let summary = try XCTUnwrap(json["summary"] as? [String: Any])
        XCTAssertEqual(summary["specs"] as? Int, 4)
        XCTAssertEqual(summary["errors"] as? Int, 3)
        // The stderr line names the file once.
        XCTAssertTrue(result.stderr.contains("cannot read \(binary.path): not a text file"), result.stderr)
        XCTAssertFalse(result.stderr.contains("\(binary.path): \(binary.path)"), result.stderr)

        // The binary spec alone, as in the issue: the spec is there, the summary is not zero.
        let alone = try check([binary], format: "json")
        XCTAssertEqual(alone.status, 2)
        XCTAssertEqual((alone.json()["summary"] as? [String: Any])?["errors"] as? Int, 1, alone.stdout)
        XCTAssertEqual((alone.json()["specs"] as? [[String: Any]])?.count, 1, alone.stdout)
    }

    func testSARIFGitHubJUnitAndTextShowEachUnreadableSpec() throws {
        let specs = [good, binary, missing, unknown]
        let sarif = try check(specs, format: "sarif")
        XCTAssertEqual(sarif.status, 2, sarif.stderr)
        let results = ((sarif.json()["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        for (url, reason) in reasons {
            let result = results.first { r in
                let location = (r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
                let uri = (location?["artifactLocation"] as? [String: Any])?["uri"] as? String ?? ""
                return uri.hasSuffix(url.lastPathComponent)
            }
            XCTAssertEqual(result?["ruleId"] as? String, "invalid-spec", sarif.stdout)
            XCTAssertEqual(result?["level"] as? String, "error")
            XCTAssertTrue(((result?["message"] as? [String: Any])?["text"] as? String ?? "").contains(reason), sarif.stdout)
        }

        let github = try check(specs, format: "github")
        XCTAssertEqual(github.status, 2, github.stderr)
        for (url, reason) in reasons {
            XCTAssertTrue(github.stdout.contains("::error file=\(url.path),title=invalid-spec::cannot read the spec: \(reason)"), github.stdout)
        }

        let junit = try check(specs, format: "junit")
        XCTAssertEqual(junit.status, 2, junit.stderr)
        for (url, reason) in reasons {
            XCTAssertTrue(junit.stdout.contains(url.path), junit.stdout)
            XCTAssertTrue(junit.stdout.contains(reason), junit.stdout)
        }
        XCTAssertTrue(junit.stdout.contains("invalid-spec"), junit.stdout)
        XCTAssertTrue(junit.stdout.contains("<testsuites name=\"preflight check\" tests=\"4\" failures=\"3\""), junit.stdout)

        let text = try check(specs, format: "text")
        XCTAssertEqual(text.status, 2, text.stderr)
        for (url, reason) in reasons {
            XCTAssertTrue(text.stdout.contains("\(url.path): error[invalid-spec]: cannot read the spec: \(reason)"), text.stdout)
        }
        XCTAssertTrue(text.stdout.contains("3 errors, 0 warnings in 4 specs"), text.stdout)
    }

    /// An include that cannot be read is a broken line of a readable spec: `invalid-spec` at the
    /// `-r` line, the rest still checked, exit 1.
    func testUnreadableIncludeIsAnInvalidSpecErrorAtItsLine() throws {
        let result = try check([including], format: "json")
        XCTAssertEqual(result.status, 1, result.stderr)
        let findings = (result.json()["specs"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
        let invalid = findings.filter { $0["code"] as? String == "invalid-spec" }
        XCTAssertEqual(invalid.count, 1, "\(findings)")
        XCTAssertEqual(invalid.first?["line"] as? Int, 2)
        XCTAssertTrue((invalid.first?["message"] as? String ?? "").contains("is not a text file"), "\(invalid)")
    }

    /// The audit's report.json, report.md and report.html show a named unreadable spec as a spec
    /// with its error (and still list it under `audit.unreadable`, exit 2).
    func testAuditReportsShowTheUnreadableSpec() throws {
        let out = dir.appendingPathComponent("audit")
        let result = try CLIRunner.run(["audit", good.path, binary.path, missing.path, "--out", out.path,
                                        "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--python", "3.8", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 2, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        let specs = report["specs"] as? [[String: Any]] ?? []
        for (url, reason) in reasons.prefix(2) {
            let spec = try XCTUnwrap(specs.first { $0["path"] as? String == url.path }, "\(specs)")
            let finding = (spec["findings"] as? [[String: Any]])?.first
            XCTAssertEqual(finding?["code"] as? String, "invalid-spec")
            XCTAssertTrue((finding?["message"] as? String ?? "").contains(reason))
        }
        XCTAssertEqual((report["summary"] as? [String: Any])?["errors"] as? Int, 2)
        XCTAssertEqual((report["summary"] as? [String: Any])?["specs"] as? Int, 3)
        let unreadable = ((report["audit"] as? [String: Any])?["unreadable"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        XCTAssertEqual(Set(unreadable), [binary.path, missing.path])
        for file in ["report.md", "report.html"] {
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            XCTAssertTrue(text.contains("invalid-spec"), "\(file): \(text)")
            XCTAssertTrue(text.contains("cannot read the spec: not a text file"), "\(file): \(text)")
            XCTAssertTrue(text.contains("cannot read the spec: no such file"), "\(file): \(text)")
        }
    }
}
