/// Which installer a requirement is meant for, and so which syntax its text uses:
/// PEP 508 for `pip`, a conda MatchSpec for `conda`.
package enum Ecosystem: String, Sendable, Hashable {
    case conda
    case pip
}
