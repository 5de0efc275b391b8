import Registries
import Specs

/// Turns each conda dependency of a spec into findings for one target. The store is shared by
/// every spec of the run, so each channel's repodata is read once.
struct CondaRequirementChecker: Sendable {
    let store: CondaRepodataStore
    let settings: CondaChannelSettings
    let channels: [String]

    func findings(for spec: ParsedSpec, target: Target) async -> [Finding] {
        await withTaskGroup(of: [Finding].self) { group in
            for requirement in spec.condaRequirements where !requirement.isConstraint {
                group.addTask { await self.findings(for: requirement, target: target) }
            }
            var out: [Finding] = []
            for await batch in group { out += batch }
            // Document order, so that of several findings for one unreachable channel the kept one
            // is always the first requirement's (runs must be comparable for the audit's diff).
            return out.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
        }
    }

    func findings(for item: SpecRequirement, target: Target) async -> [Finding] {
        let at = item.position
        func finding(_ code: FindingCode, _ message: String, package: String?, suggestions: [String] = []) -> Finding {
            Finding(severity: code.defaultSeverity, code: code, source: "conda", package: package, requirement: item.text,
                    path: at.path, line: at.line, column: at.column, target: target, message: message, suggestions: suggestions)
        }
        let verdict: Availability
        do {
            guard let first = try await CondaLookup.availability(matchSpec: item.text, channels: channels, targets: [target],
                                                                 store: store, settings: settings).first else { return [] }
            verdict = first
        } catch let error as CondaLookupError {
            return [finding(.invalidSpec, "not a valid conda MatchSpec: \(error)", package: nil)]
        } catch let error as RegistryError {
            // The cause without the URL of whichever subdir failed first: the same on every run.
            let cause = error.underlying.map { "\($0.kind.rawValue)\($0.attempts > 1 ? " after \($0.attempts) attempts" : "")" } ?? error.detail
            return [Finding(severity: .error, code: .sourceUnreachable, source: "conda", path: at.path, line: at.line,
                            column: at.column, target: target,
                            message: "channel \(error.source) could not be read: \(cause); verdicts that need it are unknown")]
        } catch {
            return [finding(.sourceUnreachable, "\(error)", package: nil)]
        }
        let name = verdict.name
        let why = verdict.details.joined(separator: "; ")
        let searched = channels.joined(separator: ", ")
        switch verdict.status {
        case .available, .sdistOnly, .yanked:
            return []
        case .noSuchPackage:
            return [finding(.packageNotFound, "no package named \(name) in \(searched) (conda: ResolvePackageNotFound: \(item.text))", package: name, suggestions: verdict.suggestions)]
        case .noMatchingVersion:
            return [finding(.versionNotFound, "\(name) exists in \(searched), but no version matches \(item.text) (conda: ResolvePackageNotFound)", package: name, suggestions: verdict.suggestions)]
        case .requiresPython:
            return [finding(.requiresPython, "no record of \(item.text) supports Python \(target.python): \(why)", package: name, suggestions: verdict.suggestions)]
        case .noCompatibleDistribution:
            return [finding(.noCompatibleDistribution, "no record of \(item.text) installs on \(target)\(why.isEmpty ? "" : ": " + why)", package: name, suggestions: verdict.suggestions)]
        }
    }
}
