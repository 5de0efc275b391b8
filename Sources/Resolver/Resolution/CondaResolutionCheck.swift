import Checks
import CondaPackaging
import Foundation
import PubGrub
import PythonPackaging
import Registries
import Specs
import Transport

/// `check`'s "will this install?" for the conda side of an environment on one target: the solve
/// conda runs for `dependencies:` (the `pip:` section is resolved afterwards, on top of it).
struct CondaResolutionCheck: Sendable {
    let store: CondaRepodataStore
    let channels: [CondaChannel]
    let strictPriority: Bool
    let flexibleOrder: Bool
    let maxSeconds: Double

    struct Result: Sendable {
        var status: ResolutionEntry.Status
        var packages: [ResolutionEntry.Package]
        var findings: [Finding]
        /// The Python conda installs (`3.8.18`), when it installs one.
        var python: String?
        /// The Python packages conda installs, under their PyPI names: pip finds them in place.
        var held: [PipResolutionCheck.HeldPackage]
    }

    /// `availability` (the availability walk's findings) is awaited only when the solve fails,
    /// so the walk can run alongside the solve.
    func resolve(_ spec: ParsedSpec, target: Target, pinPython: Bool,
                 availability: @Sendable () async -> [Finding]) async -> Result {
        var roots: [CondaProvider.RootRequirement] = []
        var lines: [String: [SpecRequirement]] = [:]
        for item in spec.condaRequirements where !item.isConstraint && item.reference == nil {
            guard let matchSpec = try? MatchSpec(item.text), matchSpec.name != nil else { continue }
            roots.append(.init(spec: matchSpec, label: item.text))
            lines[item.text, default: []].append(item)
        }
        if pinPython, let python = try? MatchSpec("python \(target.python.majorMinor.0).\(target.python.majorMinor.1).*") {
            roots.append(.init(spec: python, label: "python \(target.python.majorMinor.0).\(target.python.majorMinor.1).* (the target)", isConstraint: true))
        }
        let started = Date()
        let provider = CondaProvider(store: store, channels: channels, target: target, strictPriority: strictPriority,
                                     channelFirst: flexibleOrder, roots: roots)
        let outcome = await Resolution(provider: provider, root: .root, maxSeconds: maxSeconds).run()
        Trace.log(String(format: "conda solve of %@ for %@ in %.2f s", spec.path, target.description, Date().timeIntervalSince(started)))
        var findings: [Finding] = []
        // A requirement that conda cannot find at all is reported on its own line; the rest is solved again.
        if case .unsatisfiable = outcome {
            let rest = ConflictLines.installableOnTheirOwn(roots, label: \.label, lines: lines, availability: await availability(),
                                                           target: target, source: "conda")
            if rest.count < roots.count {
                let again = provider.restarted(roots: rest)
                let second = await Resolution(provider: again, root: .root, maxSeconds: max(1, maxSeconds - Date().timeIntervalSince(started))).run()
                if case .unsatisfiable(let explanation) = second {
                    findings.append(conflict(explanation, provider: again, spec: spec, target: target, lines: lines))
                }
                return Result(status: .unsatisfiable, packages: [], findings: findings, python: nil, held: [])
            }
        }
        switch outcome {
        case .resolved(let chosen):
            return resolved(chosen, provider: provider, spec: spec, lines: lines, findings: findings)
        case .unsatisfiable(let explanation):
            findings.append(conflict(explanation, provider: provider, spec: spec, target: target, lines: lines))
            return Result(status: .unsatisfiable, packages: [], findings: findings, python: nil, held: [])
        case .unreachable:
            return Result(status: .unknown, packages: [], findings: findings, python: nil, held: [])
        case .tooComplex(let busiest, let stopped):
            let at = spec.condaRequirements.first?.position
            let site = FindingSite(source: "conda", path: at?.path ?? spec.path, line: at?.line, column: at?.column, target: target)
            findings.append(site.finding(.resolutionTooComplex, "the conda solve for \(target) stopped \(stopped)"
                                        + (busiest.isEmpty ? "" : " while backtracking over \(busiest.joined(separator: ", "))")
                                        + "; whether the environment installs is unknown"))
            return Result(status: .unknown, packages: [], findings: findings, python: nil, held: [])
        }
    }

    private func resolved(_ chosen: [CondaPackage: Int], provider: CondaProvider, spec: ParsedSpec,
                          lines: [String: [SpecRequirement]], findings: [Finding]) -> Result {
        var packages: [ResolutionEntry.Package] = []
        var python: String?
        var held: [PipResolutionCheck.HeldPackage] = []
        let direct = Dictionary(spec.condaRequirements.compactMap { item in (try? MatchSpec(item.text))?.name.map { ($0, item) } },
                                uniquingKeysWith: { a, _ in a })
        for (package, candidate) in chosen {
            guard case .name(let name) = package, !CondaProvider.isVirtual(name), let record = provider.records(name)?[candidate] else { continue }
            packages.append(ResolutionEntry.Package(name: name, version: record.record.version, source: "conda", filename: record.filename,
                                                    channel: record.channel.givenAs, build: record.record.build))
            if name == "python" { python = record.record.version }
            // A record that runs on Python is a Python distribution pip will find installed.
            let isPython = record.record.noarch == .python || record.record.depends.contains { CondaTargetCompatibility.leadingName($0) == "python" }
            if isPython, name != "python", Version.parse(record.record.version) != nil {
                held.append(.init(name: NameMappings.pypiName(forConda: name), version: record.record.version, line: direct[name]))
            }
        }
        packages.sort { $0.name < $1.name }
        return Result(status: .resolved, packages: packages, findings: findings, python: python, held: held.sorted { $0.name < $1.name })
    }

    private func conflict(_ explanation: Explanation<CondaPackage>, provider: CondaProvider, spec: ParsedSpec, target: Target,
                          lines: [String: [SpecRequirement]]) -> Finding {
        let (related, labels) = ConflictLines.of(explanation, root: .root, lines: lines)
        let first = related.first
        return FindingSite(source: "conda", package: labels.first.flatMap { try? MatchSpec($0) }?.name, requirement: first?.requirement,
                           path: first?.path ?? spec.path, line: first?.line, column: first?.column, target: target)
            .finding(.unsatisfiable, explanation.text + "\n(channels searched: \(channels.map(\.givenAs).joined(separator: ", ")))",
                     related: related)
    }
}
