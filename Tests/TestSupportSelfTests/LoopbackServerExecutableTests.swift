import Foundation
import XCTest

/// The `loopback-server` wrapper as CLI tests and benchmarks spawn it.
final class LoopbackServerExecutableTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        try Curl.requireAvailable()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("lbs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: root.appendingPathComponent("repodata.json"))
    }

    override func tearDownWithError() throws {
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    /// The binary SwiftPM built next to the test bundle.
    private func executable() throws -> URL {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("loopback-server")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip("loopback-server is not built next to the tests (run `swift build` first)")
    }

    private func launch(_ arguments: [String]) throws -> (Process, String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        return (process, String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func waitForExit(_ process: Process, within seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return !process.isRunning
    }

    func testPrintsItsURLServesTheRootAndStopsOnSIGTERM() throws {
        let (process, url) = try launch(["--root", root.path, "--seconds", "30", "--max-age", "30", "--no-validators"])
        defer { if process.isRunning { process.terminate() } }
        XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), url)
        let result = try Curl.run([url + "/repodata.json"])
        XCTAssertEqual(result.text, "{}\n")
        XCTAssertEqual(result.header("Cache-Control"), "max-age=30")
        XCTAssertNil(result.header("ETag"))
        process.terminate()
        XCTAssertTrue(waitForExit(process, within: 3))
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(try Curl.run([url + "/repodata.json"]).exitCode, 7)
    }

    func testStopsByItselfWhenItsTimeIsUp() throws {
        let (process, url) = try launch(["--root", root.path, "--seconds", "0.5"])
        defer { if process.isRunning { process.terminate() } }
        XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), url)
        XCTAssertTrue(waitForExit(process, within: 3))
        XCTAssertEqual(process.terminationStatus, 0)
    }

    func testRefusesBadArguments() throws {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = ["--root", root.appendingPathComponent("missing").path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2)
    }
}
