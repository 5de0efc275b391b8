import Checks
import Foundation
import PubGrub
import PythonPackaging
import Registries
import Transport

/// The pip side of a spec as a PubGrub provider for one target. Queries are answered from what
/// has been loaded; `load` fetches what the solver asked for together with what it will most
/// likely ask next (the newest allowed candidate of every new dependency, recursively), all
/// concurrently, so a resolution costs about one round trip per level of the dependency tree.
final class PipProvider: LoadingProvider, @unchecked Sendable {
    typealias Package = PipPackage

    /// A top-level requirement (or `-c` constraint) and the label it is explained by.
    struct RootRequirement: Sendable {
        var requirement: Requirement
        var label: String
        var isConstraint: Bool
    }

    /// What a candidate's metadata said, parsed once.
    enum Metadata: Sendable {
        case known([Requirement])
        /// Unreadable: resolved as having no dependencies.
        case unknown(String)
    }

    let client: PyPIClient
    let session: CheckSession
    let target: Target
    let environment: MarkerEnvironment
    let roots: [RootRequirement]

    /// Project name → its candidates (no candidates: the index does not have it).
    private let projects: Memo<String, PipCandidates>
    /// `name==version` → what its metadata said.
    private let metadata: Memo<String, Metadata>
    /// `name specifier` → the candidates it allows.
    private let allowedMemo = Memo<String, CandidateSet>()
    private let lock = NSLock()
    // Guarded by `lock`: what has been asked and fetched, and what went wrong.
    private var prefetched = Set<String>()
    private var requests: [PipPackage: Int] = [:]
    /// The first source that could not be reached: the resolution's verdict is then unknown.
    private(set) var unreachable: String?
    /// Dependency lines that could not be parsed, per candidate (`name==version`).
    private(set) var invalidLines: [String: [String]] = [:]

    convenience init(client: PyPIClient, session: CheckSession, target: Target, roots: [RootRequirement]) {
        self.init(client: client, session: session, target: target, roots: roots, projects: Memo(), metadata: Memo())
    }

    private init(client: PyPIClient, session: CheckSession, target: Target, roots: [RootRequirement],
                 projects: Memo<String, PipCandidates>, metadata: Memo<String, Metadata>) {
        self.client = client
        self.session = session
        self.target = target
        self.roots = roots
        self.projects = projects
        self.metadata = metadata
        environment = TargetTags.markerEnvironment(for: target)
    }

    /// A copy with other top-level requirements that shares everything loaded (for "what would resolve" probes).
    func replacingRoots(_ roots: [RootRequirement]) -> PipProvider {
        // Metadata first: each answer copied then has its project's candidates in the copy too.
        let answers = Memo(copying: metadata)
        return PipProvider(client: client, session: session, target: target, roots: roots, projects: Memo(copying: projects),
                           metadata: answers)
    }

    // MARK: - What the solver asks

    func candidates(_ project: String) -> PipCandidates? {
        projects[project]
    }

    func candidateCount(of package: PipPackage) -> Int? {
        guard let project = package.project else { return 1 }
        return candidates(project)?.count
    }

    func unavailability(of package: PipPackage, candidate: Int) -> String? {
        guard let project = package.project else { return nil }
        return candidates(project)?.unusable[candidate]
    }

    func dependencies(of package: PipPackage, candidate: Int) -> [Dependency<PipPackage>]? {
        switch package {
        case .root:
            var out: [Dependency<PipPackage>] = []
            for root in roots {
                guard let edges = edges(for: root.requirement, label: root.label, isConstraint: root.isConstraint) else { return nil }
                out += edges
            }
            return out
        case .project(let name):
            guard let requirements = requirements(name, candidate, extra: nil) else { return nil }
            return collect(requirements)
        case .extra(let name, let extra):
            guard let base = candidates(name), let requirements = requirements(name, candidate, extra: extra) else { return nil }
            let pin = Dependency(package: PipPackage.project(name), allowed: .single(candidate, universe: base.count),
                                 label: "\(base.name)==\(base.texts[candidate])")
            guard let rest = collect(requirements) else { return nil }
            return [pin] + rest
        }
    }

