/// Input `exists --source conda` cannot work with (exit status 2).
package enum CondaLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The MatchSpec does not parse, or names no single package.
    case invalidSpec(String)

    package var description: String {
        switch self {
        case .invalidSpec(let message): return message
        }
    }
}
