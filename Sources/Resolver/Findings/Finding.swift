import Registries

/// One problem (or remark) about a spec, with where it is and what to do instead.
package struct Finding: Sendable, Codable, Hashable {
    package enum Severity: String, Sendable, Codable, Comparable {
        case error, warning, info
        package static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    }

    package var severity: Severity
    package var code: FindingCode
    /// `pypi` or `conda`; nil for findings about the file itself.
    package var source: String?
    package var package: String?
    package var requirement: String?
    /// The file the finding points into (an included file when it came from a `-r` include).
    package var path: String
    package var line: Int?
    package var column: Int?
    package var target: Target?
    /// The chain from the top-level requirement to the dependency that fails.
    package var via: [String]
    package var message: String
    package var suggestions: [String]
    /// Every spec line that takes part (an `unsatisfiable` conflict's requirements).
    package var related: [RelatedLocation] = []
    /// Of a `source-unreachable` finding: the packages whose verdict it left unknown, each once.
    package var unknownPackages: [String] = []
    /// Of a finding folded from many copies of one cause (`FindingFolding`): every package it
    /// affects, `package` first. Empty when it is about `package` alone.
    package var packages: [String] = []
    /// Of a finding folded from copies on several lines of `path` (`FindingFolding`): each line,
    /// `line` first. Empty when it is about `line` alone.
    package var lines: [Int] = []
    /// Of a finding identical on several targets of a matrix: each of them, `target` first.
    /// Empty when it holds for `target` alone.
    package var targets: [Target] = []

    package init(severity: Severity, code: FindingCode, source: String? = nil, package: String? = nil,
                requirement: String? = nil, path: String, line: Int? = nil, column: Int? = nil,
                target: Target? = nil, via: [String] = [], message: String, suggestions: [String] = [],
                related: [RelatedLocation] = []) {
        self.severity = severity
        self.code = code
        self.source = source
        self.package = package
        self.requirement = requirement
        self.path = path
        self.line = line
        self.column = column
        self.target = target
        self.via = via
        self.message = message
        self.suggestions = suggestions
        self.related = related
    }
}

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

/// The outcome of checking one spec file.
package struct SpecReport: Sendable, Codable {
    package var path: String
    package var kind: String
    package var targets: [Target]
    package var findings: [Finding]
    /// One entry per target when the spec was resolved (empty with `--no-resolve`).
    package var resolution: [ResolutionEntry]

    package init(path: String, kind: String, targets: [Target], findings: [Finding], resolution: [ResolutionEntry] = []) {
        self.path = path
        self.kind = kind
        self.targets = targets
        self.findings = findings
        self.resolution = resolution
    }
}

/// Everything `check` (and `audit`) found.
package struct CheckReport: Sendable {
    package var specs: [SpecReport]
    /// The settings that came from files or the environment (none when only flags and defaults were used).
    package var settings: [ReportedSetting] = []
    package init(specs: [SpecReport]) { self.specs = specs }

    package var errors: Int { specs.reduce(0) { $0 + $1.findings.filter { $0.severity == .error }.count } }
    package var warnings: Int { specs.reduce(0) { $0 + $1.findings.filter { $0.severity == .warning }.count } }
    /// Of `errors`, the `source-unreachable` ones: one per unreachable source and spec.
    package var unreachableSources: Int { unreachable.count }
    /// Every `source-unreachable` finding, in report order.
    package var unreachable: [Finding] { specs.flatMap(\.findings).filter { $0.code == .sourceUnreachable } }

    /// The exit status scripts branch on: 0 no errors, 3 only source-unreachable errors, 1 otherwise.
    package var exitStatus: Int32 {
        let errors = specs.flatMap(\.findings).filter { $0.severity == .error }
        if errors.isEmpty { return 0 }
        return errors.allSatisfy { $0.code == .sourceUnreachable } ? 3 : 1
    }
}
