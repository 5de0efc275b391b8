/// One component of a conda version segment: `1.2rc3` has the segments `[1]` and
/// `[2, "rc", 3]`.
///
/// Equality here is structural (a trailing `-` differs from a trailing `_`); ordering is
/// conda's, given by ``compare(_:_:)``, in which the two trailing separators are equal.
package enum CondaVersionComponent: Sendable, Hashable {
    /// A run of ASCII digits.
    case number(UInt64)
    /// A run of ASCII letters, lower-cased (other than `dev` and `post`).
    case identifier(String)
    /// `dev` (any case): sorts before everything else.
    case dev
    /// `post` (any case): sorts after everything else.
    case post
    /// A trailing `_` or `-` (`1.0.1_`, the openssl convention): sorts before identifiers.
    case trailingSeparator(isDash: Bool)

    /// The value a missing component stands for when versions of different length are
    /// compared (`1.1 == 1.1.0`).
    package static let padding = CondaVersionComponent.number(0)

    /// True for a number component.
    package var isNumber: Bool {
        if case .number = self { return true }
        return false
    }

    /// True for the number zero.
    package var isZero: Bool {
        if case .number(0) = self { return true }
        return false
    }

    /// Conda's component ordering: `dev` < trailing separator < identifiers (alphabetical)
    /// < numbers (numeric) < `post`. Returns -1, 0 or 1.
    package static func compare(_ a: CondaVersionComponent, _ b: CondaVersionComponent) -> Int {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.number, .identifier), (.number, .trailingSeparator):
            return 1
        case (.identifier, .number), (.trailingSeparator, .number):
            return -1
        case (.identifier(let x), .identifier(let y)):
            // Identifiers are ASCII lower case, so byte order is the reference's order.
            return x == y ? 0 : (x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1)
        case (.post, .post), (.dev, .dev), (.trailingSeparator, .trailingSeparator):
            return 0
        case (.trailingSeparator, .identifier):
            return -1
        case (.identifier, .trailingSeparator):
            return 1
        case (.post, _):
            return 1
        case (_, .post):
            return -1
        case (.dev, _):
            return -1
        case (_, .dev):
            return 1
        }
    }

    /// The component as conda prints it in a normalised version string.
    package var normalizedText: String {
        switch self {
        case .number(let n): return String(n)
        case .identifier(let s): return s
        case .dev: return "dev"
        case .post: return "post"
        case .trailingSeparator(let isDash): return isDash ? "-" : "_"
        }
    }
}

/// One segment of a conda version: the part between two `.`, `-` or `_` separators.
package struct CondaVersionSegment: Sendable, Hashable {
    /// The components, including the implicit leading `0` of a segment that starts with a
    /// letter (`1.a1` is `1.0a1`).
    package let components: [CondaVersionComponent]
    /// True when the first component is the implicit `0` and was not written.
    package let hasImplicitZero: Bool
    /// The separator written before this segment (`.`, `-` or `_`), nil for the first one.
    package let separator: Character?

    /// True when every component is the number zero.
    package var isZero: Bool { components.allSatisfy(\.isZero) }

    /// The segment as written in normalised form (without its separator).
    var normalizedText: String {
        components.dropFirst(hasImplicitZero ? 1 : 0).map(\.normalizedText).joined()
    }
}