    private func collect(_ requirements: [Requirement]) -> [Dependency<PipPackage>]? {
        var out: [Dependency<PipPackage>] = []
        for requirement in requirements {
            guard let edges = edges(for: requirement, label: Self.label(requirement), isConstraint: false) else { return nil }
            out += edges
        }
        return out
    }

    /// The project (and one virtual package per extra) a requirement asks for.
    private func edges(for requirement: Requirement, label: String, isConstraint: Bool) -> [Dependency<PipPackage>]? {
        let name = requirement.normalizedName
        guard let project = candidates(name) else { return nil }
        let allowed = allowedSet(project, name: name, requirement.specifier)
        var out = [Dependency(package: PipPackage.project(name), allowed: allowed, label: label, isConstraint: isConstraint)]
        if !isConstraint {
            for extra in requirement.extras {
                out.append(Dependency(package: .extra(name, extra), allowed: allowed, label: label))
            }
        }
        return out
    }

    private func allowedSet(_ project: PipCandidates, name: String, _ specifier: SpecifierSet) -> CandidateSet {
        let key = name + " " + specifier.description
        return allowedMemo.value(for: key) { CandidateSet(universe: project.count, members: project.allowed(by: specifier)) }
    }

    /// A candidate's requirements that apply on the target: without extras for the project, and
    /// those only the extra turns on for an extra's virtual package. Nil until its metadata is loaded.
    func requirements(_ name: String, _ candidate: Int, extra: String?) -> [Requirement]? {
        guard let project = candidates(name) else { return nil }
        guard let answer = metadata[Self.key(name, project.texts[candidate])] else { return nil }
        guard case .known(let all) = answer else { return [] }
        return all.filter { requirement in
            let plain = requirement.applies(to: environment)
            guard let extra else { return plain }
            return !plain && requirement.applies(to: environment, extras: [extra])
        }
    }

    func metadataAnswer(_ name: String, _ candidate: Int) -> Metadata? {
        guard let project = candidates(name) else { return nil }
        return metadata[Self.key(name, project.texts[candidate])]
    }

    func name(of package: PipPackage) -> String {
        switch package {
        case .root: return "your requirements"
        case .project(let name): return candidates(name)?.name ?? name
        case .extra(let name, let extra): return "\(candidates(name)?.name ?? name)[\(extra)]"
        }
    }

    /// Version runs in ascending order (`numpy>=1.20.3`, `numpy==1.19.5`, `numpy<=1.19.5 | >=1.21.0`).
    /// Versions that no requirement could pick anyway (unusable, yanked, pre-releases) outside the
    /// set do not split a run: the set is described by the versions that matter.
    func describe(_ package: PipPackage, _ set: CandidateSet) -> String? {
        guard let project = package.project.flatMap(candidates) else { return nil }
        let ascending = Array(project.versions.indices.reversed())
        func matters(_ i: Int) -> Bool {
            set.contains(i) || (project.unusable[i] == nil && !project.yankedOnly[i] && !project.versions[i].isPrerelease)
        }
        let relevant = ascending.filter(matters)
        if relevant.allSatisfy(set.contains) { return nil }
        var runs: [String] = []
        var position = 0
        while position < relevant.count {
            guard set.contains(relevant[position]) else { position += 1; continue }
            var end = position
            while end + 1 < relevant.count, set.contains(relevant[end + 1]) { end += 1 }
            let low = project.texts[relevant[position]], high = project.texts[relevant[end]]
            if position == end { runs.append("==\(low)") }
            else if position == 0 { runs.append("<=\(high)") }
            else if end == relevant.count - 1 { runs.append(">=\(low)") }
            else { runs.append(">=\(low),<=\(high)") }
            position = end + 1
        }
        return name(of: package) + (runs.isEmpty ? " (no version)" : runs.joined(separator: " | "))
    }

    // MARK: - Loading

    func loadCandidates(of package: PipPackage) async {
        if let project = package.project { await loadProject(project) }
    }

    /// Loads a project's listing; a project the index does not have gets no candidates.
    func loadProject(_ name: String) async {
        if candidates(name) != nil { return }
        do {
            let listing = try await client.listing(for: name)
            let loaded = listing.map { PipCandidates(listing: $0, target: target, session: session) } ?? PipCandidates(missing: name)
            projects.keep(loaded, for: name)
        } catch {
            fail("\(error)")
            projects.keep(PipCandidates(missing: name), for: name)
        }
    }

