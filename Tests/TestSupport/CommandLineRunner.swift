import Foundation

/// Runs the built `preflight` executable as a user would, capturing stdout, stderr and the exit status.
public struct CLIResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// stdout as one JSON object; empty when it is not one (the assertion that follows then fails).
    public func json() -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]) ?? [:]
    }
}

public enum CLIRunner {
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The executable sits next to the test bundle in the build directory.
    public static var executable: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments.first(where: { $0.contains(".xctest") }) ?? CommandLine.arguments[0])
        var dir = testBinary.deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("preflight").path) {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("preflight")
    }

    /// `input`, when given, is what the command reads on stdin; `directory`, the working directory.
    public static func run(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil,
                           timeout: Double = 60, directory: URL? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = executable
        if let directory { process.currentDirectoryURL = directory }
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // The installers' own settings are defaults preflight reads (a mirror in PIP_INDEX_URL or
        // ~/.config/pip/pip.conf on a CI machine, channels in ~/.condarc); a test sets them itself,
        // or runs without them: a home of its own with no files, and pip's switch that turns its
        // files off (/etc/pip.conf too).
        for name in ["PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "UV_INDEX_URL", "UV_EXTRA_INDEX_URL", "CONDA_SUBDIR",
                     "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "VIRTUAL_ENV", "CONDARC", "CONDA_PREFIX", "CONDA_ROOT", "PREFLIGHT_CONFIG"] {
            env[name] = nil
        }
        env["HOME"] = emptyHome.path
        env["PIP_CONFIG_FILE"] = "/dev/null"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw NSError(domain: "CLIRunner", code: 1, userInfo: [NSLocalizedDescriptionKey: "preflight \(arguments) did not finish in \(timeout) s"])
        }
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A home directory with nothing in it, shared by the runs that do not give one.
    private static let emptyHome = temporaryDirectory()

    public static func temporaryDirectory() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
