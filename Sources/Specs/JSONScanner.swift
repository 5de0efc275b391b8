/// A strict JSON parser that keeps the position of every value and of every character of
/// every string, producing a `SpecTree`.
struct JSONScanner {
    struct Failure: Error {
        var message: String
        var position: SourcePosition
    }

    /// Deeper nesting than this is refused rather than risking the stack.
    static let maximumDepth = 256

    private let text: SourceText
    private var index = 0

    private init(text: SourceText) {
        self.text = text
    }

    static func parse(_ text: SourceText) -> Result<SpecTree, Failure> {
        var scanner = JSONScanner(text: text)
        do throws(Failure) {
            scanner.skipWhitespace()
            let value = try scanner.value(depth: 0)
            scanner.skipWhitespace()
            if scanner.index < text.scalars.count {
                throw scanner.failure("unexpected text after the JSON value")
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    private var scalars: [Unicode.Scalar] { text.scalars }

    private func failure(_ message: String) -> Failure {
        Failure(message: "JSON syntax error: \(message)", position: text.position(of: index))
    }

    private mutating func skipWhitespace() {
        while index < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[index]) { index += 1 }
    }

    private func point(_ i: Int) -> TextPoint {
        let position = text.position(of: i)
        return TextPoint(line: position.line, column: position.column)
    }

    private mutating func value(depth: Int) throws(Failure) -> SpecTree {
        guard depth < Self.maximumDepth else { throw failure("nested too deeply") }
        guard index < scalars.count else { throw failure("unexpected end of the file") }
        let start = index
        switch scalars[index] {
        case "{":
            index += 1
            var entries: [SpecTreeEntry] = []
            skipWhitespace()
            if index < scalars.count, scalars[index] == "}" {
                index += 1
                return .map(entries, text.position(of: start))
            }
            while true {
                skipWhitespace()
                guard index < scalars.count, scalars[index] == "\"" else { throw failure("expected a string key") }
                let keyStart = index
                let key = try string()
                skipWhitespace()
                guard index < scalars.count, scalars[index] == ":" else { throw failure("expected ':'") }
                index += 1
                skipWhitespace()
                let item = try value(depth: depth + 1)
                entries.append(SpecTreeEntry(key: key.string, keyPosition: text.position(of: keyStart + 1), value: item))
                skipWhitespace()
                guard index < scalars.count else { throw failure("unexpected end of the file in an object") }
                if scalars[index] == "," { index += 1; continue }
                if scalars[index] == "}" { index += 1; break }
                throw failure("expected ',' or '}'")
            }
            return .map(entries, text.position(of: start))
        case "[":
            index += 1
            var items: [SpecTree] = []
            skipWhitespace()
            if index < scalars.count, scalars[index] == "]" {
                index += 1
                return .list(items, text.position(of: start))
            }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < scalars.count else { throw failure("unexpected end of the file in an array") }
                if scalars[index] == "," { index += 1; continue }
                if scalars[index] == "]" { index += 1; break }
                throw failure("expected ',' or ']'")
            }
            return .list(items, text.position(of: start))
        case "\"":
            return .scalar(try string(), isNull: false)
        default:
            while index < scalars.count, !" \t\r\n,]}:".unicodeScalars.contains(scalars[index]) { index += 1 }
            let token = text.mapped(start..<index)
            let word = token.string
            if word == "null" { return .scalar(token, isNull: true) }
            if word == "true" || word == "false" || Self.isNumber(word) { return .typed(token) }
            index = start
            throw failure(word.isEmpty ? "expected a value" : "unexpected '\(word)'")
        }
    }

    private static func isNumber(_ word: String) -> Bool {
        var chars = Array(word.unicodeScalars)[...]
        if chars.first == "-" { chars = chars.dropFirst() }
        guard let first = chars.first, ("0"..."9").contains(first) else { return false }
        if first == "0", chars.count > 1, ("0"..."9").contains(chars[chars.startIndex + 1]) { return false }
        return chars.allSatisfy { ("0"..."9").contains($0) || ".eE+-".unicodeScalars.contains($0) }
    }

    /// A string at `index` (on its opening quote), with each decoded character placed where
    /// it (or its escape) is written.
    private mutating func string() throws(Failure) -> MappedString {
        index += 1
        var result = MappedString(path: text.path, at: point(index))
        while true {
            guard index < scalars.count else { throw failure("unterminated string") }
            let scalar = scalars[index]
            if scalar == "\"" {
                index += 1
                return result
            }
            if scalar.value < 0x20 { throw failure("control character in a string") }
            if scalar != "\\" {
                result.append(scalar, at: point(index))
                index += 1
                continue
            }
            let escapeStart = index
            guard index + 1 < scalars.count else { throw failure("unterminated escape") }
            let escaped = scalars[index + 1]
            index += 2
            let decoded: Unicode.Scalar
            switch escaped {
            case "\"": decoded = "\""
            case "\\": decoded = "\\"
            case "/": decoded = "/"
            case "b": decoded = "\u{08}"
            case "f": decoded = "\u{0C}"
            case "n": decoded = "\n"
            case "r": decoded = "\r"
            case "t": decoded = "\t"
            case "u":
                var value = try hex4()
                if (0xD800..<0xDC00).contains(value), index + 1 < scalars.count, scalars[index] == "\\",
                   scalars[index + 1] == "u" {
                    index += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                }
                decoded = Unicode.Scalar(value) ?? "\u{FFFD}"
            default:
                index = escapeStart
                throw failure("invalid escape '\\\(escaped)'")
            }
            result.append(decoded, at: point(escapeStart))
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= scalars.count else { throw failure("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Int(String(scalars[index]), radix: 16) else { throw failure("invalid \\u escape") }
            value = value * 16 + UInt32(digit)
            index += 1
        }
        return value
    }
}
