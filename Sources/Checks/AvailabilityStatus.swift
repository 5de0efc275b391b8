/// The `status` of an `exists` answer: `available`, or the first reason that applies.
package enum AvailabilityStatus: String, Sendable, Codable {
    case available
    case noSuchPackage = "no-such-package"
    case noMatchingVersion = "no-matching-version"
    case requiresPython = "requires-python"
    case sdistOnly = "sdist-only"
    case yanked
    case noCompatibleDistribution = "no-compatible-distribution"
}
