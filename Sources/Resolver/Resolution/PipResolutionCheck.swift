import Checks
import Foundation
import PubGrub
import PythonPackaging
import Registries
import Specs
import Transport

/// `check`'s "will this install?" for the pip side of a spec on one target: the resolution
/// entry, and the findings it adds (`unsatisfiable`, `resolution-too-complex`).
struct PipResolutionCheck: Sendable {
    let client: PyPIClient
    let maxSeconds: Double
    let session: CheckSession

    /// Requirement sections that pip installs in one go; extras, dependency groups and build
    /// requirements are separate installs.
    static func isInstalledTogether(_ item: SpecRequirement) -> Bool {
        guard let section = item.section else { return true }
        return section == "dependencies" || section == "pip" || section.hasSuffix("pip install")
    }

    struct Result: Sendable {
        var entry: ResolutionEntry
        var findings: [Finding]
        /// False when the walk's dependency errors are disproved (a working set exists).
        var resolved: Bool
        /// Chosen projects whose metadata could not be read, resolved as having no dependencies.
        var assumedWithoutDependencies: Set<String> = []
    }

    /// A finished resolution, before it is judged against the availability findings.
    struct Run {
        var spec: ParsedSpec
        var target: Target
        var roots: [PipProvider.RootRequirement]
        var lines: [String: [SpecRequirement]]
        var provider: PipProvider
        var outcome: PipOutcome
        var started: Date
    }

    /// A package conda installs into the environment before pip runs: pip must take it as it is.
    struct HeldPackage: Sendable {
        var name: String
        var version: String
        /// The conda line that asks for it, when it is a direct conda requirement.
        var line: SpecRequirement?
    }

    func resolve(_ spec: ParsedSpec, target: Target, held: [HeldPackage] = []) async -> Run {
        let environment = TargetTags.markerEnvironment(for: target)
        var roots: [PipProvider.RootRequirement] = []
        var lines: [String: [SpecRequirement]] = [:]
        for item in spec.pipRequirements where Self.isInstalledTogether(item) {
            // A wheel URL holds its project at the wheel's version, as pip installs exactly that
            // file: a constraint, since the wheel comes from the URL whether or not the index has
            // it (its own dependencies are then not followed). Other direct references (sdists,
            // checkouts, directories) are built by pip and cannot be resolved from an index.
            if item.reference != nil {
                guard let reference = DirectReference(item), case .wheel(let wheel) = reference.archive,
                      reference.marker?.evaluate(environment: environment) ?? true,
                      let pinned = try? Requirement("\(reference.project ?? wheel.name)==\(wheel.version)") else { continue }
                // The label is what explanations print: never a URL's credentials.
                let label = Redaction.scrub(item.text)
                roots.append(.init(requirement: pinned, label: label, isConstraint: true))
                lines[label, default: []].append(item)
                continue
            }
            guard let requirement = try? Requirement(item.text), requirement.url == nil,
                  requirement.applies(to: environment) else { continue }
            roots.append(.init(requirement: requirement, label: item.text, isConstraint: item.isConstraint))
            lines[item.text, default: []].append(item)
        }
        // What conda installed only limits what pip installs: with nothing for pip to install
        // there is nothing to check, and nothing to read from an index (a conda-only environment
        // does not depend on PyPI being reachable).
        let pipInstallsSomething = !roots.isEmpty
        for package in held where pipInstallsSomething {
            guard let requirement = try? Requirement("\(package.name)==\(package.version)") else { continue }
            let label = "\(package.name)==\(package.version) (installed by conda)"
            roots.append(.init(requirement: requirement, label: label, isConstraint: true))
            if let line = package.line { lines[label, default: []].append(line) }
        }
        let provider = PipProvider(client: client, session: session, target: target, roots: roots)
        let started = Date()
        let outcome = await Self.run(provider, maxSeconds: maxSeconds)
        Trace.log(String(format: "resolved %@ for %@ in %.2f s", spec.path, target.description, Date().timeIntervalSince(started)))
        return Run(spec: spec, target: target, roots: roots, lines: lines, provider: provider, outcome: outcome, started: started)
    }

