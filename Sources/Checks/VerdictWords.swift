/// How verdicts are said: every sentence a check writes about a verdict, in one place, so that
/// the same fact reads the same in `exists`, a top-level finding and a dependency's finding.
package enum VerdictWords {
    /// An availability notice, as `exists` prints it under the verdict.
    package static func notice(_ notice: Availability.Notice) -> String {
        switch notice {
        case .yanked(let project, let version, let reason):
            return "\(project) \(version) is yanked\(reason.map { ": \($0)" } ?? "")"
        case .servedByIndexes(let project, let indexes):
            return "\(project) is served by more than one index (\(indexes.joined(separator: ", "))): a dependency-confusion risk"
        case .onlySdist(let filename):
            return "only a source distribution fits the target: \(filename)"
        case .missingRepodata(let channel, let subdirs):
            return "\(channel) has no \(subdirs.joined(separator: " or ")) repodata (HTTP 404): is the channel name right?"
        }
    }
}

extension VerdictWords {
    /// What a requirement that does not install is told, per verdict, on the pip side. `why` is the
    /// verdict's details joined; `build` the sdist build's consequence.
    package static func pipRequirement(_ status: AvailabilityStatus, name: String, specifier: String, requirement: String,
                                       indexes: [String], target: Target, why: String, build: String = "") -> String {
        switch status {
        case .noSuchPackage:
            return "no package named \(name) on \(indexes.joined(separator: ", ")) (pip: No matching distribution found for \(requirement))"
        case .noMatchingVersion:
            return "\(name) exists, but no version satisfies \(specifier) (pip: Could not find a version that satisfies the requirement \(requirement))"
        case .requiresPython:
            return "no version of \(name) matching \(specifier) supports Python \(target.python): \(why)"
        case .sdistOnly:
            return "\(name) has only a source distribution for \(target): \(build)"
        case .yanked:
            return "every file of \(name) that fits \(target) is yanked; pip will not pick them unless pinned with =="
        case .noCompatibleDistribution:
            return "\(name) \(specifier) has no wheel for \(target): \(why)"
        case .available:
            return "\(name) installs on \(target)"
        }
    }

    /// Why a dependency does not install, pip side, for the end of "x (needed by a → b): …".
    package static func pipDependency(_ status: AvailabilityStatus, name: String, specifier: String, target: Target) -> String {
        switch status {
        case .yanked: return "every file that fits \(target) is yanked"
        case .noSuchPackage: return "no package named \(name) exists on the index"
        case .noMatchingVersion: return "no version of \(name) satisfies \(specifier)"
        case .requiresPython: return "no matching version supports Python \(target.python)"
        case .noCompatibleDistribution: return "no distribution for the platform \(target)"
        case .available, .sdistOnly: return "installable"
        }
    }

    /// What a conda requirement that does not install is told. `elsewhere` names the other
    /// subdirs that have it (`CondaOtherSubdirs.sentence`).
    package static func condaRequirement(_ status: AvailabilityStatus, name: String, requirement: String, channels: String,
                                         target: Target, why: String, elsewhere: String?) -> String {
        switch status {
        case .noSuchPackage:
            if let elsewhere {
                return "no package named \(name) for \(target.platform) in \(channels): \(elsewhere) (conda: ResolvePackageNotFound: \(requirement))"
            }
            return "no package named \(name) in \(channels) (conda: ResolvePackageNotFound: \(requirement))"
        case .noMatchingVersion:
            if let elsewhere {
                return "\(name) exists in \(channels), but no record for \(target.platform) matches \(requirement): \(elsewhere) (conda: ResolvePackageNotFound)"
            }
            return "\(name) exists in \(channels), but no version matches \(requirement) (conda: ResolvePackageNotFound)"
        case .requiresPython:
            return "no record of \(requirement) supports Python \(target.python): \(why)"
        case .noCompatibleDistribution:
            return "no record of \(requirement) installs on \(target)\(why.isEmpty ? "" : ": " + why)"
        case .available, .sdistOnly, .yanked:
            return "\(requirement) installs on \(target)"
        }
    }

    /// Why a dependency does not install, conda side.
    package static func condaDependency(_ status: AvailabilityStatus, name: String, target: Target) -> String {
        switch status {
        case .noSuchPackage: return "no package named \(name) in the channels searched"
        case .noMatchingVersion: return "no version of \(name) matches"
        case .requiresPython: return "no record supports Python \(target.python)"
        case .noCompatibleDistribution: return "no record installs on \(target)"
        case .available, .sdistOnly, .yanked: return "installable"
        }
    }

    /// A top-level lookup that failed: the index, and what is left unknown.
    package static func indexUnreachable(_ index: String, detail: String, package: String) -> String {
        "\(index) could not be reached: \(detail); the verdict for \(package) is unknown"
    }

    package static func channelUnreadable(_ channel: String, cause: String) -> String {
        "channel \(channel) could not be read: \(cause); verdicts that need it are unknown"
    }
}

extension AvailabilityStatus {
    /// The finding a top-level requirement gets for this verdict (a dependency's is always
    /// `dependency-not-found`); nil when it installs.
    package var requirementFinding: FindingCode? {
        switch self {
        case .available: return nil
        case .noSuchPackage: return .packageNotFound
        case .noMatchingVersion, .yanked: return .versionNotFound
        case .requiresPython: return .requiresPython
        case .sdistOnly: return .sdistOnly
        case .noCompatibleDistribution: return .noCompatibleDistribution
        }
    }

    /// Whether pip or conda cannot install from this verdict (an sdist builds, so it can).
    package var isFailure: Bool { self != .available && self != .sdistOnly }
}
