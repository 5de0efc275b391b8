import Audit
/// The audit's progress on stderr: a bar redrawn in place on a terminal, one plain line per
/// spec elsewhere (CI logs keep every line, and `\r` would garble them).
package enum AuditProgressLine {
    /// `[3/40] env/conda.yaml`
    package static func line(done: Int, total: Int, path: String) -> String {
        "[\(done)/\(total)] " + path.escapingControlCharacters(keepingNewlines: false)
    }

    /// `[########------------]  12/40  …/env/conda.yaml`, at most `columns` characters wide, so
    /// that a `\r` redraw never wraps.
    package static func bar(done: Int, total: Int, path: String, columns: Int) -> String {
        let columns = max(columns, 20)
        let barWidth = min(30, max(10, columns / 4))
        let filled = total > 0 ? min(barWidth, done * barWidth / total) : barWidth
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
        let count = " \(done)/\(total) "
        let room = columns - 1 - bar.count - count.count
        return bar + count + truncated(path.escapingControlCharacters(keepingNewlines: false), to: room)
    }

    /// Keeps the end of a path (the file name), which says the most: `…/deep/dir/conda.yaml`.
    static func truncated(_ text: String, to width: Int) -> String {
        guard width > 1 else { return "" }
        guard text.count > width else { return text }
        return "…" + String(text.suffix(width - 1))
    }
}
