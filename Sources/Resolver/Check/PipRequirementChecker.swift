import Checks
import PythonPackaging
import Registries
import Specs

/// Turns each `pip` requirement of a spec into findings for one target.
struct PipRequirementChecker: Sendable {
    let client: any PackageIndex
    let names: any ProjectNameSource
    let allowSdist: Bool
    let transitive: Bool
    let session: CheckSession
    var metadata: any MetadataSource { client.metadataSource }
    var lookup: PyPILookup { PyPILookup(client: client, names: names, session: session) }

    func findings(for spec: ParsedSpec, target: Target) async -> [Finding] {
        let requirements = spec.pipRequirements.filter { !$0.isConstraint && $0.reference == nil }
        let references = spec.pipRequirements.filter { !$0.isConstraint && $0.reference != nil }
        let direct = DirectReferenceChecker(http: client.http, allowSdist: allowSdist, session: session)
        return await withTaskGroup(of: [Finding].self) { group in
            for requirement in requirements {
                group.addTask { await self.findings(for: requirement, in: spec, target: target) }
            }
            for reference in references {
                group.addTask { await direct.findings(for: reference, target: target) }
            }
            var out: [Finding] = []
            for await batch in group { out += batch }
            return out.sorted { ($0.path, $0.line ?? 0, $0.column ?? 0) < ($1.path, $1.line ?? 0, $1.column ?? 0) }
        }
    }

    /// The constraints file lines (`-c`) on a package: a suggested version must satisfy them too.
    func constraints(on name: String, in spec: ParsedSpec) -> [SpecifierSet] {
        spec.pipRequirements.compactMap { item in
            guard item.isConstraint, let constraint = try? Requirement(item.text), constraint.normalizedName == name else { return nil }
            return constraint.specifier
        }
    }

    func findings(for item: SpecRequirement, in spec: ParsedSpec, target: Target) async -> [Finding] {
        let requirement: Requirement
        do {
            requirement = try Requirement(item.text)
        } catch {
            return [FindingSite(item.position, source: "pypi", requirement: item.text).finding(.invalidSpec, "not a valid PEP 508 requirement: \(error)")]
        }
        if let marker = requirement.marker,
           !marker.evaluate(environment: TargetTags.markerEnvironment(for: target)) {
            return []  // not installed on this target
        }
        let site = FindingSite(item.position, source: "pypi", package: requirement.normalizedName, requirement: item.text, target: target)
        func finding(_ code: FindingCode, _ message: String, severity: Finding.Severity? = nil, suggestions: [String] = []) -> Finding {
            site.finding(code, message, severity: severity, suggestions: suggestions)
        }
        let answer: PyPILookup.Answer
        do {
            answer = try await lookup.availability(of: requirement, text: item.text, targets: [target], allowSdist: allowSdist,
                                                   constraints: constraints(on: requirement.normalizedName, in: spec))
        } catch let error as RegistryError {
            var unreachable = finding(.sourceUnreachable, VerdictWords.indexUnreachable(error.source, detail: error.detail, package: requirement.normalizedName))
            unreachable.unreachableSource = error.source
            return [unreachable]
        } catch {
            return [finding(.sourceUnreachable, "\(error)")]
        }
        let listing = answer.listing
        if listing != nil, let notice = PlaceholderNotice.make(name: requirement.normalizedName, target: target) {
            return [finding(.placeholderPackage, notice.explanation(target: target), suggestions: notice.suggestions)]
        }
        let verdict = answer.verdicts[0]
        var out: [Finding] = []
        func words(_ status: AvailabilityStatus, build: String = "") -> String {
            VerdictWords.pipRequirement(status, name: requirement.normalizedName, specifier: requirement.specifier.description,
                                        requirement: item.text, indexes: client.indexURLs, target: target,
                                        why: verdict.details.joined(separator: "; "), build: build)
        }
        if verdict.status == .noSuchPackage || verdict.status == .noMatchingVersion, let pin = LocalBuildPin(requirement) {
            // Not a typo or a removed release: a version only a local build ever had. pip fails
            // on it all the same, so it is an error.
            let published = verdict.status == .noMatchingVersion ? verdict.suggestions : []
            return [finding(.unverifiableReference, pin.message(requirement: item.text),
                            severity: .error, suggestions: LocalBuildPin.suggestions(project: requirement.normalizedName, published: published))]
        }
        switch verdict.status {
        case .available:
            if let best = verdict.best, verdict.picksYankedFile, let listing {
                let notice = YankedNotice.make(listing: listing, version: best.version, filename: best.filename, target: target, allowSdist: allowSdist,
                                               session: session)
                out.append(finding(.yanked, notice.message(project: requirement.normalizedName, version: best.version, target: target,
                                                           consequence: "pip installs a yanked release only when pinned exactly, and warns"),
                                   suggestions: notice.suggestions(project: requirement.normalizedName) + verdict.suggestions))
            }
            if let listing, listing.indexes.count > 1 {
                out.append(finding(.dependencyConfusion, "\(listing.name) is served by \(listing.indexes.joined(separator: " and ")): a dependency-confusion risk"))
            }
            if !item.hashes.isEmpty, let listing {
                out += HashFindings.findings(item: item, requirement: requirement, listing: listing, verdict: verdict,
                                             target: target, allowSdist: allowSdist, session: session, make: finding)
            }
            if transitive, let listing {
                let walker = PipDependencyWalker(client: client, metadata: metadata, target: target, allowSdist: allowSdist, session: session)
                out += await walker.walk(top: requirement, listing: listing, verdict: verdict).map { $0.finding(at: site) }
            }
        case .sdistOnly:
            let build = listing == nil ? SourceBuild.unknown : await SourceBuildLookup.judge(verdict, listing: listing!, metadata: metadata)
            out.append(finding(.sdistOnly, words(.sdistOnly, build: build.consequence), severity: build.severity, suggestions: verdict.suggestions))
            if !item.hashes.isEmpty, let listing {
                out += HashFindings.findings(item: item, requirement: requirement, listing: listing, verdict: verdict,
                                             target: target, allowSdist: true, session: session, make: finding)
            }
        case .noSuchPackage, .noMatchingVersion, .requiresPython, .yanked, .noCompatibleDistribution:
            if let code = verdict.status.requirementFinding {
                out.append(finding(code, words(verdict.status), suggestions: verdict.suggestions))
            }
        }
        return out
    }
}
