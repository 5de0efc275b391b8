import CondaPackaging
import PythonPackaging
import Registries
import Specs

/// Turns each conda dependency of a spec into findings for one target, walks what the
/// available ones pull in, and reports `pip:` lines that ask again for a package conda installs.
/// The store is shared by every spec of the run, so each channel's repodata is read once.
struct CondaRequirementChecker: Sendable {
    let store: CondaRepodataStore
    let settings: CondaChannelSettings
    let channels: [String]
    let transitive: Bool

    func findings(for spec: ParsedSpec, target: Target) async -> [Finding] {
        let requirements = spec.condaRequirements.filter { !$0.isConstraint && $0.reference == nil }
        let located = spec.condaRequirements.filter { !$0.isConstraint && $0.reference != nil }.map { unverifiable($0, target: target) }
        let verdicts = await withTaskGroup(of: (Int, [Finding], Availability?).self) { group in
            for (i, requirement) in requirements.enumerated() {
                group.addTask {
                    let (findings, verdict) = await self.verdict(for: requirement, target: target)
                    return (i, findings, verdict)
                }
            }
            var out: [(Int, [Finding], Availability?)] = []
            for await item in group { out.append(item) }
            return out.sorted { $0.0 < $1.0 }
        }
        // Document order, so that of several findings for one unreachable channel the kept one
        // is always the first requirement's (runs must be comparable for the audit's diff).
        var findings = located + verdicts.flatMap(\.1)
        guard transitive, !requirements.isEmpty else { return findings }

        let resolved = CondaChannelResolver(settings: settings).resolve(channels)
        let walker = CondaDependencyWalker(store: store, channels: resolved, target: target)
        var installedBy: [String: String] = [:]
        for (i, _, verdict) in verdicts {
            guard let verdict, verdict.available, let best = verdict.best else { continue }
            let item = requirements[i]
            let (issues, installed) = await walker.walk(name: verdict.name, best: best)
            for name in installed where installedBy[name] == nil { installedBy[name] = verdict.name }
            findings += issues.map { issue in
                Finding(severity: issue.severity, code: issue.code, source: "conda", package: issue.package,
                        requirement: issue.requirement, path: item.position.path, line: item.position.line,
                        column: item.position.column, target: target, via: issue.via, message: issue.message,
                        suggestions: issue.suggestions)
            }
        }
        findings += overlaps(spec: spec, installedBy: installedBy, target: target)
        return findings
    }

    /// A package file named by URL or path is no MatchSpec to look up in the channels: conda
    /// installs that file, so neither the channels nor its dependencies say anything about it.
    func unverifiable(_ item: SpecRequirement, target: Target) -> Finding {
        Finding(severity: FindingCode.unverifiableReference.defaultSeverity, code: .unverifiableReference, source: "conda",
                requirement: item.text, path: item.position.path, line: item.position.line, column: item.position.column,
                target: target, message: "\(item.text) names a package file by location, not a channel record: "
                    + "it is not looked up in the channels and its dependencies are not checked")
    }

    /// `pip:` lines for packages that conda installs as dependencies (direct conda requirements
    /// are reported by `SpecFindings`, which needs no index).
    func overlaps(spec: ParsedSpec, installedBy: [String: String], target: Target) -> [Finding] {
        let direct = Set(spec.condaRequirements.map { SpecFindings.condaName($0.text) })
        var out: [Finding] = []
        for item in spec.pipRequirements where item.reference == nil {
            guard let requirement = try? Requirement(item.text) else { continue }
            let name = requirement.normalizedName
            let condaName = NameMappings.pypiToConda[name] ?? name
            guard name != "pip", !direct.contains(condaName), let top = installedBy[condaName] ?? installedBy[name] else { continue }
            out.append(Finding(severity: .warning, code: .condaPipOverlap, source: "conda", package: name, requirement: item.text,
                               path: item.position.path, line: item.position.line, column: item.position.column, target: target,
                               message: "\(name) is already installed by conda as a dependency of \(top), and again by pip; pip may fail with \"Cannot uninstall '\(name)'\" or shadow conda's build",
                               suggestions: ["drop the pip line, or pin the same version in the conda dependencies"]))
        }
        return out
    }

