/// How a MatchSpec field such as the build string is matched, as rattler 0.28 does: by
/// regular expression when it starts with `^` and ends with `$`, by glob when it contains
/// `*`, otherwise exactly (so `^py27` is the literal text `^py27`).
package enum StringMatcher: Sendable, Hashable, CustomStringConvertible {
    /// The whole value must equal the text.
    case exact(String)
    /// The whole value must match the glob.
    case glob(GlobPattern)
    /// The value must match the `^...$` expression.
    case regex(RegexPattern)

    /// Why a matcher string was rejected.
    package struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// What was wrong, for people.
        package let description: String
    }

    /// `^...$` is a regex, text containing `*` a glob, anything else an exact string.
    package init(_ text: String) throws(StringMatcher.Error) {
        if text.hasPrefix("^"), text.hasSuffix("$") {
            do { self = .regex(try RegexPattern(text)) } catch { throw Error(description: error.description) }
        } else if text.contains("*") {
            do { self = .glob(try GlobPattern(text)) } catch { throw Error(description: error.description) }
        } else {
            self = .exact(text)
        }
    }

    /// True when `value` matches.
    package func matches(_ value: String) -> Bool {
        switch self {
        case .exact(let text): return text == value
        case .glob(let glob): return glob.matches(value)
        case .regex(let regex): return regex.matches(value)
        }
    }

    package var description: String {
        switch self {
        case .exact(let text): return text
        case .glob(let glob): return glob.pattern
        case .regex(let regex): return regex.pattern
        }
    }
}
