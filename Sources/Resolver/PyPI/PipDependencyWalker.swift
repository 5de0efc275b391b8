import Checks
import Foundation
import PythonPackaging
import Registries
import Transport

/// The transitive availability walk on the pip side: from an available requirement, read the
/// chosen version's `Requires-Dist`, keep what the target's markers (and the requested extras)
/// select, and check each dependency. Like pip, a version whose own dependencies cannot be met
/// on the target is passed over for the next older one (a bounded backtrack); it is not a full
/// conflict solver: every dependency is judged on its own. Past the bound it says it stopped
/// (`backtrack-limit`) rather than calling a dependency missing that an older version may not need.
actor PipDependencyWalker {
    typealias Issue = DependencyIssue

    /// A dependency with the verdict for it.
    private struct Edge: Sendable {
        var requirement: Requirement
        var verdict: Availability
        var listing: ProjectListing?
    }

    let client: any PackageIndex
    let metadata: any MetadataSource
    let target: Target
    let allowSdist: Bool
    let session: CheckSession
    let maxDepth = 30
    /// How many older versions are tried when the newest one's dependencies fail.
    let maxBacktrack = 12
    private var visited = Set<String>()
    private var issues: [Issue] = []

    init(client: any PackageIndex, metadata: any MetadataSource, target: Target, allowSdist: Bool, session: CheckSession) {
        self.client = client
        self.metadata = metadata
        self.target = target
        self.allowSdist = allowSdist
        self.session = session
    }

    /// Walks below an available top-level requirement.
    func walk(top: Requirement, listing: ProjectListing, verdict: Availability) async -> [Issue] {
        await expand(requirement: top, listing: listing, candidates: verdict.candidates, via: [])
        return issues
    }

    /// `name[extras]specifier`, without the marker that selected it.
    static func label(_ r: Requirement) -> String {
        r.normalizedName + (r.extras.isEmpty ? "" : "[\(r.extras.joined(separator: ","))]") + r.specifier.description
    }

    static func pinned(_ r: Requirement, _ version: String) -> String {
        r.normalizedName + (r.extras.isEmpty ? "" : "[\(r.extras.joined(separator: ","))]") + "==" + version
    }

    private func expand(requirement: Requirement, listing: ProjectListing, candidates: [Availability.Choice], via: [String]) async {
        guard via.count < maxDepth, let newest = candidates.first,
              visited.insert(Self.pinned(requirement, newest.version)).inserted else { return }
        var first: (label: String, edges: [Edge])?
        for candidate in candidates.prefix(maxBacktrack) {
            let label = Self.pinned(requirement, candidate.version)
            guard let edges = await dependencies(of: requirement, listing: listing, choice: candidate, label: label, via: via) else { return }
            if first == nil { first = (label, edges) }
            if edges.allSatisfy({ !$0.verdict.status.isFailure }) {
                if candidate.version != newest.version {
                    Trace.log("\(Self.pinned(requirement, newest.version)) has dependencies missing for \(target); pip falls back to \(label)")
                }
                await report(edges, via: via + [label])
                return
            }
        }
        guard let first else { return }
        if candidates.count > maxBacktrack {
            // Older versions were not tried, and pip would go on to them: this is where the walk
            // gave up, not a dependency known to be missing, so it is not reported as one.
            let missing = first.edges.first { $0.verdict.status.isFailure }
            let example = missing.map { "\(first.label) needs \(Self.label($0.requirement)): \(Self.problem($0.verdict, $0.requirement, target: target))" }
            let chain = via.isEmpty ? "" : " (needed by \(via.joined(separator: " → ")))"
            issues.append(Issue(code: .backtrackLimit, package: requirement.normalizedName, requirement: Self.label(requirement), via: via,
                                message: "\(requirement.normalizedName)\(chain): the \(maxBacktrack) newest of its \(candidates.count) versions for \(target) "
                                    + "each need a dependency that does not install there\(example.map { " (\($0))" } ?? ""); not checked past \(maxBacktrack) versions, "
                                    + "so whether an older one installs is unknown (pip backtracks further; a resolution, without --no-resolve, answers it)",
                                suggestions: []))
            return
        }
        // Every version has a dependency missing: report what the newest one lacks.
        await report(first.edges, via: via + [first.label])
    }

    /// Why a dependency's verdict is a failure, for messages ("no matching version supports Python 3.8").
    static func problem(_ verdict: Availability, _ dependency: Requirement, target: Target) -> String {
        VerdictWords.pipDependency(verdict.status, name: dependency.normalizedName, specifier: dependency.specifier.description, target: target)
    }

    /// The verdict for each dependency of one version; nil when its metadata is unknown (reported).
    private func dependencies(of requirement: Requirement, listing: ProjectListing, choice: Availability.Choice,
                              label: String, via: [String]) async -> [Edge]? {
        guard let file = listing.files.first(where: { $0.filename == choice.filename }) else { return nil }
        let result: MetadataFetcher.Result
        do {
            result = try await metadata.metadata(project: listing.name, version: choice.version, file: file)
        } catch {
            issues.append(Issue(code: .sourceUnreachable, package: listing.name, requirement: label, via: via,
                                message: "the metadata of \(label) could not be fetched: \(error)", suggestions: [],
                                unreachableSource: UnreachableSource.key(of: error)))
            return nil
        }
        guard case .known(let core, _) = result else {
            if case .unknown(let why) = result {
                issues.append(Issue(code: .dependenciesUnknown, package: listing.name, requirement: label, via: via,
                                    message: "the dependencies of \(label) are unknown and were not checked: \(why)", suggestions: []))
            }
            return nil
        }
        let environment = TargetTags.markerEnvironment(for: target)
        let extras = Set(requirement.extras)
        var children: [Requirement] = []
        for line in core.requiresDist {
            guard let dependency = RequirementLines.parse(line, session: session), dependency.url == nil else { continue }
            if let marker = dependency.marker {
                // Applies when the marker holds without an extra, or with one of the requested extras.
                let applies = marker.evaluate(environment: environment, extras: [])
                    || extras.contains { marker.evaluate(environment: environment, extras: [$0]) }
                if !applies { continue }
            }
            children.append(dependency)
        }
        // Every child's listing is fetched at once: a walk is bound by round trips, not CPU.
        let client = self.client, target = self.target, allowSdist = self.allowSdist, session = self.session
        let results = await withTaskGroup(of: (Int, Result<Edge, Error>).self) { group in
            for (i, child) in children.enumerated() {
                group.addTask {
                    do {
                        let childListing = try await client.listing(for: child.name)
                        // The parent's specifier binds what may be suggested instead: this spec cannot change it.
                        let verdict = PyPIAvailability.evaluate(requirement: child, requirementText: Self.label(child),
                                                                listing: childListing, target: target, allowSdist: allowSdist,
                                                                constraints: [child.specifier], session: session)
                        return (i, .success(Edge(requirement: child, verdict: verdict, listing: childListing)))
                    } catch {
                        return (i, .failure(error))
                    }
                }
            }
            var out: [(Int, Result<Edge, Error>)] = []
            for await item in group { out.append(item) }
            return out.sorted { $0.0 < $1.0 }
        }
        var edges: [Edge] = []
        for (i, result) in results {
            switch result {
            case .success(let edge): edges.append(edge)
            case .failure(let error):
                let child = children[i]
                issues.append(Issue(code: .sourceUnreachable, package: child.normalizedName, requirement: Self.label(child),
                                    via: via + [label], message: "\(error)", suggestions: [], unreachableSource: UnreachableSource.key(of: error)))
            }
        }
        return edges
    }

    /// Findings for the chosen version's dependencies, then the walk below the available ones.
    private func report(_ edges: [Edge], via: [String]) async {
        let chain = via.joined(separator: " → ")
        var next: [(Requirement, ProjectListing, [Availability.Choice])] = []
        for edge in edges {
            let dependency = edge.requirement
            let name = dependency.normalizedName
            let text = Self.label(dependency)
            let verdict = edge.verdict
            func issue(_ code: FindingCode, _ message: String, severity: Finding.Severity? = nil, suggestions: [String]? = nil) {
                issues.append(Issue(code: code, severity: severity, package: name, requirement: text, via: via,
                                    message: message, suggestions: suggestions ?? verdict.suggestions))
            }
            // A placeholder fails the install whatever its files say; a standard-library backport
            // that a dependency asks for is the dependency's business and mostly harmless.
            if edge.listing != nil, let notice = PlaceholderNotice.make(name: name, target: target), notice.realName != nil {
                issue(.placeholderPackage, "\(name) (needed by \(chain)): \(notice.explanation(target: target))", suggestions: notice.suggestions)
                continue
            }
            switch verdict.status {
            case .available:
                if let best = verdict.best, verdict.picksYankedFile {
                    let notice = edge.listing.map { YankedNotice.make(listing: $0, version: best.version, filename: best.filename, target: target, allowSdist: allowSdist, session: session) }
                    issue(.yanked, "\(name) \(best.version) (needed by \(chain)) is yanked\(notice?.reason.map { " (the index gives the reason: \"\($0)\")" } ?? "")")
                }
                if let listing = edge.listing { next.append((dependency, listing, verdict.candidates)) }
            case .sdistOnly:
                let build = edge.listing == nil ? SourceBuild.unknown
                    : await SourceBuildLookup.judge(verdict, listing: edge.listing!, metadata: metadata)
                issue(.sdistOnly, "\(name) (needed by \(chain)) has only a source distribution for \(target): \(build.consequence)",
                      severity: build.severity)
            case .yanked, .noSuchPackage, .noMatchingVersion, .requiresPython, .noCompatibleDistribution:
                issue(.dependencyNotFound, "\(text) (needed by \(chain)): \(Self.problem(verdict, dependency, target: target))")
            }
        }
        await withTaskGroup(of: Void.self) { group in
            for (dependency, listing, candidates) in next {
                group.addTask { await self.expand(requirement: dependency, listing: listing, candidates: candidates, via: via) }
            }
        }
    }
}

/// `Requires-Dist` lines parsed once per run (`CheckSession.requirementLines`): the same packages'
/// metadata is walked by every spec of an audit that reaches them.
enum RequirementLines {
    static func parse(_ line: String, session: CheckSession) -> Requirement? {
        session.requirementLines.value(for: line) { try? Requirement(line) }
    }
}