    private func fail(_ why: String) {
        lock.withLock { if unreachable == nil { unreachable = why } }
    }

    /// Loads a candidate's metadata and the listings of everything it depends on, then goes on
    /// ahead: the newest allowed candidate of each dependency, and the next older candidates of
    /// this one (what the solver tries when this one fails).
    func load(_ package: PipPackage, candidate: Int) async {
        // A package the solver keeps coming back to is being walked down version by version:
        // fetch ever larger batches of its older candidates at once (as uv's batch prefetch does).
        let asked = lock.withLock { () -> Int in
            requests[package, default: 0] += 1
            return requests[package]!
        }
        await prefetch(package, candidate, siblings: min(48, 2 << min(asked, 5)))
    }

    /// The root's requirements and, concurrently, everything below their newest candidates.
    func loadRoot() async {
        await withTaskGroup(of: Void.self) { group in
            for root in roots {
                group.addTask { await self.expand(root.requirement, follow: !root.isConstraint) }
            }
        }
    }

    private func expand(_ requirement: Requirement, follow: Bool) async {
        let name = requirement.normalizedName
        await loadProject(name)
        guard follow, let project = candidates(name) else { return }
        let allowed = allowedSet(project, name: name, requirement.specifier)
        guard let first = allowed.members.first(where: { project.unusable[$0] == nil }) else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.prefetch(.project(name), first, siblings: 0) }
            for extra in requirement.extras {
                group.addTask { await self.prefetch(.extra(name, extra), first, siblings: 0) }
            }
        }
    }

    private func prefetch(_ package: PipPackage, _ candidate: Int, siblings: Int) async {
        guard let name = package.project else { return await loadRoot() }
        guard let project = candidates(name) else { return }
        let extra: String? = if case .extra(_, let e) = package { e } else { nil }
        let visit = Self.key(name, project.texts[candidate]) + (extra.map { "[\($0)]" } ?? "")
        let fresh = lock.withLock { prefetched.insert(visit).inserted }
        // The next older usable candidates, fetched alongside in case this one fails.
        let older = project.versions.indices.filter { $0 > candidate && project.unusable[$0] == nil }.prefix(siblings)
        await withTaskGroup(of: Void.self) { group in
            // Only their metadata and their dependencies' listings: what the solver reads to reject them.
            for sibling in older {
                group.addTask {
                    await self.loadMetadata(name, sibling)
                    await withTaskGroup(of: Void.self) { inner in
                        for requirement in self.requirements(name, sibling, extra: extra) ?? [] {
                            inner.addTask { await self.loadProject(requirement.normalizedName) }
                        }
                    }
                }
            }
            guard fresh else { return }
            await loadMetadata(name, candidate)
            for requirement in requirements(name, candidate, extra: extra) ?? [] {
                group.addTask { await self.expand(requirement, follow: true) }
            }
        }
    }

    private func loadMetadata(_ name: String, _ candidate: Int) async {
        guard let project = candidates(name) else { return }
        let key = Self.key(name, project.texts[candidate])
        if metadata[key] != nil { return }
        let answer: Metadata
        if let file = project.files[candidate] {
            do {
                switch try await client.metadata.metadata(project: project.name, version: project.texts[candidate], file: file) {
                case .known(let core, _):
                    var parsed: [Requirement] = []
                    for line in core.requiresDist {
                        guard let requirement = RequirementLines.parse(line, session: session) else {
                            lock.withLock { invalidLines[key, default: []].append(line) }
                            continue
                        }
                        // A direct reference cannot be resolved from an index: it is checked on its own.
                        if requirement.url == nil { parsed.append(requirement) }
                    }
                    answer = .known(parsed)
                case .unknown(let why):
                    answer = .unknown(why)
                }
            } catch {
                fail("\(error)")
                answer = .unknown("\(error)")
            }
        } else {
            answer = .known([])  // never selected: it is unusable
        }
        metadata.keep(answer, for: key)
    }

    static func key(_ name: String, _ version: String) -> String { name + "==" + version }

    /// `name[extras]specifier`, as the dependency is stated (markers left out).
    static func label(_ r: Requirement) -> String {
        r.name + (r.extras.isEmpty ? "" : "[\(r.extras.joined(separator: ","))]") + r.specifier.description
    }
}
