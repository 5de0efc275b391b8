/// A shell-style glob as used for conda build strings and package names (`py38*`,
/// `*_cp39`, `py2[!8]*`), with the syntax and matching of Rust's `glob` crate, which rattler
/// uses: `*` any run, `?` one character, `[...]` / `[!...]` classes with ranges.
/// Matching is case-sensitive and linear-time in practice (no backtracking explosion).
package struct GlobPattern: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case literal(Character)
        case anyCharacter
        case anySequence
        case characterClass(ranges: [ClosedRange<Character>], negated: Bool)
    }

    /// The pattern as written.
    package let pattern: String
    let tokens: [Token]

    /// Why a glob was rejected.
    package struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// The rejected pattern.
        package let pattern: String
        /// What was wrong, for people.
        package let reason: String
        package var description: String { "invalid glob '\(pattern)': \(reason)" }
    }

    /// Compiles a glob; `**` must form a whole path component and `[` must be closed.
    package init(_ pattern: String) throws(GlobPattern.Error) {
        self.pattern = pattern
        let chars = Array(pattern)
        var tokens: [Token] = []
        var index = 0
        while index < chars.count {
            let char = chars[index]
            switch char {
            case "?":
                tokens.append(.anyCharacter)
                index += 1
            case "*":
                var run = 0
                while index < chars.count, chars[index] == "*" { run += 1; index += 1 }
                if run > 2 { throw Error(pattern: pattern, reason: "wildcards are either regular `*` or recursive `**`") }
                if run == 2 {
                    let startOK = index - 2 == 0 || chars[index - 3] == "/"
                    let endOK = index == chars.count || chars[index] == "/"
                    guard startOK, endOK else {
                        throw Error(pattern: pattern, reason: "recursive wildcards must form a single path component")
                    }
                }
                if tokens.last != .anySequence { tokens.append(.anySequence) }
            case "[":
                // `[!` negates; a `]` right after the opening (or after `!`) is literal.
                var cursor = index + 1
                var negated = false
                if cursor < chars.count, chars[cursor] == "!" { negated = true; cursor += 1 }
                var members: [Character] = []
                if cursor < chars.count, chars[cursor] == "]" { members.append("]"); cursor += 1 }
                while cursor < chars.count, chars[cursor] != "]" { members.append(chars[cursor]); cursor += 1 }
                guard cursor < chars.count, !members.isEmpty else {
                    throw Error(pattern: pattern, reason: "invalid range pattern")
                }
                var ranges: [ClosedRange<Character>] = []
                var m = 0
                while m < members.count {
                    if m + 2 < members.count, members[m + 1] == "-", members[m] <= members[m + 2] {
                        ranges.append(members[m]...members[m + 2])
                        m += 3
                    } else {
                        ranges.append(members[m]...members[m])
                        m += 1
                    }
                }
                tokens.append(.characterClass(ranges: ranges, negated: negated))
                index = cursor + 1
            default:
                tokens.append(.literal(char))
                index += 1
            }
        }
        self.tokens = tokens
    }

    /// True when the whole of `text` matches the pattern.
    package func matches(_ text: String) -> Bool {
        let chars = Array(text)
        var t = 0, c = 0
        var starToken = -1, starChar = 0
        while c < chars.count {
            if t < tokens.count {
                switch tokens[t] {
                case .anySequence:
                    starToken = t; starChar = c; t += 1
                    continue
                case .anyCharacter:
                    t += 1; c += 1
                    continue
                case .literal(let expected) where expected == chars[c]:
                    t += 1; c += 1
                    continue
                case .characterClass(let ranges, let negated)
                    where ranges.contains(where: { $0.contains(chars[c]) }) != negated:
                    t += 1; c += 1
                    continue
                default:
                    break
                }
            }
            // Mismatch: let the last `*` swallow one more character, or fail.
            guard starToken >= 0 else { return false }
            starChar += 1
            c = starChar
            t = starToken + 1
        }
        while t < tokens.count, tokens[t] == .anySequence { t += 1 }
        return t == tokens.count
    }
}
