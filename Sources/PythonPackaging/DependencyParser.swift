// A port of packaging's `_tokenizer.py` and `_parser.py` (26.x): the recursive-descent parser of
// PEP 508 dependency specifiers and marker expressions. It keeps packaging's token rules, error
// messages and error spans, counted in Unicode scalars as Python counts string indices.

/// A syntax error with packaging's message and `(start, end)` span.
struct DependencySyntaxError: Error {
    var message: String
    var start: Int
    var end: Int
}

/// The parts of a requirement before they become value types.
struct ParsedRequirement {
    var name: String
    var url: String
    var extras: [String]
    /// A parsed set (the one-pass path), or the text the token loop accepted.
    var specifier: SpecifierText
    var marker: [MarkerNode]?
}

enum SpecifierText {
    case parsed(SpecifierSet)
    case text(String)

    var isEmpty: Bool {
        switch self {
        case .parsed(let set): return set.isEmpty
        case .text(let text): return text.isEmpty
        }
    }
}

struct DependencyParser {
    let source: [Unicode.Scalar]
    var position = 0
    /// The text as UTF-8, and where each scalar starts in it, for the byte-level specifier scanner.
    private let utf8: [UInt8]
    private let byteOffsets: [Int]

    init(_ text: String) {
        source = Array(text.unicodeScalars)
        utf8 = Array(text.utf8)
        var offsets: [Int] = []
        offsets.reserveCapacity(source.count + 1)
        var offset = 0
        for scalar in source {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        byteOffsets = offsets
    }

    static let maximumMarkerNesting = 200

    // MARK: - Requirement

    mutating func parseRequirement() throws(DependencySyntaxError) -> ParsedRequirement {
        consumeWhitespace()
        guard let nameLength = identifierLength() else {
            throw error("Expected package name at the start of dependency specifier")
        }
        let name = take(nameLength)
        consumeWhitespace()
        let extras = try parseExtras()
        let (url, specifier, marker) = try parseRequirementDetails()
        guard atEnd else { throw error("Expected end of dependency specifier") }
        return ParsedRequirement(name: name, url: url, extras: extras, specifier: specifier, marker: marker)
    }

    private mutating func parseRequirementDetails() throws(DependencySyntaxError)
        -> (String, SpecifierText, [MarkerNode]?)
    {
        if peek("@") {
            position += 1
            consumeWhitespace()
            let urlStart = position
            var urlEnd = position
            while urlEnd < source.count, !PythonCharacters.isWhitespace(source[urlEnd]) { urlEnd += 1 }
            guard urlEnd > position else { throw error("Expected URL after @") }
            let url = take(urlEnd - position)
            if atEnd { return (url, .text(""), nil) }
            guard whitespaceLength() > 0 else { throw error("Expected whitespace after URL") }
            consumeWhitespace()
            if atEnd { return (url, .text(""), nil) }
            let marker = try parseRequirementMarker(
                spanStart: urlStart, expected: "semicolon (after URL and whitespace)")
            return (url, .text(""), marker)
        }
        let specifierStart = position
        let specifier = try parseSpecifier()
        if atEnd { return ("", specifier, nil) }
        let expected = specifier.isEmpty
            ? "semicolon (after name with no version specifier)"
            : "comma (within version specifier), semicolon (after version specifier)"
        let marker = try parseRequirementMarker(spanStart: specifierStart, expected: expected)
        return ("", specifier, marker)
    }

    private mutating func parseRequirementMarker(spanStart: Int, expected: String) throws(DependencySyntaxError)
        -> [MarkerNode]
    {
        guard peek(";") else {
            throw DependencySyntaxError(message: "Expected \(expected) or end", start: spanStart, end: position)
        }
        position += 1
        return try parseMarker(depth: 0)
    }

    private mutating func parseExtras() throws(DependencySyntaxError) -> [String] {
        guard peek("[") else { return [] }
        let open = position
        position += 1
        consumeWhitespace()
        let extras = try parseExtrasList()
        consumeWhitespace()
        guard peek("]") else {
            throw DependencySyntaxError(
                message: "Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", start: open, end: position)
        }
        position += 1
        consumeWhitespace()
        return extras
    }

    private mutating func parseExtrasList() throws(DependencySyntaxError) -> [String] {
        guard let first = identifierLength() else { return [] }
        var extras = [take(first)]
        while true {
            consumeWhitespace()
            if identifierLength() != nil { throw error("Expected comma between extra names") }
            guard peek(",") else { break }
            position += 1
            consumeWhitespace()
            guard let length = identifierLength() else { throw error("Expected extra name after comma") }
            extras.append(take(length))
        }
        return extras
    }

    private mutating func parseSpecifier() throws(DependencySyntaxError) -> SpecifierText {
        guard peek("(") else { return try parseVersionMany() }
        let open = position
        position += 1
        consumeWhitespace()
        let specifier = try parseVersionMany()
        guard peek(")") else {
            throw DependencySyntaxError(
                message: "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier",
                start: open, end: position)
        }
        position += 1
        consumeWhitespace()
        return specifier
    }

    /// `version_many`: first the whole list in one pass, else packaging's token loop (which
    /// stops at the first thing that is not a specifier; the caller reports what follows).
    private mutating func parseVersionMany() throws(DependencySyntaxError) -> SpecifierText {
        if atEnd { return .text("") }
        if let set = tryParseSpecifierSet() { return .parsed(set) }
        var parsed = ""
        while let length = specifierLength() {
            let spanStart = position
            parsed += take(length)
            if peek(".") && peek("*", offset: 1) {
                let text = String(String.UnicodeScalarView(source[spanStart..<position]))
                let message = text.hasPrefix("!=") || (text.hasPrefix("==") && !text.hasPrefix("==="))
                    ? ".* suffix cannot be used with pre-release, post-release, dev or local versions"
                    : ".* suffix can only be used with `==` or `!=` operators"
                throw DependencySyntaxError(message: message, start: spanStart, end: position + 1)
            }
            if peek("+"), position + 1 < source.count, isLowerAlphanumeric(source[position + 1]) {
                throw DependencySyntaxError(
                    message: "Local version label can only be used with `==` or `!=` operators",
                    start: spanStart, end: position)
            }
            consumeWhitespace()
            guard peek(",") else { break }
            position += 1
            parsed += ","
            consumeWhitespace()
        }
        return .text(parsed)
    }

    private mutating func tryParseSpecifierSet() -> SpecifierSet? {
        // SPECIFIER_LIST: printable ASCII and tabs except `;` and `)`, up to `;`, `)` or the end.
        var end = position
        while end < source.count {
            let v = source[end].value
            let allowed = v == 0x09 || (v >= 0x20 && v <= 0x28) || (v >= 0x2A && v <= 0x3A) || (v >= 0x3C && v <= 0x7E)
            if !allowed { break }
            end += 1
        }
        guard end > position else { return nil }
        if end < source.count, source[end] != ";", source[end] != ")" { return nil }
        let text = String(String.UnicodeScalarView(source[position..<end]))
        guard let set = try? SpecifierSet(text) else { return nil }
        let commas = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) }
        let count = set.specifiers.count
        var trimmed = Substring(text)
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        if count != commas + 1 && !(count > 0 && count == commas && trimmed.hasSuffix(",")) { return nil }
        position = end
        return set
    }

    // MARK: - Markers

    mutating func parseFullMarker() throws(DependencySyntaxError) -> [MarkerNode] {
        let marker = try parseMarker(depth: 0)
        guard atEnd else { throw error("Expected end of marker expression") }
        return marker
    }

    private mutating func parseMarker(depth: Int) throws(DependencySyntaxError) -> [MarkerNode] {
        var expression = [try parseMarkerAtom(depth: depth)]
        while let (length, op) = booleanOperator() {
            position += length
            expression.append(op)
            expression.append(try parseMarkerAtom(depth: depth))
        }
        return expression
    }

    private mutating func parseMarkerAtom(depth: Int) throws(DependencySyntaxError) -> MarkerNode {
        consumeWhitespace()
        let atom: MarkerNode
        if peek("(") {
            if depth >= DependencyParser.maximumMarkerNesting {
                throw error("Marker expression is nested more than \(DependencyParser.maximumMarkerNesting) levels deep")
            }
            let open = position
            position += 1
            let inner = try parseMarker(depth: depth + 1)
            guard peek(")") else {
                throw DependencySyntaxError(
                    message: "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression",
                    start: open, end: position)
            }
            position += 1
            atom = .group(inner)
        } else {
            atom = .comparison(try parseMarkerItem())
        }
        consumeWhitespace()
        return atom
    }

    private mutating func parseMarkerItem() throws(DependencySyntaxError) -> MarkerComparison {
        let lhs = try parseMarkerVariable()
        consumeWhitespace()
        let op = try parseMarkerOperator()
        consumeWhitespace()
        let rhs = try parseMarkerVariable()
        return MarkerComparison(lhs: lhs, op: op, rhs: rhs)
    }

    private mutating func parseMarkerVariable() throws(DependencySyntaxError) -> MarkerOperand {
        let start = position
        if let (length, name) = variable() {
            position += length
            return .variable(name)
        }
        if let length = quotedStringLength() {
            let text = String(String.UnicodeScalarView(source[position..<(position + length)]))
            position += length
            guard let value = PythonStringLiteral.decode(text[...]) else {
                throw DependencySyntaxError(message: "Invalid quoted string", start: start, end: start + length)
            }
            return .value(value)
        }
        throw error("Expected a marker variable or quoted string")
    }

    private mutating func parseMarkerOperator() throws(DependencySyntaxError) -> MarkerOperator {
        if wordLength("in") != nil {
            position += 2
            return .isIn
        }
        if wordLength("not") != nil {
            position += 3
            guard whitespaceLength() > 0 else { throw error("Expected whitespace after 'not'") }
            consumeWhitespace()
            guard wordLength("in") != nil else { throw error("Expected 'in' after 'not'") }
            position += 2
            return .notIn
        }
        for op in MarkerOperator.symbolic where matches(op.rawValue) {
            position += op.rawValue.unicodeScalars.count
            return op
        }
        throw error("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in")
    }

    // MARK: - Tokens

    var atEnd: Bool { position >= source.count }

    private func error(_ message: String) -> DependencySyntaxError {
        DependencySyntaxError(message: message, start: position, end: position)
    }

    private func peek(_ scalar: Unicode.Scalar, offset: Int = 0) -> Bool {
        position + offset < source.count && source[position + offset] == scalar
    }

    private func matches(_ literal: String) -> Bool {
        var i = position
        for scalar in literal.unicodeScalars {
            guard i < source.count, source[i] == scalar else { return false }
            i += 1
        }
        return true
    }

    private mutating func take(_ length: Int) -> String {
        let text = String(String.UnicodeScalarView(source[position..<(position + length)]))
        position += length
        return text
    }

    /// `WS`: spaces and tabs.
    private func whitespaceLength() -> Int {
        var i = position
        while i < source.count, source[i] == " " || source[i] == "\t" { i += 1 }
        return i - position
    }

    private mutating func consumeWhitespace() { position += whitespaceLength() }

    private func isWord(at index: Int) -> Bool {
        index >= 0 && index < source.count && PythonCharacters.isWordCharacter(source[index])
    }

    /// Regex `\b` at `index`.
    private func isBoundary(_ index: Int) -> Bool { isWord(at: index - 1) != isWord(at: index) }

    /// `\bword\b` at the current position.
    private func wordLength(_ word: String) -> Int? {
        guard isBoundary(position), matches(word) else { return nil }
        let length = word.unicodeScalars.count
        return isBoundary(position + length) ? length : nil
    }

    /// `IDENTIFIER`: `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`, backtracking to a word boundary.
    private func identifierLength() -> Int? {
        guard position < source.count, isASCIIAlphanumeric(source[position]), isBoundary(position) else { return nil }
        var end = position + 1
        while end < source.count, isASCIIAlphanumeric(source[end]) || source[end] == "." || source[end] == "_"
            || source[end] == "-" {
            end += 1
        }
        while end > position {
            if isBoundary(end) { return end - position }
            end -= 1
        }
        return nil
    }

    /// `BOOLOP`: `\b(or|and)\b`.
    private func booleanOperator() -> (Int, MarkerNode)? {
        if let length = wordLength("or") { return (length, .or) }
        if let length = wordLength("and") { return (length, .and) }
        return nil
    }

    private static let variableNames: [(String, String)] = [
        ("python_version", "python_version"), ("python_full_version", "python_full_version"),
        ("os_name", "os_name"), ("os.name", "os_name"), ("sys_platform", "sys_platform"),
        ("sys.platform", "sys_platform"), ("platform_release", "platform_release"),
        ("platform_system", "platform_system"), ("platform_version", "platform_version"),
        ("platform.version", "platform_version"), ("platform_machine", "platform_machine"),
        ("platform.machine", "platform_machine"),
        ("platform_python_implementation", "platform_python_implementation"),
        ("platform.python_implementation", "platform_python_implementation"),
        ("python_implementation", "platform_python_implementation"),
        ("implementation_name", "implementation_name"), ("implementation_version", "implementation_version"),
        ("extras", "extras"), ("extra", "extra"), ("dependency_groups", "dependency_groups"),
    ]

    /// `VARIABLE`, with packaging's renaming (`os.name` → `os_name`,
    /// `python_implementation` → `platform_python_implementation`).
    private func variable() -> (Int, String)? {
        for (spelling, name) in DependencyParser.variableNames {
            if let length = wordLength(spelling) { return (length, name) }
        }
        return nil
    }

    /// `QUOTED_STRING`: `'...'` or `"..."` without the quote inside.
    private func quotedStringLength() -> Int? {
        guard position < source.count, source[position] == "'" || source[position] == "\"" else { return nil }
        let quote = source[position]
        var i = position + 1
        while i < source.count {
            if source[i] == quote { return i + 1 - position }
            i += 1
        }
        return nil
    }

    /// `SPECIFIER`: one specifier matched as a prefix, as packaging's token loop does.
    private func specifierLength() -> Int? {
        guard position < source.count else { return nil }
        let start = byteOffsets[position]
        return utf8.withUnsafeBufferPointer { bytes -> Int? in
            guard let scanned = SpecifierScanner.scan(bytes, from: start, to: bytes.count) else { return nil }
            var count = 0
            for i in start..<scanned.end where bytes[i] & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    private func isASCIIAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }

    private func isLowerAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("0"..."9").contains(s)
    }
}
