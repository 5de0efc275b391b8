import Checks
import CondaPackaging
import PythonPackaging
import Registries
import Specs

/// Turns each conda dependency of a spec into findings for one target, walks what the
/// available ones pull in, and reports `pip:` lines that ask again for a package conda installs.
/// The store is shared by every spec of the run, so each channel's repodata is read once.
struct CondaRequirementChecker: Sendable {
    let store: any CondaChannelSource
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
            let site = FindingSite(item.position, source: "conda", target: target)
            findings += issues.map { $0.finding(at: site) }
        }
        findings += overlaps(spec: spec, installedBy: installedBy, target: target)
        return findings
    }

    /// A package file named by URL or path is no MatchSpec to look up in the channels: conda
    /// installs that file, so neither the channels nor its dependencies say anything about it.
    func unverifiable(_ item: SpecRequirement, target: Target) -> Finding {
        FindingSite(item.position, source: "conda", requirement: item.text, target: target)
            .finding(.unverifiableReference, "\(item.text) names a package file by location, not a channel record: "
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
            out.append(FindingSite(item.position, source: "conda", package: name, requirement: item.text, target: target)
                .finding(.condaPipOverlap, "\(name) is already installed by conda as a dependency of \(top), and again by pip; pip may fail with \"Cannot uninstall '\(name)'\" or shadow conda's build",
                               suggestions: ["drop the pip line, or pin the same version in the conda dependencies"]))
        }
        return out
    }

    /// What to do about a line that only another platform's subdir has: such specs come from
    /// `conda env export` on another OS, which pins that OS's packages and build strings.
    static let exportHint = "drop the line, or export the environment with `conda env export --from-history`, which leaves out platform-only packages and build strings"

    func verdict(for item: SpecRequirement, target: Target) async -> ([Finding], Availability?) {
        let site = FindingSite(item.position, source: "conda", requirement: item.text, target: target)
        func finding(_ code: FindingCode, _ message: String, package: String?, suggestions: [String] = []) -> Finding {
            site.about(package: package, requirement: item.text).finding(code, message, suggestions: suggestions)
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
            var unreachable = site.about(package: nil, requirement: nil)
                .finding(.sourceUnreachable, VerdictWords.channelUnreadable(error.source, cause: cause))
            // `package` stays unset (the finding is about the channel); the line's package is what it leaves unknown.
            unreachable.unknownPackages = [(try? MatchSpec(item.text))?.name ?? item.text]
            unreachable.unreachableSource = "channel " + error.source
            return ([unreachable], nil)
        } catch {
            return ([finding(.sourceUnreachable, "\(error)", package: nil)], nil)
        }
        let name = verdict.name
        guard let code = verdict.status.requirementFinding, verdict.status.isFailure, verdict.status != .yanked else { return ([], verdict) }
        let elsewhere = CondaOtherSubdirs.sentence(verdict.otherSubdirs, name: name, requirement: item.text)
        let message = VerdictWords.condaRequirement(verdict.status, name: name, requirement: item.text, channels: channels.joined(separator: ", "),
                                                    target: target, why: verdict.details.joined(separator: "; "), elsewhere: elsewhere)
        // A spec exported on another OS: say how to export one that is not.
        let fromElsewhere = elsewhere != nil && (verdict.status == .noSuchPackage || verdict.status == .noMatchingVersion)
        return ([finding(code, message, package: name, suggestions: verdict.suggestions + (fromElsewhere ? [Self.exportHint] : []))], verdict)
    }
}
