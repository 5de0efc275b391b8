import Resolver
/// A gitignore-style glob over `/`-separated relative paths: `*` and `?` stay within one path
/// component, `[abc]` / `[!a-z]` are character classes, `**` as a whole component spans any
/// number of directories, `\` escapes the next character.
///
/// As in `.gitignore`, a pattern without a slash (other than a trailing one) matches the last
/// component of a path at any depth (`*.yml`); a pattern with one is anchored to the base
/// directory (`envs/*.yml`, `/build`); a trailing slash matches directories only.
///
/// Matching is dynamic programming over components and characters, so hostile patterns
/// (`**/**/**/…`, `*a*a*a*…`) cost time proportional to pattern size times path size, never more.
package struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    package let pattern: String
    /// Matches the whole relative path rather than only its last component.
    package let isAnchored: Bool
    /// Matches only directories (the pattern ended with `/`).
    package let directoryOnly: Bool
    private let segments: [Segment]

    private enum Segment: Sendable, Hashable {
        case anyDirectories
        case component([Unicode.Scalar])
    }

    package init(_ pattern: String) {
        self.pattern = pattern
        var body = Substring(pattern)
        var directoryOnly = false
        while body.hasSuffix("/") {
            body = body.dropLast()
            directoryOnly = true
        }
        self.directoryOnly = directoryOnly
        let anchored = body.contains("/")
        isAnchored = anchored
        while body.hasPrefix("/") { body = body.dropFirst() }
        let pieces = body.split(separator: "/", omittingEmptySubsequences: true)
        var segments: [Segment] = []
        for piece in pieces {
            if piece == "**" {
                // Consecutive `**` mean the same as one.
                if segments.last != .anyDirectories { segments.append(.anyDirectories) }
            } else {
                segments.append(.component(Array(piece.unicodeScalars)))
            }
        }
        self.segments = segments
    }

    package var description: String { pattern }

    /// Whether the path (components relative to the glob's base directory) matches.
    package func matches(_ components: [String], isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        guard let last = components.last else { return false }
        if !isAnchored {
            guard segments.count == 1, case .component(let pattern) = segments[0] else {
                return segments.isEmpty ? false : Self.matchPath(segments, [last])
            }
            return Self.matchComponent(pattern, Array(last.unicodeScalars))
        }
        return Self.matchPath(segments, components)
    }

    /// Convenience for a `/`-separated relative path.
    package func matches(path: String, isDirectory: Bool) -> Bool {
        matches(path.split(separator: "/").map(String.init), isDirectory: isDirectory)
    }

    /// `reachable[i][j]`: the first `i` segments match the first `j` components.
    private static func matchPath(_ segments: [Segment], _ components: [String]) -> Bool {
        let names = components.map { Array($0.unicodeScalars) }
        var reachable = [Bool](repeating: false, count: names.count + 1)
        reachable[0] = true
        for segment in segments {
            var next = [Bool](repeating: false, count: names.count + 1)
            switch segment {
            case .anyDirectories:
                var seen = false
                for j in 0...names.count {
                    seen = seen || reachable[j]
                    next[j] = seen
                }
            case .component(let pattern):
                for j in 0..<names.count where reachable[j] && matchComponent(pattern, names[j]) {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[names.count]
    }

    private enum Token: Equatable {
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

    /// One component against one pattern component (no `/` on either side).
    private static func matchComponent(_ pattern: [Unicode.Scalar], _ name: [Unicode.Scalar]) -> Bool {
        let tokens = tokens(pattern)
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
}
