// Recognizes one specifier (`>=1.0`, `== 1.0.*`, `===foo`) at a position, as packaging's
// `Specifier._specifier_regex_str` does. Used whole by `Specifier` and as a prefix match by the
// requirement parser's token loop.

struct ScannedSpecifier {
    var op: Specifier.Operator
    /// Byte offset where the version text starts (after the operator and any whitespace).
    var versionStart: Int
    /// Byte offset just past the match.
    var end: Int
    /// The version pieces; nil for `===`.
    var version: ScannedVersion?
}

enum SpecifierScanner {
    /// Matches a specifier starting exactly at `start` (no leading whitespace) and returns the
    /// longest match packaging's pattern makes, or nil.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> ScannedSpecifier? {
        func at(_ i: Int, _ ascii: Unicode.Scalar) -> Bool { i < end && bytes[i] == UInt8(ascii: ascii) }

        let op: Specifier.Operator
        let grammar: VersionGrammar
        var p = start
        if at(p, "="), at(p + 1, "="), at(p + 2, "=") {
            // === : anything up to whitespace, `;` or `)`.
            var q = skipWhitespace(bytes, p + 3, end)
            let versionStart = q
            while q < end {
                let b = bytes[q]
                if b == UInt8(ascii: ";") || b == UInt8(ascii: ")") { break }
                if UTF8Whitespace.length(at: q, in: bytes, end: end) > 0 { break }
                q += 1
            }
            if q > versionStart {
                return ScannedSpecifier(op: .arbitrary, versionStart: versionStart, end: q, version: nil)
            }
            // Otherwise the `==` branch gets its turn, and fails on the third `=`.
            return nil
        } else if at(p, "="), at(p + 1, "=") {
            op = .equal; grammar = .equality; p += 2
        } else if at(p, "!"), at(p + 1, "=") {
            op = .notEqual; grammar = .equality; p += 2
        } else if at(p, "~"), at(p + 1, "=") {
            op = .compatible; grammar = .compatible; p += 2
        } else if at(p, "<"), at(p + 1, "=") {
            op = .lessThanOrEqual; grammar = .ordered; p += 2
        } else if at(p, ">"), at(p + 1, "=") {
            op = .greaterThanOrEqual; grammar = .ordered; p += 2
        } else if at(p, "<") {
            op = .lessThan; grammar = .ordered; p += 1
        } else if at(p, ">") {
            op = .greaterThan; grammar = .ordered; p += 1
        } else {
            return nil
        }
        let versionStart = skipWhitespace(bytes, p, end)
        guard let version = VersionScanner.scan(bytes, from: versionStart, to: end, grammar: grammar) else {
            return nil
        }
        return ScannedSpecifier(op: op, versionStart: versionStart, end: version.end, version: version)
    }

    static func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var p = start
        while p < end {
            let n = UTF8Whitespace.length(at: p, in: bytes, end: end)
            if n == 0 { break }
            p += n
        }
        return p
    }
}
