/// A small TOML 1.0 reader for `pyproject.toml`: tables, arrays of tables, dotted and quoted
/// keys, all four string forms, multi-line arrays with comments and trailing commas, inline
/// tables, numbers, booleans and dates. Every string keeps the position of every character.
///
/// The first error stops it; what was read before the error is still returned, so the
/// reader can report the error and use the rest.
struct TOMLScanner {
    struct Failure: Error {
        var message: String
        var position: SourcePosition
    }

    static let maximumDepth = 256

    private final class Table {
        var entries: [(key: String, keyPosition: SourcePosition, node: Node)] = []
        let position: SourcePosition
        var definedByHeader = false
        var definedByDottedKeys = false

        init(position: SourcePosition) {
            self.position = position
        }

        func node(_ key: String) -> Node? { entries.first(where: { $0.key == key })?.node }

        func set(_ key: String, at position: SourcePosition, _ node: Node) {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].node = node
            } else {
                entries.append((key, position, node))
            }
        }

        var tree: SpecTree {
            .map(entries.map { SpecTreeEntry(key: $0.key, keyPosition: $0.keyPosition, value: $0.node.tree) }, position)
        }
    }

    private enum Node {
        case table(Table)
        case tables([Table], SourcePosition)
        case value(SpecTree)

        var tree: SpecTree {
            switch self {
            case .table(let table): return table.tree
            case .tables(let tables, let position): return .list(tables.map(\.tree), position)
            case .value(let value): return value
            }
        }
    }

    private let text: SourceText
    private var index = 0
    private let root: Table
    private var current: Table

    private init(text: SourceText) {
        self.text = text
        self.root = Table(position: text.position(of: 0))
        self.current = root
    }

    /// The document as a tree of mappings, lists and scalars, and the first error, if any.
    static func parse(_ text: SourceText) -> (tree: SpecTree, failure: Failure?) {
        var scanner = TOMLScanner(text: text)
        do throws(Failure) {
            try scanner.document()
            return (scanner.root.tree, nil)
        } catch {
            return (scanner.root.tree, error)
        }
    }

    private var scalars: [Unicode.Scalar] { text.scalars }
    private var atEnd: Bool { index >= scalars.count }
    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func failure(_ message: String, at position: Int? = nil) -> Failure {
        Failure(message: "TOML syntax error: \(message)", position: text.position(of: position ?? index))
    }

    private func point(_ i: Int) -> TextPoint {
        let position = text.position(of: i)
        return TextPoint(line: position.line, column: position.column)
    }

    private func starts(with literal: String) -> Bool {
        var i = index
        for scalar in literal.unicodeScalars {
            guard i < scalars.count, scalars[i] == scalar else { return false }
            i += 1
        }
        return true
    }

    // MARK: - Layout

    private mutating func skipBlanks() {
        while let scalar = peek, scalar == " " || scalar == "\t" { index += 1 }
    }

    private mutating func skipComment() throws(Failure) {
        guard peek == "#" else { return }
        while let scalar = peek, scalar != "\n", scalar != "\r" {
            if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
                throw failure("control character in a comment")
            }
            index += 1
        }
    }

    /// Blanks, comments and line breaks (inside arrays and between statements).
    private mutating func skipLayout() throws(Failure) {
        while let scalar = peek {
            if scalar == " " || scalar == "\t" || scalar == "\n" {
                index += 1
            } else if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                index += 2
            } else if scalar == "#" {
                try skipComment()
            } else {
                return
            }
        }
    }

    /// After a statement: blanks, an optional comment, then a line break or the end.
    private mutating func endOfLine() throws(Failure) {
        skipBlanks()
        try skipComment()
        guard let scalar = peek else { return }
        if scalar == "\n" { index += 1; return }
        if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 2; return }
        throw failure("expected the end of the line")
    }

    // MARK: - Statements

    private mutating func document() throws(Failure) {
        while true {
            try skipLayout()
            guard let scalar = peek else { return }
            if scalar == "[" {
                try header()
            } else {
                try keyValue(into: current, depth: 0)
            }
            try endOfLine()
        }
    }

    private mutating func header() throws(Failure) {
        let start = index
        let isArray = starts(with: "[[")
        index += isArray ? 2 : 1
        skipBlanks()
        let keys = try dottedKey()
        skipBlanks()
        guard starts(with: isArray ? "]]" : "]") else { throw failure("expected '\(isArray ? "]]" : "]")'") }
        index += isArray ? 2 : 1
        var table = root
        for (offset, key) in keys.enumerated() {
            let isLast = offset == keys.count - 1
            let existing = table.node(key.name)
            if isLast, isArray {
                let fresh = Table(position: text.position(of: start))
                fresh.definedByHeader = true
                switch existing {
                case nil: table.set(key.name, at: key.position, .tables([fresh], text.position(of: start)))
                case .tables(let tables, let position)?: table.set(key.name, at: key.position, .tables(tables + [fresh], position))
                default: throw failure("'\(key.name)' is already defined and is not an array of tables", at: start)
                }
                current = fresh
                return
            }
            switch existing {
            case nil:
                let fresh = Table(position: text.position(of: start))
                table.set(key.name, at: key.position, .table(fresh))
                table = fresh
            case .table(let next)?:
                table = next
            case .tables(let tables, _)?:
                guard let last = tables.last else { throw failure("empty array of tables", at: start) }
                table = last
            case .value?:
                throw failure("'\(key.name)' is already a value, not a table", at: start)
            }
            if isLast {
                if table.definedByHeader || table.definedByDottedKeys {
                    throw failure("table '\(keys.map(\.name).joined(separator: "."))' is defined twice", at: start)
                }
                table.definedByHeader = true
            }
        }
        current = table
    }

    private mutating func keyValue(into table: Table, depth: Int) throws(Failure) {
        let keys = try dottedKey()
        skipBlanks()
        guard peek == "=" else { throw failure("expected '=' after a key") }
        index += 1
        skipBlanks()
        let value = try self.value(depth: depth)
        var target = table
        for key in keys.dropLast() {
            switch target.node(key.name) {
            case nil:
                let fresh = Table(position: key.position)
                fresh.definedByDottedKeys = true
                target.set(key.name, at: key.position, .table(fresh))
                target = fresh
            case .table(let next)? where !next.definedByHeader || next === table:
                target = next
            default:
                throw failure("'\(key.name)' is already defined", at: text.index(line: key.position.line, column: key.position.column))
            }
        }
        guard let last = keys.last else { throw failure("expected a key") }
        if target.node(last.name) != nil {
            throw failure("duplicate key '\(last.name)'", at: text.index(line: last.position.line, column: last.position.column))
        }
        target.set(last.name, at: last.position, .value(value))
    }

    private mutating func dottedKey() throws(Failure) -> [(name: String, position: SourcePosition)] {
        var keys: [(String, SourcePosition)] = []
        while true {
            skipBlanks()
            let start = index
            guard let scalar = peek else { throw failure("expected a key") }
            if scalar == "\"" || scalar == "'" {
                if starts(with: "\"\"\"") || starts(with: "'''") { throw failure("a key cannot be a multi-line string") }
                let name = scalar == "\"" ? try basicString() : try literalString()
                keys.append((name.string, text.position(of: start)))
            } else {
                while let s = peek, ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "_" || s == "-" {
                    index += 1
                }
                guard index > start else { throw failure("expected a key") }
                keys.append((text.mapped(start..<index).string, text.position(of: start)))
            }
            skipBlanks()
            guard peek == "." else { return keys }
            index += 1
        }
    }

    // MARK: - Values

    private mutating func value(depth: Int) throws(Failure) -> SpecTree {
        guard depth < Self.maximumDepth else { throw failure("nested too deeply") }
        guard let scalar = peek else { throw failure("expected a value") }
        let start = index
        switch scalar {
        case "\"":
            return .scalar(starts(with: "\"\"\"") ? try multilineBasicString() : try basicString(), isNull: false)
        case "'":
            return .scalar(starts(with: "'''") ? try multilineLiteralString() : try literalString(), isNull: false)
        case "[":
            index += 1
            var items: [SpecTree] = []
            while true {
                try skipLayout()
                guard let next = peek else { throw failure("unterminated array", at: start) }
                if next == "]" { index += 1; break }
                items.append(try value(depth: depth + 1))
                try skipLayout()
                guard let separator = peek else { throw failure("unterminated array", at: start) }
                if separator == "," { index += 1; continue }
                if separator == "]" { index += 1; break }
                throw failure("expected ',' or ']' in an array")
            }
            return .list(items, text.position(of: start))
        case "{":
            index += 1
            let table = Table(position: text.position(of: start))
            try skipLayout()
            if peek == "}" {
                index += 1
                return table.tree
            }
            while true {
                try skipLayout()
                try keyValue(into: table, depth: depth + 1)
                try skipLayout()
                guard let separator = peek else { throw failure("unterminated inline table", at: start) }
                if separator == "," { index += 1; continue }
                if separator == "}" { index += 1; break }
                throw failure("expected ',' or '}' in an inline table")
            }
            return table.tree
        default:
            return try bareValue()
        }
    }

    /// Booleans, numbers, dates and times, as written.
    private mutating func bareValue() throws(Failure) -> SpecTree {
        let start = index
        func isValueScalar(_ s: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || "+-_.:".unicodeScalars.contains(s)
        }
        while let scalar = peek, isValueScalar(scalar) { index += 1 }
        // A date and a time may be separated by one space.
        if index - start == 10, peek == " ", index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) {
            index += 1
            while let scalar = peek, isValueScalar(scalar) { index += 1 }
        }
        let token = text.mapped(start..<index)
        let word = token.string
        guard !word.isEmpty else { throw failure("expected a value") }
        if word == "true" || word == "false" || Self.isNumber(word) || Self.isDateOrTime(word) { return .typed(token) }
        index = start
        throw failure("invalid value '\(word)' (strings need quotes)")
    }

    private static func isNumber(_ word: String) -> Bool {
        var body = Substring(word)
        if body.hasPrefix("+") || body.hasPrefix("-") { body = body.dropFirst() }
        if body == "inf" || body == "nan" { return true }
        if body.hasPrefix("0x") || body.hasPrefix("0o") || body.hasPrefix("0b") {
            return body.count > 2 && body.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "_" }
        }
        guard let first = body.first, first.isASCIIDigit else { return false }
        return body.allSatisfy { $0.isASCIIDigit || "_.eE+-".contains($0) }
    }

    private static func isDateOrTime(_ word: String) -> Bool {
        let chars = Array(word)
        if chars.count >= 10, chars[0...3].allSatisfy(\.isASCIIDigit), chars[4] == "-" { return true }
        if chars.count >= 8, chars[0...1].allSatisfy(\.isASCIIDigit), chars[2] == ":" { return true }
        return false
    }

    private mutating func basicString() throws(Failure) -> MappedString {
        let open = index
        index += 1
        var result = MappedString(path: text.path, at: point(index))
        while true {
            guard let scalar = peek, scalar != "\n", scalar != "\r" else { throw failure("unterminated string", at: open) }
            if scalar == "\"" {
                index += 1
                return result
            }
            if scalar == "\\" {
                try escape(into: &result)
                continue
            }
            if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { throw failure("control character in a string") }
            result.append(scalar, at: point(index))
            index += 1
        }
    }

    private mutating func escape(into result: inout MappedString) throws(Failure) {
        let start = index
        guard index + 1 < scalars.count else { throw failure("unterminated escape") }
        let code = scalars[index + 1]
        index += 2
        let decoded: Unicode.Scalar
        switch code {
        case "b": decoded = "\u{08}"
        case "t": decoded = "\t"
        case "n": decoded = "\n"
        case "f": decoded = "\u{0C}"
        case "r": decoded = "\r"
        case "e": decoded = "\u{1B}"
        case "\"": decoded = "\""
        case "\\": decoded = "\\"
        case "u", "U", "x":
            let width = code == "u" ? 4 : code == "U" ? 8 : 2
            guard index + width <= scalars.count,
                  let value = UInt32(String(String.UnicodeScalarView(scalars[index..<(index + width)])), radix: 16),
                  let scalar = Unicode.Scalar(value) else {
                throw failure("invalid \\\(code) escape", at: start)
            }
            index += width
            decoded = scalar
        default:
            throw failure("invalid escape '\\\(code)'", at: start)
        }
        result.append(decoded, at: point(start))
    }

    private mutating func literalString() throws(Failure) -> MappedString {
        let open = index
        index += 1
        var result = MappedString(path: text.path, at: point(index))
        while true {
            guard let scalar = peek, scalar != "\n", scalar != "\r" else { throw failure("unterminated string", at: open) }
            index += 1
            if scalar == "'" { return result }
            if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
                throw failure("control character in a string", at: index - 1)
            }
            result.append(scalar, at: point(index - 1))
        }
    }

    /// Skips the line break right after an opening `"""` or `'''`.
    private mutating func skipFirstNewline() {
        if peek == "\n" { index += 1 } else if starts(with: "\r\n") { index += 2 }
    }

    /// `"""` … `"""`: escapes, a backslash at the end of a line trims the following blanks
    /// and line breaks, up to two quotes may precede the closing delimiter.
    private mutating func multilineBasicString() throws(Failure) -> MappedString {
        let open = index
        index += 3
        skipFirstNewline()
        var result = MappedString(path: text.path, at: point(index))
        while true {
            guard let scalar = peek else { throw failure("unterminated multi-line string", at: open) }
            if starts(with: "\"\"\"") {
                closeMultiline("\"", into: &result)
                return result
            }
            if scalar == "\\" {
                var look = index + 1
                while look < scalars.count, scalars[look] == " " || scalars[look] == "\t" { look += 1 }
                if look < scalars.count, scalars[look] == "\n" || scalars[look] == "\r" {
                    index = look
                    while let s = peek, s == " " || s == "\t" || s == "\n" || s == "\r" { index += 1 }
                    continue
                }
                try escape(into: &result)
                continue
            }
            if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" || scalar.value == 0x7F {
                throw failure("control character in a string")
            }
            result.append(scalar, at: point(index))
            index += 1
        }
    }

    /// At a closing delimiter of three `quote`s: up to two more quotes still belong to the string.
    private mutating func closeMultiline(_ quote: Unicode.Scalar, into result: inout MappedString) {
        var quotes = 3
        while index + quotes < scalars.count, scalars[index + quotes] == quote, quotes < 5 { quotes += 1 }
        for extra in 0..<(quotes - 3) { result.append(quote, at: point(index + extra)) }
        index += quotes
    }

    private mutating func multilineLiteralString() throws(Failure) -> MappedString {
        let open = index
        index += 3
        skipFirstNewline()
        var result = MappedString(path: text.path, at: point(index))
        while true {
            guard let scalar = peek else { throw failure("unterminated multi-line string", at: open) }
            if starts(with: "'''") {
                closeMultiline("'", into: &result)
                return result
            }
            if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" || scalar.value == 0x7F {
                throw failure("control character in a string")
            }
            result.append(scalar, at: point(index))
            index += 1
        }
    }
}
