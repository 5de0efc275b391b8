/// The `build_number` constraint of a MatchSpec: `3`, `==3`, `!=3`, `>=3`, `>3`, `<=3`,
/// `<3` (no spaces, one constraint), as rattler parses it.
package struct BuildNumberSpec: Sendable, Hashable, CustomStringConvertible {
    /// The comparisons a build number constraint can make.
    package enum Comparison: String, Sendable, Hashable {
        case equal = "==", notEqual = "!=", greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    }

    /// How the record's build number is compared.
    package let comparison: Comparison
    /// The number compared with.
    package let value: UInt64

    /// Why a build number constraint was rejected.
    package struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// What was wrong, for people.
        package let description: String
    }

    /// A constraint from its parts.
    package init(comparison: Comparison, value: UInt64) {
        self.comparison = comparison
        self.value = value
    }

    /// Parses `8`, `>=3`, `!=0`, ...
    package init(_ text: String) throws(BuildNumberSpec.Error) {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, "=!<>".utf8.contains(bytes[index]) { index += 1 }
        let operatorText = String(decoding: bytes[0..<index], as: UTF8.self)
        if operatorText.isEmpty {
            comparison = .equal
        } else {
            guard let parsed = Comparison(rawValue: operatorText) else {
                throw Error(description: "invalid build number operator '\(operatorText)' in '\(text)'")
            }
            comparison = parsed
        }
        let digitsStart = index
        while index < bytes.count, CondaVersionParser.isDigit(bytes[index]) { index += 1 }
        guard index > digitsStart else { throw Error(description: "could not parse build number '\(text)'") }
        guard index == bytes.count else { throw Error(description: "unexpected text after build number '\(text)'") }
        // rattler 0.28 panics on numbers beyond 64 bits; here they are an ordinary error.
        guard let number = CondaVersionParser.number(bytes[digitsStart..<index]) else {
            throw Error(description: "build number too large '\(text)'")
        }
        value = number
    }

    /// True when `buildNumber` satisfies the constraint.
    package func matches(_ buildNumber: UInt64) -> Bool {
        switch comparison {
        case .equal: return buildNumber == value
        case .notEqual: return buildNumber != value
        case .greater: return buildNumber > value
        case .greaterOrEqual: return buildNumber >= value
        case .less: return buildNumber < value
        case .lessOrEqual: return buildNumber <= value
        }
    }

    package var description: String { comparison.rawValue + String(value) }
}