    /// The entry and findings of a resolution; a failure that `availability` already explains adds none.
    func judge(_ run: Run, availability: [Finding]) async -> Result {
        let (spec, target, roots, lines, provider, started) = (run.spec, run.target, run.roots, run.lines, run.provider, run.started)
        var findings: [Finding] = []
        for (candidate, bad) in provider.invalidLines.sorted(by: { $0.key < $1.key }) {
            let first = roots.first.flatMap { lines[$0.label]?.first }
            let site = FindingSite(source: "pypi", package: candidate.components(separatedBy: "==").first, requirement: candidate,
                                   path: first?.position.path ?? spec.path, line: first?.position.line, column: first?.position.column, target: target)
            findings.append(site.finding(.dependenciesUnknown, "\(candidate) declares dependencies that are not valid PEP 508 (\(bad.map { "'\($0)'" }.joined(separator: ", "))); the resolution skips them (packaging 22 and pip 24.1 or later reject such metadata)"))
        }
        switch run.outcome {
        case .resolved(let chosen):
            // A chosen version whose metadata could not be read was resolved as having no
            // dependencies: say so, unless the walk already did for that package.
            // Said once per package: not again where the availability check already speaks of it
            // (its own dependencies-unknown, or a finding that already says what is wrong with it).
            let reported = Set(availability.filter { $0.target == target && ($0.code == .dependenciesUnknown || $0.severity == .error) }
                .compactMap(\.package))
            let at = roots.first { !$0.isConstraint }.flatMap { lines[$0.label]?.first }?.position
            var assumed = Set<String>()
            // By name: a dictionary's order changes from one process to the next, a report's must not.
            for (package, candidate) in chosen.sorted(by: { ($0.key.project ?? "") < ($1.key.project ?? "") }) {
                guard case .project(let name) = package, case .unknown(let why)? = provider.metadataAnswer(name, candidate),
                      let project = provider.candidates(name) else { continue }
                assumed.insert(name)
                if reported.contains(name) { continue }
                let label = "\(project.name)==\(project.texts[candidate])"
                // At the package's own line when it is a top-level requirement, else the first requirement's.
                let own = roots.first { !$0.isConstraint && $0.requirement.normalizedName == name }.flatMap { lines[$0.label]?.first }?.position
                let place = own ?? at
                let site = FindingSite(source: "pypi", package: name, requirement: label, path: place?.path ?? spec.path,
                                       line: place?.line, column: place?.column, target: target)
                findings.append(site.finding(.dependenciesUnknown, "the dependencies of \(label) could not be read (\(why)); the resolution treated it as having none"))
            }
            var packages = Self.packages(chosen, provider: provider)
            await installedFiles(&packages, spec: spec, target: target)
            return Result(entry: ResolutionEntry(target: target, status: .resolved, packages: packages),
                          findings: findings, resolved: true, assumedWithoutDependencies: assumed)
        case .unreachable:
            return Result(entry: ResolutionEntry(target: target, status: .unknown, packages: []), findings: findings, resolved: false)
        case .tooComplex(let busiest, let stopped):
            let at = roots.first.flatMap { lines[$0.label]?.first }?.position
            let site = FindingSite(source: "pypi", path: at?.path ?? spec.path, line: at?.line, column: at?.column, target: target)
            findings.append(site.finding(.resolutionTooComplex, "the resolution for \(target) stopped \(stopped)"
                                        + (busiest.isEmpty ? "" : " while backtracking over \(busiest.joined(separator: ", "))")
                                        + "; whether these requirements install together is unknown"
                                        + (busiest.isEmpty ? "" : ". Pinning these packages narrows the search")))
            return Result(entry: ResolutionEntry(target: target, status: .unknown, packages: []), findings: findings, resolved: false)
        case .unsatisfiable(let explanation):
            let entry = ResolutionEntry(target: target, status: .unsatisfiable, packages: [])
            // A requirement that cannot be installed on its own is already reported; pip fails on
            // it first. What is left is resolved again (everything is loaded) for a conflict of its own.
            let rest = ConflictLines.installableOnTheirOwn(roots, label: \.label, lines: lines, availability: availability, target: target)
            var conflict = explanation
            var probeRoots = roots
            if rest.count < roots.count {
                let remaining = max(1, maxSeconds - Date().timeIntervalSince(started))
                guard case .unsatisfiable(let left) = await Self.run(provider.replacingRoots(rest), maxSeconds: remaining) else {
                    return Result(entry: entry, findings: findings, resolved: false)
                }
                conflict = left
                probeRoots = rest
            }
            if Self.isExplained(conflict, by: availability, target: target) {
                return Result(entry: entry, findings: findings, resolved: false)
            }
            findings.append(await conflictFinding(conflict, spec: spec, target: target, roots: probeRoots, lines: lines,
                                                  provider: provider.replacingRoots(probeRoots), started: started))
            return Result(entry: entry, findings: findings, resolved: false)
        }
    }

    /// The file pip installs for a line that says which: a wheel URL's own file, and for a line
    /// with `--hash`, the best file whose digest is listed (what `FileRestriction` allows).
    func installedFiles(_ packages: inout [ResolutionEntry.Package], spec: ParsedSpec, target: Target) async {
        for item in spec.pipRequirements where Self.isInstalledTogether(item) {
            if let reference = DirectReference(item), case .wheel = reference.archive, let name = reference.project,
               let i = packages.firstIndex(where: { $0.name == name }) {
                packages[i].filename = reference.filename
                continue
            }
            guard !item.hashes.isEmpty, let requirement = try? Requirement(item.text),
                  let i = packages.firstIndex(where: { $0.name == requirement.normalizedName }),
                  let listing = try? await client.listing(for: requirement.name),
                  let version = Version.parse(packages[i].version) else { continue }
            let files = PyPIAvailability.parse(listing, session: session).byVersion[version]?.map(\.file) ?? []
            let allowed = FileRestriction(hashes: item.hashes).candidates(among: files, project: listing.name, target: target, pinned: true,
                                                                          session: session)
            if let best = allowed.files.first { packages[i].filename = best.filename }
        }
    }

