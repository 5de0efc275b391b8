import Registries

/// The answer to "does this requirement exist for this target" from one ecosystem — what
/// `preflight exists` prints and what `check` turns into findings.
package struct Availability: Sendable {
    package enum Source: String, Sendable { case pypi, conda }

    package struct Choice: Sendable, Hashable {
        package var version: String
        package var filename: String
        package var url: String
    }

    package var source: Source
    package var requirement: String
    /// Normalized (PEP 503 for pypi, lower-case for conda).
    package var name: String
    package var target: Target
    package var status: AvailabilityStatus
    package var matchingVersions: [String]
    package var compatibleVersions: [String]
    package var best: Choice?
    /// Every compatible version's chosen file, newest first (`best` is the first): what a
    /// resolver falls back to when the newest one's dependencies cannot be met.
    package var candidates: [Choice] = []
    package var suggestions: [String]
    /// Human-readable facts behind the verdict (which Pythons/platforms do have files, …).
    package var details: [String]
    /// Things worth a warning even when available (a yanked pin, dependency confusion).
    package var warnings: [String]
    /// conda: for a name or version the target's subdirs lack, the other subdirs that have it.
    package var otherSubdirs: [CondaOtherSubdirs] = []
    /// For `sdist-only`: the source distribution pip would build, and what building it takes as
    /// far as the listing tells (`SourceBuildLookup` adds what the sdist's metadata declares).
    package var sourceDistribution: Choice?
    package var sourceBuild: SourceBuild?

    package var available: Bool { status == .available }
}
