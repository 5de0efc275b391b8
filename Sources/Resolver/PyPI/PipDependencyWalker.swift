import PythonPackaging
import Registries

/// The transitive availability walk on the pip side: from an available top-level requirement,
/// read the chosen version's `Requires-Dist`, keep what the target's markers (and the requested
/// extras) select, and check each dependency as pip would pick it — the newest compatible
/// version. Not a conflict solver: every dependency is judged on its own.
actor PipDependencyWalker {
    struct Node: Sendable {
        var requirement: Requirement
        var text: String
        /// Requirers from the top-level requirement down, each as `name[extras]==version`.
        var via: [String]
    }

    struct Issue: Sendable {
        var code: FindingCode
        var package: String
        var requirement: String
        var via: [String]
        var message: String
        var suggestions: [String]
    }

    let client: PyPIClient
    let metadata: MetadataFetcher
    let target: Target
    let allowSdist: Bool
    let maxDepth = 30
    private var visited = Set<String>()
    private var issues: [Issue] = []

    init(client: PyPIClient, metadata: MetadataFetcher, target: Target, allowSdist: Bool) {
        self.client = client
        self.metadata = metadata
        self.target = target
        self.allowSdist = allowSdist
    }

    /// Walks below an available top-level requirement whose chosen distribution is `best`.
    func walk(top: Requirement, topText: String, listing: ProjectListing, best: Availability.Choice) async -> [Issue] {
        await expand(requirement: top, listing: listing, best: best, via: [])
        return issues
    }

    private func expand(requirement: Requirement, listing: ProjectListing, best: Availability.Choice, via: [String]) async {
        let label = "\(requirement.normalizedName)\(requirement.extras.isEmpty ? "" : "[\(requirement.extras.joined(separator: ","))]")==\(best.version)"
        guard visited.insert(label).inserted, via.count < maxDepth else { return }
        guard let file = listing.files.first(where: { $0.filename == best.filename }) else { return }
        let result: MetadataFetcher.Result
        do {
            result = try await metadata.metadata(project: listing.name, version: best.version, file: file)
        } catch {
            issues.append(Issue(code: .sourceUnreachable, package: listing.name, requirement: label, via: via,
                                message: "the metadata of \(label) could not be fetched: \(error)", suggestions: []))
            return
        }
        guard case .known(let core, _) = result else {
            if case .unknown(let why) = result {
                issues.append(Issue(code: .dependenciesUnknown, package: listing.name, requirement: label, via: via,
                                    message: "the dependencies of \(label) are unknown and were not checked: \(why)", suggestions: []))
            }
            return
        }
        let environment = TargetTags.markerEnvironment(for: target)
        let extras = Set(requirement.extras)
        var children: [Requirement] = []
        for line in core.requiresDist {
            guard let dependency = try? Requirement(line) else { continue }
            if let marker = dependency.marker {
                // A dependency applies when its marker holds without an extra, or with one of the requested extras.
                let applies = marker.evaluate(environment: environment, extras: [])
                    || extras.contains { marker.evaluate(environment: environment, extras: [$0]) }
                if !applies { continue }
            }
            if dependency.url != nil { continue }
            children.append(dependency)
        }
        let chain = via + [label]
        await withTaskGroup(of: Void.self) { group in
            for child in children {
                group.addTask { await self.check(child, via: chain) }
            }
        }
    }

    /// `name[extras]specifier`, without the marker that selected it.
    static func label(_ r: Requirement) -> String {
        r.normalizedName + (r.extras.isEmpty ? "" : "[\(r.extras.joined(separator: ","))]") + r.specifier.description
    }

    private func check(_ dependency: Requirement, via: [String]) async {
        let key = "\(dependency.normalizedName)|\(dependency.specifier)|\(dependency.extras.sorted())"
        guard !visited.contains(key) else { return }
        visited.insert(key)
        let listing: ProjectListing?
        do {
            listing = try await client.listing(for: dependency.name)
        } catch {
            issues.append(Issue(code: .sourceUnreachable, package: dependency.normalizedName, requirement: Self.label(dependency),
                                via: via, message: "\(error)", suggestions: []))
            return
        }
        let verdict = PyPIAvailability.evaluate(requirement: dependency, requirementText: dependency.description,
                                                listing: listing, target: target, allowSdist: allowSdist)
        let name = dependency.normalizedName
        let chain = via.joined(separator: " → ")
        switch verdict.status {
        case .available:
            guard let best = verdict.best, let listing else { return }
            if verdict.warnings.contains(where: { $0.contains(" is yanked") }) {
                issues.append(Issue(code: .yanked, package: name, requirement: Self.label(dependency), via: via,
                                    message: "\(name) \(best.version) (needed by \(chain)) is yanked", suggestions: verdict.suggestions))
            }
            await expand(requirement: dependency, listing: listing, best: best, via: via)
        case .sdistOnly:
            issues.append(Issue(code: .sdistOnly, package: name, requirement: Self.label(dependency), via: via,
                                message: "\(name) (needed by \(chain)) has only a source distribution for \(target): the build needs a compiler and may fail",
                                suggestions: verdict.suggestions))
        case .yanked:
            issues.append(Issue(code: .dependencyNotFound, package: name, requirement: Self.label(dependency), via: via,
                                message: "\(Self.label(dependency)) (needed by \(chain)): every file that fits \(target) is yanked", suggestions: verdict.suggestions))
        case .noSuchPackage:
            issues.append(Issue(code: .dependencyNotFound, package: name, requirement: Self.label(dependency), via: via,
                                message: "\(Self.label(dependency)) (needed by \(chain)): no package named \(name) exists on the index", suggestions: verdict.suggestions))
        case .noMatchingVersion:
            issues.append(Issue(code: .dependencyNotFound, package: name, requirement: Self.label(dependency), via: via,
                                message: "\(Self.label(dependency)) (needed by \(chain)): no version of \(name) satisfies \(dependency.specifier)", suggestions: verdict.suggestions))
        case .requiresPython:
            issues.append(Issue(code: .dependencyNotFound, package: name, requirement: Self.label(dependency), via: via,
                                message: "\(Self.label(dependency)) (needed by \(chain)): no matching version supports Python \(target.python)", suggestions: verdict.suggestions))
        case .noCompatibleDistribution:
            issues.append(Issue(code: .dependencyNotFound, package: name, requirement: Self.label(dependency), via: via,
                                message: "\(Self.label(dependency)) (needed by \(chain)): no distribution for the platform \(target)", suggestions: verdict.suggestions))
        }
    }
}
