import Foundation

/// `PREFLIGHT_TRACE=1` (or `-v`) prints what the run decides and why on stderr (failed attempts,
/// memo misses, the dependency walk's fallbacks): for diagnosing a verdict, not for normal output.
package enum Trace {
    // Set from the environment, or once by `enable()` before any concurrent work starts. The
    // process's switch, like the variable it mirrors: the trace goes to stderr directly, never
    // into a report or a recorded output, so no run's answers depend on it.
    nonisolated(unsafe) private static var switchedOn = ProcessInfo.processInfo.environment["PREFLIGHT_TRACE"] == "1"

    package static var enabled: Bool { switchedOn }

    /// `-v` on the command line: the same output as `PREFLIGHT_TRACE=1`.
    package static func enable() { switchedOn = true }

    package static func log(_ message: @autoclosure () -> String) {
        guard enabled else { return }
        let line = String(format: "trace %.3f: ", Date().timeIntervalSince1970) + Redaction.scrub(message()) + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
