/// A glob on one file name (no `/`), as `.gitignore` and shells write them: `*` is any run of
/// characters, `?` one character, `[abc]` / `[!a-z]` a character class, `\` escapes the next
/// character.
///
/// Matching is dynamic programming over the pattern's tokens and the name's characters (Unicode
/// scalars), so hostile patterns (`*a*a*a*…`) cost time proportional to pattern size times name
/// size, never more.
package struct FileNameGlob: Sendable, Hashable {
    private let tokens: [Token]

    package init(_ pattern: some StringProtocol) {
        tokens = Self.tokens(Array(pattern.unicodeScalars))
    }

    /// Whether the whole name matches.
    package func matches(_ name: some StringProtocol) -> Bool {
        let name = Array(name.unicodeScalars)
        // reachable[j]: the tokens so far match the first j characters.
        var reachable = [Bool](repeating: false, count: name.count + 1)
        reachable[0] = true
        for token in tokens {
            var next = [Bool](repeating: false, count: name.count + 1)
            if token == .star {
                var seen = false
                for j in 0...name.count {
                    seen = seen || reachable[j]
                    next[j] = seen
                }
            } else {
                for j in 0..<name.count where reachable[j] && token.accepts(name[j]) {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[name.count]
    }

    private enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case any
        case star
        case set(ranges: [ClosedRange<UInt32>], negated: Bool)

        func accepts(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .literal(let c): return c == scalar
            case .any: return true
            case .star: return true
            case .set(let ranges, let negated): return ranges.contains { $0.contains(scalar.value) } != negated
            }
        }
    }

    private static func tokens(_ pattern: [Unicode.Scalar]) -> [Token] {
        var out: [Token] = []
        var i = 0
        while i < pattern.count {
            let c = pattern[i]
            switch c {
            case "\\" where i + 1 < pattern.count:
                out.append(.literal(pattern[i + 1]))
                i += 2
            case "*":
                if out.last != .star { out.append(.star) }
                i += 1
            case "?":
                out.append(.any)
                i += 1
            case "[":
                if let (set, end) = characterClass(pattern, from: i) {
                    out.append(set)
                    i = end
                } else {
                    out.append(.literal(c))
                    i += 1
                }
            default:
                out.append(.literal(c))
                i += 1
            }
        }
        return out
    }

    /// Parses `[...]` starting at `start`; nil when it is not closed (then `[` is literal).
    private static func characterClass(_ p: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < p.count, p[i] == "!" || p[i] == "^" {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while i < p.count {
            var c = p[i]
            if c == "]" && !first { return (.set(ranges: ranges, negated: negated), i + 1) }
            first = false
            if c == "\\", i + 1 < p.count {
                i += 1
                c = p[i]
            }
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                let upper = p[i + 2]
                if c.value <= upper.value { ranges.append(c.value...upper.value) }
                i += 3
            } else {
                ranges.append(c.value...c.value)
                i += 1
            }
        }
        return nil
    }
}