    typealias PipOutcome = Resolution<PipProvider>.Outcome

    static func run(_ provider: PipProvider, maxSeconds: Double) async -> PipOutcome {
        await Resolution(provider: provider, root: .root, maxSeconds: maxSeconds).run()
    }

    /// What would be installed: every project chosen (extras are not packages of their own).
    static func packages(_ chosen: [PipPackage: Int], provider: PipProvider) -> [ResolutionEntry.Package] {
        var out: [ResolutionEntry.Package] = []
        for (package, candidate) in chosen {
            guard case .project(let name) = package, let project = provider.candidates(name) else { continue }
            out.append(ResolutionEntry.Package(name: name, version: project.texts[candidate], source: "pypi",
                                               filename: project.files[candidate]?.filename))
        }
        return out.sorted { $0.name < $1.name }
    }

    /// `unsatisfiable`: the explanation, the spec lines it rests on, and what would resolve it.
    func conflictFinding(_ explanation: Explanation<PipPackage>, spec: ParsedSpec, target: Target, roots: [PipProvider.RootRequirement],
                         lines: [String: [SpecRequirement]], provider: PipProvider, started: Date) async -> Finding {
        let (related, labels) = ConflictLines.of(explanation, root: .root, lines: lines)
        let involved = labels.compactMap { label in roots.first { $0.label == label } }
        let first = related.first
        let suggestions = await smallestChanges(involved, roots: roots, provider: provider, explanation: explanation,
                                                budget: max(1, min(maxSeconds / 3, maxSeconds - Date().timeIntervalSince(started))))
        return FindingSite(source: "pypi", package: involved.first?.requirement.normalizedName, requirement: first?.requirement,
                           path: first?.path ?? spec.path, line: first?.line, column: first?.column, target: target)
            .finding(.unsatisfiable, explanation.text, suggestions: suggestions, related: related)
    }

    /// A failure that rests on a package already reported unavailable needs no second finding.
    static func isExplained(_ explanation: Explanation<PipPackage>, by availability: [Finding], target: Target) -> Bool {
        let reported = Set(availability.filter { $0.severity == .error && $0.target == target && $0.code != .sourceUnreachable }
            .compactMap(\.package))
        for fact in explanation.facts {
            var names: [String] = []
            switch fact.cause {
            case .unavailable, .noVersions:
                names = fact.terms.compactMap(\.package.project)
            case .noMatchingDependency(let dependency, _):
                names = [dependency.project].compactMap { $0 }
            default:
                continue
            }
            if names.contains(where: reported.contains) { return true }
        }
        return false
    }

    /// For each top-level requirement the conflict rests on: the same requirement loosened to
    /// any version, resolved again; where that works, what to write instead ("numpy>=1.20.3").
    func smallestChanges(_ involved: [PipProvider.RootRequirement], roots: [PipProvider.RootRequirement], provider: PipProvider,
                         explanation: Explanation<PipPackage>, budget: Double) async -> [String] {
        var out: [String] = []
        let deadline = Date().addingTimeInterval(budget)
        for candidate in involved.filter({ !$0.isConstraint }).prefix(3) where !candidate.requirement.specifier.specifiers.isEmpty {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0.2 else { break }
            let name = candidate.requirement.normalizedName
            let extras = candidate.requirement.extras
            guard let loosened = try? Requirement(name + (extras.isEmpty ? "" : "[\(extras.joined(separator: ","))]")) else { continue }
            let probeRoots = roots.map { $0.label == candidate.label ? PipProvider.RootRequirement(requirement: loosened, label: loosened.name, isConstraint: $0.isConstraint) : $0 }
            let probe = provider.replacingRoots(probeRoots)
            guard case .resolved(let solution) = await Self.run(probe, maxSeconds: remaining),
                  let chosen = Self.packages(solution, provider: probe).first(where: { $0.name == name }), let version = Version.parse(chosen.version) else { continue }
            // Prefer the limit a dependency states, when the version that works satisfies it.
            var stated: String?
            for fact in explanation.facts {
                guard case .dependency(let label, false) = fact.cause, fact.terms.first?.package != .root,
                      fact.terms.count == 2, fact.terms[1].package.project == name,
                      let requirement = try? Requirement(label), requirement.specifier.contains(version, prereleases: true) else { continue }
                stated = label
                break
            }
            out.append("\(stated ?? "\(name)==\(chosen.version)") would resolve instead of \(candidate.label) (the newest that does is \(chosen.version))")
        }
        return out
    }
}
