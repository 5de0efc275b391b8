import Resolver
/// The rules of one `.gitignore` file, which apply to paths below the directory it sits in.
///
/// The common subset of git's format: blank lines and `#` comments are skipped, `\#` and `\!`
/// escape a leading `#` or `!`, unescaped trailing spaces are dropped, `!` re-includes what an
/// earlier rule excluded, and the patterns are `PathGlob`s (`*`, `**`, `?`, `[…]`, a leading
/// `/` anchors, a trailing `/` matches directories only).
package struct IgnoreFile: Sendable {
    package struct Rule: Sendable {
        package var glob: PathGlob
        /// A `!pattern`: a match re-includes the path.
        package var negated: Bool
    }

    /// The directory the file sits in, as components relative to the walk's top directory.
    package var base: [String]
    package var rules: [Rule]

    package init(base: [String], contents: String) {
        self.base = base
        rules = []
        for rawLine in contents.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if let rule = Self.rule(String(rawLine)) { rules.append(rule) }
        }
    }

    static func rule(_ line: String) -> Rule? {
        var text = Substring(line)
        if text.hasPrefix("#") { return nil }
        // Trailing spaces go unless escaped with a backslash.
        while text.hasSuffix(" ") && !text.hasSuffix("\\ ") { text = text.dropLast() }
        var negated = false
        if text.hasPrefix("!") {
            negated = true
            text = text.dropFirst()
        } else if text.hasPrefix("\\!") || text.hasPrefix("\\#") {
            text = text.dropFirst()
        }
        guard !text.isEmpty, text != "/" else { return nil }
        return Rule(glob: PathGlob(String(text)), negated: negated)
    }

    /// `true` ignore, `false` re-included by a `!` rule, nil when no rule of this file speaks
    /// about the path. `components` are relative to the walk's top; the last rule that matches wins.
    package func verdict(for components: [String], isDirectory: Bool) -> Bool? {
        guard components.count > base.count, Array(components.prefix(base.count)) == base else { return nil }
        let relative = Array(components.dropFirst(base.count))
        for rule in rules.reversed() where rule.glob.matches(relative, isDirectory: isDirectory) {
            return !rule.negated
        }
        return nil
    }
}

/// The `.gitignore` files in force at one point of a walk, shallowest first. A deeper file's
/// verdict wins over a shallower one's, as in git.
package struct IgnoreStack: Sendable {
    package var files: [IgnoreFile] = []
    package init(files: [IgnoreFile] = []) { self.files = files }

    package func isIgnored(_ components: [String], isDirectory: Bool) -> Bool {
        for file in files.reversed() {
            if let verdict = file.verdict(for: components, isDirectory: isDirectory) { return verdict }
        }
        return false
    }

    package func adding(_ file: IgnoreFile) -> IgnoreStack {
        IgnoreStack(files: files + [file])
    }
}
