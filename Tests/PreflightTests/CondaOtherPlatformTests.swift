import Foundation
import TestSupport
import XCTest

/// A conda environment exported on another OS (Windows- and macOS-only packages, build-string
/// pins of another platform's builds) checked for linux-64: each line says which subdirs have
/// the record, over real channel snapshots served on a loopback server.
final class CondaOtherPlatformTests: XCTestCase {
    var server: LoopbackHTTPServer!
    var dir: URL!

    override func setUpWithError() throws {
        server = try CondaFixtureChannels.serve()
        dir = CLIRunner.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    /// `conda_format_repo` has zlib for linux-64, osx-64, win-32 and win-64 (a different build
    /// string on each) and vs2015_runtime and vc for win-64 only; `index5` is a win-64 channel.
    var channels: [String] { [server.url("/conda_format_repo"), server.url("/index5")] }

    func check(_ dependencies: [String]) throws -> (CLIResult, [[String: Any]]) {
        let spec = dir.appendingPathComponent("environment-\(UUID().uuidString).yml")
        let text = "name: exported\nchannels:\n" + channels.map { "  - \($0)\n" }.joined()
            + "dependencies:\n" + dependencies.map { "  - \($0)\n" }.joined()
        try text.write(to: spec, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--format", "json", "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--python", "3.6", "--platform", "linux-64", spec.path])
        let findings = (result.json()["specs"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        return (result, findings)
    }

    func message(_ findings: [[String: Any]], line: Int) -> String {
        findings.filter { $0["line"] as? Int == line && ($0["via"] as? [String] ?? []).isEmpty }
            .compactMap { $0["message"] as? String }.joined(separator: "\n")
    }

    func testEachLineNamesTheSubdirsThatHaveTheRecord() throws {
        let (result, findings) = try check([
            "zlib=1.2.11=h1de35cc_3",        // line 6: the osx-64 build
            "vs2015_runtime",                // line 7: win-64 only, in both channels
            "python=3.6.6=hea74fb7_0",       // line 8: a win-64 build; neither channel has python for linux-64
            "vc=14.1=h0510ff6_4",            // line 9
            "zlib=1.2.11",                   // line 10: fine on linux-64
            "notanywhere",                   // line 11: in no subdir at all
        ])
        XCTAssertEqual(result.status, 1, result.stderr)
        let (formats, index5) = (channels[0], channels[1])
        let zlib = message(findings, line: 6)
        XCTAssertTrue(zlib.contains("zlib=1.2.11=h1de35cc_3 exists only for osx-64 in \(formats)"), zlib)
        XCTAssertEqual(findings.first { $0["line"] as? Int == 6 }?["code"] as? String, "version-not-found")
        let runtime = message(findings, line: 7)
        XCTAssertTrue(runtime.contains("vs2015_runtime exists only for win-64 in \(formats) and for win-64 in \(index5)"), runtime)
        XCTAssertEqual(findings.first { $0["line"] as? Int == 7 }?["code"] as? String, "package-not-found")
        let python = message(findings, line: 8)
        XCTAssertTrue(python.contains("python=3.6.6=hea74fb7_0 exists only for win-64 in \(index5)"), python)
        XCTAssertTrue(message(findings, line: 9).contains("vc=14.1=h0510ff6_4 exists only for win-64"), message(findings, line: 9))
        XCTAssertEqual(message(findings, line: 10), "", "zlib 1.2.11 has a linux-64 build")
        let nowhere = message(findings, line: 11)
        XCTAssertTrue(nowhere.contains("no package named notanywhere"), nowhere)
        XCTAssertFalse(nowhere.contains("exists only"), nowhere)
        let suggestions = findings.first { $0["line"] as? Int == 7 }?["suggestions"] as? [String] ?? []
        XCTAssertTrue(suggestions.contains { $0.contains("conda env export --from-history") }, "\(suggestions)")
    }

    /// Other subdirs are read only for a line the target lacks: a spec whose every line is found
    /// asks for nothing but linux-64 and noarch.
    func testOtherSubdirsAreReadOnlyForAMiss() throws {
        let (result, _) = try check(["zlib=1.2.11"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let asked = server.requests.map(\.path)
        XCTAssertFalse(asked.isEmpty)
        let otherPlatforms = ["linux-aarch64", "linux-ppc64le", "osx-64", "osx-arm64", "win-64", "win-32"]
        XCTAssertFalse(asked.contains { path in otherPlatforms.contains { path.contains("/\($0)/") } }, "\(asked)")
        let (missed, _) = try check(["vc"])
        XCTAssertEqual(missed.status, 1)
        XCTAssertTrue(server.requests.map(\.path).contains { $0.contains("/conda_format_repo/win-64/") }, "\(server.requests.map(\.path))")
    }

    /// `exists --source conda` says the same in its details.
    func testExistsNamesTheOtherSubdirs() throws {
        let result = try CLIRunner.run(["exists", "--source", "conda", "vc", "--channel", channels[0],
                                        "--cache-dir", dir.appendingPathComponent("cache").path, "--platform", "linux-64"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.contains("vc exists only for win-64 in \(channels[0])"), result.stdout)
        let json = try CLIRunner.run(["exists", "--source", "conda", "vc", "--channel", channels[0], "--format", "json",
                                      "--cache-dir", dir.appendingPathComponent("cache").path, "--platform", "linux-64"])
        XCTAssertEqual(json.json()["status"] as? String, "no-such-package", "the contract's status is about the target's subdirs")
    }
}
