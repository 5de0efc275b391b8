/// The answer to "does this requirement exist for this target" from one ecosystem — what
/// `preflight exists` prints and what `check` turns into findings.
package struct Availability: Sendable {
    package enum Source: String, Sendable { case pypi, conda }

    package struct Choice: Sendable, Hashable {
        package var version: String
        package var filename: String
        package var url: String

        package init(version: String, filename: String, url: String) {
            self.version = version
            self.filename = filename
            self.url = url
        }
    }

    /// Something worth a warning even when the requirement is available: typed, so that checks
    /// branch on what it is and only reports turn it into words (`VerdictWords`).
    package enum Notice: Sendable, Hashable {
        /// The chosen file is yanked (PEP 592); the index may say why.
        case yanked(project: String, version: String, reason: String?)
        /// More than one index serves the project: a dependency-confusion risk.
        case servedByIndexes(project: String, indexes: [String])
        /// Only a source distribution fits the target.
        case onlySdist(filename: String)
        /// A channel has no repodata for the target's subdirs (HTTP 404).
        case missingRepodata(channel: String, subdirs: [String])
    }

    package var source: Source
    package var requirement: String
    /// Normalized (PEP 503 for pypi, lower-case for conda).
    package var name: String
    package var target: Target
    package var status: AvailabilityStatus
    package var matchingVersions: [String] = []
    package var compatibleVersions: [String] = []
    package var best: Choice?
    /// Every compatible version's chosen file, newest first (`best` is the first): what a
    /// resolver falls back to when the newest one's dependencies cannot be met.
    package var candidates: [Choice] = []
    package var suggestions: [String] = []
    /// Human-readable facts behind the verdict (which Pythons/platforms do have files, …).
    package var details: [String] = []
    /// Things worth a warning even when available (a yanked pin, dependency confusion).
    package var notices: [Notice] = []
    /// conda: for a name or version the target's subdirs lack, the other subdirs that have it.
    package var otherSubdirs: [CondaOtherSubdirs] = []
    /// For `sdist-only`: the source distribution pip would build, and what building it takes as
    /// far as the listing tells (`SourceBuildLookup` adds what the sdist's metadata declares).
    package var sourceDistribution: Choice?
    package var sourceBuild: SourceBuild?

    package init(source: Source, requirement: String, name: String, target: Target, status: AvailabilityStatus = .noSuchPackage) {
        self.source = source
        self.requirement = requirement
        self.name = name
        self.target = target
        self.status = status
    }

    package var available: Bool { status == .available }

    /// The notices as a report says them.
    package var warnings: [String] { notices.map(VerdictWords.notice) }

    /// Whether the chosen file is yanked.
    package var picksYankedFile: Bool {
        notices.contains { if case .yanked = $0 { return true } else { return false } }
    }
}
