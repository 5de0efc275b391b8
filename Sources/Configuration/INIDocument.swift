/// An INI file as Python's `configparser` (which pip uses for `pip.conf`) reads it: `[section]`
/// headers, `key = value` or `key: value`, whole-line comments starting with `#` or `;`, and
/// values continued on more-indented lines (joined with newlines). Keys are lower-cased; text
/// after the value is part of it (configparser has no inline comments by default).
///
/// A line configparser rejects is rejected here too, with its number: pip stops on such a
/// file rather than install from an index other than the one the user meant.
package struct INIDocument: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        package var section: String
        package var key: String
        package var value: String
        /// 1-based line of the key.
        package var line: Int
    }

    /// In file order.
    package private(set) var entries: [Entry] = []

    package init(parsing text: String, path: String) throws(ConfigurationError) {
        var section: String?
        var sectionsSeen = Set<String>()
        var keysSeen = Set<String>()
        var current: (index: Int, indent: Int)?
        for (offset, rawLine) in Self.lines(text).enumerated() {
            let number = offset + 1
            let stripped = rawLine.trimmingWhitespace
            let indent = rawLine.prefix(while: { $0 == " " || $0 == "\t" }).count
            if stripped.isEmpty || stripped.hasPrefix("#") || stripped.hasPrefix(";") { continue }
            if let open = current, indent > open.indent {
                entries[open.index].value += (entries[open.index].value.isEmpty ? "" : "\n") + stripped
                continue
            }
            current = nil
            if stripped.hasPrefix("["), let close = stripped.lastIndex(of: "]"), close > stripped.index(after: stripped.startIndex) {
                let name = String(stripped[stripped.index(after: stripped.startIndex)..<close])
                guard sectionsSeen.insert(name).inserted else {
                    throw ConfigurationError(path: path, line: number, message: "section [\(name)] appears twice")
                }
                section = name
                keysSeen = []
                continue
            }
            guard let separator = stripped.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw ConfigurationError(path: path, line: number, message: "expected `key = value` or a [section] header, got `\(stripped)`")
            }
            let key = stripped[..<separator].trimmingWhitespace.lowercased()
            guard !key.isEmpty else {
                throw ConfigurationError(path: path, line: number, message: "a value without a key")
            }
            guard let section else {
                throw ConfigurationError(path: path, line: number, message: "`\(key)` comes before any [section] header")
            }
            guard keysSeen.insert(key).inserted else {
                throw ConfigurationError(path: path, line: number, message: "`\(key)` appears twice in [\(section)]")
            }
            let value = stripped[stripped.index(after: separator)...].trimmingWhitespace
            entries.append(Entry(section: section, key: key, value: value, line: number))
            current = (entries.count - 1, indent)
        }
    }

    /// The entry for a key of a section, if the file has one.
    package func entry(section: String, key: String) -> Entry? {
        entries.first { $0.section == section && $0.key == key }
    }

    /// Lines split at `\r\n`, `\n` or `\r`, as Python's universal newlines do.
    private static func lines(_ text: String) -> [Substring] {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = body.dropFirst() }
        return body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
