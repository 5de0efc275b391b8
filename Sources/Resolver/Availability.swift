import Registries

/// The answer to "does this requirement exist for this target" from one ecosystem — what
/// `preflight exists` prints and what `check` turns into findings.
public struct Availability: Sendable {
    public enum Source: String, Sendable { case pypi, conda }

    public struct Choice: Sendable, Hashable {
        public var version: String
        public var filename: String
        public var url: String
    }

    public var source: Source
    public var requirement: String
    /// Normalized (PEP 503 for pypi, lower-case for conda).
    public var name: String
    public var target: Target
    public var status: AvailabilityStatus
    public var matchingVersions: [String]
    public var compatibleVersions: [String]
    public var best: Choice?
    /// Every compatible version's chosen file, newest first (`best` is the first): what a
    /// resolver falls back to when the newest one's dependencies cannot be met.
    public var candidates: [Choice] = []
    public var suggestions: [String]
    /// Human-readable facts behind the verdict (which Pythons/platforms do have files, …).
    public var details: [String]
    /// Things worth a warning even when available (a yanked pin, dependency confusion).
    public var warnings: [String]
    /// conda: for a name or version the target's subdirs lack, the other subdirs that have it.
    public var otherSubdirs: [CondaOtherSubdirs] = []
    /// For `sdist-only`: the source distribution pip would build, and what building it takes as
    /// far as the listing tells (`SourceBuildLookup` adds what the sdist's metadata declares).
    public var sourceDistribution: Choice?
    public var sourceBuild: SourceBuild?

    public var available: Bool { status == .available }
}