    /// What to do about a line that only another platform's subdir has: such specs come from
    /// `conda env export` on another OS, which pins that OS's packages and build strings.
    static let exportHint = "drop the line, or export the environment with `conda env export --from-history`, which leaves out platform-only packages and build strings"

    func verdict(for item: SpecRequirement, target: Target) async -> ([Finding], Availability?) {
        let at = item.position
        func finding(_ code: FindingCode, _ message: String, package: String?, suggestions: [String] = []) -> Finding {
            Finding(severity: code.defaultSeverity, code: code, source: "conda", package: package, requirement: item.text,
                    path: at.path, line: at.line, column: at.column, target: target, message: message, suggestions: suggestions)
        }
        let verdict: Availability
        do {
            guard let first = try await CondaLookup.availability(matchSpec: item.text, channels: channels, targets: [target],
                                                                 store: store, settings: settings).first else { return ([], nil) }
            verdict = first
        } catch let error as CondaLookupError {
            return ([finding(.invalidSpec, "not a valid conda MatchSpec: \(error)", package: nil)], nil)
        } catch let error as RegistryError {
            // The cause without the URL of whichever subdir failed first: the same on every run.
            let cause = error.underlying.map { "\($0.kind.rawValue)\($0.attempts > 1 ? " after \($0.attempts) attempts" : "")" } ?? error.detail
            var unreachable = Finding(severity: .error, code: .sourceUnreachable, source: "conda", path: at.path, line: at.line,
                                      column: at.column, target: target,
                                      message: "channel \(error.source) could not be read: \(cause); verdicts that need it are unknown")
            // `package` stays unset (the finding is about the channel); the line's package is what it leaves unknown.
            unreachable.unknownPackages = [(try? MatchSpec(item.text))?.name ?? item.text]
            return ([unreachable], nil)
        } catch {
            return ([finding(.sourceUnreachable, "\(error)", package: nil)], nil)
        }
        let name = verdict.name
        let why = verdict.details.joined(separator: "; ")
        let searched = channels.joined(separator: ", ")
        switch verdict.status {
        case .available, .sdistOnly, .yanked:
            return ([], verdict)
        case .noSuchPackage:
            if let elsewhere = CondaOtherSubdirs.sentence(verdict.otherSubdirs, name: name, requirement: item.text) {
                return ([finding(.packageNotFound, "no package named \(name) for \(target.platform) in \(searched): \(elsewhere) (conda: ResolvePackageNotFound: \(item.text))",
                                 package: name, suggestions: verdict.suggestions + [Self.exportHint])], verdict)
            }
            return ([finding(.packageNotFound, "no package named \(name) in \(searched) (conda: ResolvePackageNotFound: \(item.text))", package: name, suggestions: verdict.suggestions)], verdict)
        case .noMatchingVersion:
            if let elsewhere = CondaOtherSubdirs.sentence(verdict.otherSubdirs, name: name, requirement: item.text) {
                return ([finding(.versionNotFound, "\(name) exists in \(searched), but no record for \(target.platform) matches \(item.text): \(elsewhere) (conda: ResolvePackageNotFound)",
                                 package: name, suggestions: verdict.suggestions + [Self.exportHint])], verdict)
            }
            return ([finding(.versionNotFound, "\(name) exists in \(searched), but no version matches \(item.text) (conda: ResolvePackageNotFound)", package: name, suggestions: verdict.suggestions)], verdict)
        case .requiresPython:
            return ([finding(.requiresPython, "no record of \(item.text) supports Python \(target.python): \(why)", package: name, suggestions: verdict.suggestions)], verdict)
        case .noCompatibleDistribution:
            return ([finding(.noCompatibleDistribution, "no record of \(item.text) installs on \(target)\(why.isEmpty ? "" : ": " + why)", package: name, suggestions: verdict.suggestions)], verdict)
        }
    }
}
