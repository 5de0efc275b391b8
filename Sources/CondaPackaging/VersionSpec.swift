/// The comparison in one version constraint of a ``VersionSpec``.
package enum VersionOperator: Sendable, Hashable {
    /// `==1.2` (and a bare `1.2`): equal under conda ordering, so `1.2.0` matches.
    case equal
    /// `!=1.2`
    case notEqual
    /// `>1.2`
    case greater
    /// `>=1.2`
    case greaterOrEqual
    /// `<1.2`
    case less
    /// `<=1.2`
    case lessOrEqual
    /// `1.2.*`, `1.2*`, `=1.2`: the version starts with `1.2` segment by segment.
    case startsWith
    /// `!=1.2.*`
    case notStartsWith
    /// `~=1.2`: at least `1.2` and starting with `1`.
    case compatible
}

/// The version part of a conda MatchSpec: `>=1.2,<2|3.*`.
///
/// Parsing follows rattler's lenient mode (`ParseStrictness::Lenient`, the default of
/// `VersionSpec(str)` in py-rattler), which is what conda accepts:
/// - `,` (and) binds tighter than `|` (or); parentheses group; spaces are allowed around
///   `,`, `|` and inside parentheses, and after an operator only inside a MatchSpec (whose
///   version part has its whitespace removed first).
/// - A bare version `1.2` means `==1.2`. `1.2.*`, `1.2*` and `=1.2` mean "starts with 1.2";
///   `2023.*.*` too. `*`, `*.*`, `>=*`, `==*`, `=*`, `~=*`, `<=*` match everything.
/// - A glob after another operator is dropped: `>=1.2.*` is `>=1.2`, `>1.2*` is `>=1.2`,
///   `==1.2.*` is `==1.2`; `!=1.2.*` means "does not start with 1.2".
/// - Regular expressions (`^1.2$`) are rejected, as by rattler.
package indirect enum VersionSpec: Sendable, Hashable, CustomStringConvertible {
    /// Matches every version (`*`).
    case any
    /// One comparison.
    case constraint(VersionOperator, CondaVersion)
    /// Every member must match (`,`).
    case all([VersionSpec])
    /// Some member must match (`|`).
    case either([VersionSpec])

    /// Parses a version spec string (lenient, see the type's documentation).
    package init(_ string: String) throws(VersionSpecError) {
        self = try VersionSpecParser.parse(string)
    }

    /// True when `version` satisfies the spec.
    package func matches(_ version: CondaVersion) -> Bool {
        switch self {
        case .any:
            return true
        case .constraint(let op, let limit):
            switch op {
            case .equal: return version == limit
            case .notEqual: return version != limit
            case .greater: return version > limit
            case .greaterOrEqual: return version >= limit
            case .less: return version < limit
            case .lessOrEqual: return version <= limit
            case .startsWith: return version.startsWith(limit)
            case .notStartsWith: return !version.startsWith(limit)
            case .compatible: return version.isCompatible(with: limit)
            }
        case .all(let members):
            return members.allSatisfy { $0.matches(version) }
        case .either(let members):
            return members.contains { $0.matches(version) }
        }
    }

    /// Canonical spelling, as rattler prints it (`1.2*` → `1.2.*`, `1.2` → `==1.2`).
    package var description: String { render(parentIsAll: false) }

    private func render(parentIsAll: Bool) -> String {
        switch self {
        case .any:
            return "*"
        case .constraint(let op, let version):
            let text = version.normalizedDescription
            switch op {
            case .equal: return "==" + text
            case .notEqual: return "!=" + text
            case .greater: return ">" + text
            case .greaterOrEqual: return ">=" + text
            case .less: return "<" + text
            case .lessOrEqual: return "<=" + text
            case .startsWith: return text + ".*"
            case .notStartsWith: return "!=" + text + ".*"
            case .compatible: return "~=" + text
            }
        case .all(let members):
            return members.map { $0.render(parentIsAll: true) }.joined(separator: ",")
        case .either(let members):
            let inner = members.map { $0.render(parentIsAll: false) }.joined(separator: "|")
            return parentIsAll ? "(" + inner + ")" : inner
        }
    }
}

/// Why a version spec string was rejected.
package struct VersionSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec string that failed to parse.
    package let input: String
    /// What was wrong, for people.
    package let reason: String

    package var description: String { "invalid version spec '\(input)': \(reason)" }
}
