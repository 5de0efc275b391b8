import Specs

/// A gitignore-style glob over `/`-separated relative paths: each component is a
/// `FileNameGlob` (`*` and `?` stay within it, `[abc]` / `[!a-z]` are character classes, `\`
/// escapes the next character), and `**` as a whole component spans any number of directories.
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
        case component(FileNameGlob)
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
                segments.append(.component(FileNameGlob(piece)))
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
            guard segments.count == 1, case .component(let glob) = segments[0] else {
                return segments.isEmpty ? false : Self.matchPath(segments, [last])
            }
            return glob.matches(last)
        }
        return Self.matchPath(segments, components)
    }

    /// Convenience for a `/`-separated relative path.
    package func matches(path: String, isDirectory: Bool) -> Bool {
        matches(path.split(separator: "/").map(String.init), isDirectory: isDirectory)
    }

    /// `reachable[i][j]`: the first `i` segments match the first `j` components.
    private static func matchPath(_ segments: [Segment], _ names: [String]) -> Bool {
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
            case .component(let glob):
                for j in 0..<names.count where reachable[j] && glob.matches(names[j]) {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[names.count]
    }
}
