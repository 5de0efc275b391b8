import Foundation
import Transport

/// One run's output: results on stdout; messages, warnings and progress on stderr, never mixed
/// into machine-readable stdout, and scrubbed of secrets. What was printed is kept, so that the run
/// can be recorded and replayed (`CommandMemo`). A command makes one when it starts
/// (`VerbosityOptions.apply`) and prints through it alone.
final class Console: @unchecked Sendable {
    /// `-q`: stderr gets errors only, no progress and no warnings.
    let quiet: Bool
    private let lock = NSLock()
    // Guarded by `lock`.
    private var stdout = ""
    private var stderr = ""

    init(quiet: Bool = false) {
        self.quiet = quiet
    }

    /// A line (or lines) of results on stdout.
    func print(_ text: String) {
        lock.withLock { stdout += text + "\n" }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A line on stderr, whatever `-q` says.
    func write(_ text: String) {
        let line = Redaction.scrub(text) + "\n"
        lock.withLock { stderr += line }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func warning(_ text: String) { if !quiet { write("warning: " + text) } }
    /// A progress or where-it-went line: what `-q` leaves out, like warnings.
    func note(_ text: String) { if !quiet { write(text) } }
    func error(_ text: String) { write("error: " + text) }

    /// Everything printed so far.
    var transcript: (stdout: String, stderr: String) {
        lock.withLock { (stdout, stderr) }
    }
}
