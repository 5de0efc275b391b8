import Foundation
import XCTest

/// `/usr/bin/curl` as the independent HTTP client the self-tests judge the server with.
struct Curl {
    /// What one curl run produced: exit status, the last response's status and head, the body.
    struct Result {
        let exitCode: Int32
        let status: Int?
        let headerLines: [String]
        let body: Data
        let stderr: String
        let elapsed: TimeInterval

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The value of `name` in the last response head (case-insensitive).
        func header(_ name: String) -> String? {
            let prefix = name.lowercased() + ":"
            return headerLines.first { $0.lowercased().hasPrefix(prefix) }
                .map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
        }
    }

    static let path = "/usr/bin/curl"

    static func requireAvailable() throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw XCTSkip("\(path) is not installed; the TestSupport self-tests use it as the client")
        }
    }

    /// Runs curl with `arguments` (URLs included); killed after `timeout` seconds as a backstop.
    static func run(_ arguments: [String], timeout: TimeInterval = 20) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let headFile = scratch.appendingPathComponent("head")
        let bodyFile = scratch.appendingPathComponent("body")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-sS", "--noproxy", "*", "-D", headFile.path, "-o", bodyFile.path] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        let backstop = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: backstop)
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        backstop.cancel()

        let head = (try? String(contentsOf: headFile, encoding: .isoLatin1)) ?? ""
        // -D holds every response head (redirects, 100 Continue); keep the last one.
        var lastHead: [String] = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix("HTTP/") { lastHead = [] }
            if !line.isEmpty { lastHead.append(line) }
        }
        let status = lastHead.first.flatMap { line in
            line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        return Result(
            exitCode: process.terminationStatus, status: status, headerLines: Array(lastHead.dropFirst()),
            body: (try? Data(contentsOf: bodyFile)) ?? Data(),
            stderr: String(decoding: stderr, as: UTF8.self), elapsed: Date().timeIntervalSince(started))
    }
}
