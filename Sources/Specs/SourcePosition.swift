/// A place in a file: the path as it was given (or joined from an including file) and a
/// 1-based line and column.
///
/// Columns count Unicode scalars, as libyaml (and so Yams) does; a tab is one column and
/// `\r\n`, `\n` and a lone `\r` each end a line.
package struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    package var path: String
    package var line: Int
    package var column: Int

    package init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, the form compilers and editors understand.
    package var description: String { "\(path):\(line):\(column)" }
}
