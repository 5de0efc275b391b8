/// Stable finding codes: scripts and audit diffs key on them, so a code is never renamed (more may be added).
package enum FindingCode: String, Sendable, Codable, CaseIterable {
    case packageNotFound = "package-not-found"
    case versionNotFound = "version-not-found"
    case requiresPython = "requires-python"
    case noCompatibleDistribution = "no-compatible-distribution"
    case sdistOnly = "sdist-only"
    case yanked
    case dependencyNotFound = "dependency-not-found"
    case hashMismatch = "hash-mismatch"
    case pipNotListed = "pip-not-listed"
    case pipUnpinned = "pip-unpinned"
    case condaPipOverlap = "conda-pip-overlap"
    case sourceUnreachable = "source-unreachable"
    case invalidSpec = "invalid-spec"
    case unverifiableReference = "unverifiable-reference"
    case dependencyConfusion = "dependency-confusion"
    case dependenciesUnknown = "dependencies-unknown"
    case shellRedirection = "shell-redirection"
    case unsatisfiable
    case pipOldResolver = "pip-old-resolver"
    case resolutionTooComplex = "resolution-too-complex"
    case backtrackLimit = "backtrack-limit"
    case placeholderPackage = "placeholder-package"

    package var defaultSeverity: Finding.Severity {
        switch self {
        case .sdistOnly, .yanked, .pipNotListed, .condaPipOverlap, .dependencyConfusion, .shellRedirection, .resolutionTooComplex, .pipOldResolver,
             .backtrackLimit: return .warning
        case .pipUnpinned, .unverifiableReference, .dependenciesUnknown: return .info
        default: return .error
        }
    }

    /// Short help for people and for SARIF rule descriptions.
    package var help: String {
        switch self {
        case .packageNotFound: return "No configured index or channel has a package of this name (pip: No matching distribution found; conda: ResolvePackageNotFound)."
        case .versionNotFound: return "The package exists but no version satisfies the requirement (pip: Could not find a version that satisfies the requirement)."
        case .requiresPython: return "Versions satisfy the requirement, but none supports the target Python."
        case .noCompatibleDistribution: return "Versions satisfy the requirement, but none has a wheel or conda record for the target platform and Python."
        case .sdistOnly: return "Only a source distribution fits the target: pip builds it at install time. A warning when the build needs a compiler (the project ships only platform wheels, or declares compiled code), which the image may lack; else info."
        case .yanked: return "The pinned version is yanked (PEP 592)."
        case .dependencyNotFound: return "A dependency of an available package cannot be satisfied for the target; `via` holds the chain."
        case .hashMismatch: return "No --hash in the spec matches a file of that version that installs on the target (pip: THESE PACKAGES DO NOT MATCH THE HASHES)."
        case .pipNotListed: return "The conda environment has a pip: section but does not list pip itself."
        case .pipUnpinned: return "pip is not pinned to a version."
        case .condaPipOverlap: return "A package installed by conda is also required in the pip: section; pip may fail to uninstall it."
        case .sourceUnreachable: return "An index or channel could not be reached or answered garbage after retries: the verdict for what needed it is unknown."
        case .invalidSpec: return "The file or a line of it cannot be parsed."
        case .unverifiableReference: return "A requirement no index answers for: a URL, VCS or local-path requirement (a local project is built from source, its dependencies unchecked), or a pin to a local build (`==0+unknown`), an error since pip cannot install it from any index."
        case .dependencyConfusion: return "One package name is served by more than one index: a dependency-confusion risk."
        case .shellRedirection: return "An unquoted `>` or `<` in a Dockerfile RUN line is a shell redirection: pip gets the package without its version limit."
        case .pipOldResolver: return "pip is pinned below 20.3: its old resolver can loop for hours on conflicting requirements instead of failing."
        case .unsatisfiable: return "The requirements cannot all be installed together on the target (pip: ResolutionImpossible); the message explains why, step by step."
        case .resolutionTooComplex: return "The resolution stopped at its limit (resolver.max_seconds) before finding an answer; whether the requirements install together is unknown."
        case .dependenciesUnknown: return "The dependencies of a package could not be read (no metadata file, no range reads, dynamic sdist metadata): they were not checked."
        case .placeholderPackage: return "A name that never installs what the line meant: a PyPI placeholder whose install fails on purpose (sklearn, pytorch), or an old backport of a standard-library module (uuid, argparse, enum34); the finding names the real project or says to remove the line."
        case .backtrackLimit: return "The availability walk (--no-resolve, or a resolution that did not finish) tried a package's newest versions, found a dependency missing for the target in each, and stopped: older versions were not checked, so whether one installs is unknown."
        }
    }
}
