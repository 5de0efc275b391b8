import PythonPackaging
import Registries
import Specs

/// Turns each `pip` requirement of a spec into findings for one target.
struct PipRequirementChecker: Sendable {
    let client: PyPIClient
    let names: ProjectNameIndex
    let allowSdist: Bool
    let transitive: Bool
    var metadata: MetadataFetcher { client.metadata }
    var lookup: PyPILookup { PyPILookup(client: client, names: names) }

    func findings(for spec: ParsedSpec, target: Target) async -> [Finding] {
        let requirements = spec.pipRequirements.filter { !$0.isConstraint && $0.reference == nil }
        let references = spec.pipRequirements.filter { !$0.isConstraint && $0.reference != nil }
        let direct = DirectReferenceChecker(http: client.http, allowSdist: allowSdist)
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
        let at = item.position
        let requirement: Requirement
        do {
            requirement = try Requirement(item.text)
        } catch {
            return [Finding(severity: .error, code: .invalidSpec, source: "pypi", requirement: item.text, path: at.path,
                            line: at.line, column: at.column, message: "not a valid PEP 508 requirement: \(error)")]
        }
        if let marker = requirement.marker,
           !marker.evaluate(environment: TargetTags.markerEnvironment(for: target)) {
            return []  // not installed on this target
        }
        func finding(_ code: FindingCode, _ message: String, severity: Finding.Severity? = nil, suggestions: [String] = []) -> Finding {
            Finding(severity: severity ?? code.defaultSeverity, code: code, source: "pypi", package: requirement.normalizedName,
                    requirement: item.text, path: at.path, line: at.line, column: at.column,
                    target: target, message: message, suggestions: suggestions)
        }
        let answer: PyPILookup.Answer
        do {
            answer = try await lookup.availability(of: requirement, text: item.text, targets: [target], allowSdist: allowSdist,
                                                   constraints: constraints(on: requirement.normalizedName, in: spec))
        } catch let error as RegistryError {
            return [Finding(severity: .error, code: .sourceUnreachable, source: "pypi", package: requirement.normalizedName,
                            requirement: item.text, path: at.path, line: at.line, column: at.column, target: target,
                            message: "\(error.source) could not be reached: \(error.detail); the verdict for \(requirement.normalizedName) is unknown")]
        } catch {
            return [finding(.sourceUnreachable, "\(error)")]
        }
        let listing = answer.listing
        if listing != nil, let notice = PlaceholderNotice.make(name: requirement.normalizedName, target: target) {
            return [finding(.placeholderPackage, notice.explanation(target: target), suggestions: notice.suggestions)]
        }
        let verdict = answer.verdicts[0]
        var out: [Finding] = []
        let why = verdict.details.joined(separator: "; ")
        if verdict.status == .noSuchPackage || verdict.status == .noMatchingVersion, let pin = LocalBuildPin(requirement) {
            // Not a typo or a removed release: a version only a local build ever had. pip fails
            // on it all the same, so it is an error.
            let published = verdict.status == .noMatchingVersion ? verdict.suggestions : []
            return [finding(.unverifiableReference, pin.message(requirement: item.text),
                            severity: .error, suggestions: LocalBuildPin.suggestions(project: requirement.normalizedName, published: published))]
        }
        switch verdict.status {
        case .available:
            if let best = verdict.best, verdict.warnings.contains(where: { $0.contains(" is yanked") }), let listing {
                let notice = YankedNotice.make(listing: listing, version: best.version, filename: best.filename, target: target, allowSdist: allowSdist)
                out.append(finding(.yanked, notice.message(project: requirement.normalizedName, version: best.version, target: target,
                                                           consequence: "pip installs a yanked release only when pinned exactly, and warns"),
                                   suggestions: notice.suggestions(project: requirement.normalizedName) + verdict.suggestions))
            }
            if let listing, listing.indexes.count > 1 {
                out.append(finding(.dependencyConfusion, "\(listing.name) is served by \(listing.indexes.joined(separator: " and ")): a dependency-confusion risk"))
            }
            if !item.hashes.isEmpty, let listing {
                out += HashFindings.findings(item: item, requirement: requirement, listing: listing, verdict: verdict,
                                             target: target, allowSdist: allowSdist, make: finding)
            }
            if transitive, let listing {
                let walker = PipDependencyWalker(client: client, metadata: metadata, target: target, allowSdist: allowSdist)
                for issue in await walker.walk(top: requirement, listing: listing, verdict: verdict) {
                    out.append(Finding(severity: issue.severity, code: issue.code, source: "pypi", package: issue.package,
                                       requirement: issue.requirement, path: at.path, line: at.line, column: at.column,
                                       target: target, via: issue.via, message: issue.message, suggestions: issue.suggestions))
                }
            }
        case .noSuchPackage:
            out.append(finding(.packageNotFound, "no package named \(requirement.normalizedName) on \(client.indexURLs.joined(separator: ", ")) (pip: No matching distribution found for \(item.text))", suggestions: verdict.suggestions))
        case .noMatchingVersion:
            out.append(finding(.versionNotFound, "\(requirement.normalizedName) exists, but no version satisfies \(requirement.specifier) (pip: Could not find a version that satisfies the requirement \(item.text))", suggestions: verdict.suggestions))
        case .requiresPython:
            out.append(finding(.requiresPython, "no version of \(requirement.normalizedName) matching \(requirement.specifier) supports Python \(target.python): \(why)", suggestions: verdict.suggestions))
        case .sdistOnly:
            let build = listing == nil ? SourceBuild.unknown : await SourceBuildLookup.judge(verdict, listing: listing!, metadata: metadata)
            out.append(finding(.sdistOnly, "\(requirement.normalizedName) has only a source distribution for \(target): \(build.consequence)",
                               severity: build.severity, suggestions: verdict.suggestions))
            if !item.hashes.isEmpty, let listing {
                out += HashFindings.findings(item: item, requirement: requirement, listing: listing, verdict: verdict,
                                             target: target, allowSdist: true, make: finding)
            }
        case .yanked:
            out.append(finding(.versionNotFound, "every file of \(requirement.normalizedName) that fits \(target) is yanked; pip will not pick them unless pinned with ==", severity: .error, suggestions: verdict.suggestions))
        case .noCompatibleDistribution:
            out.append(finding(.noCompatibleDistribution, "\(requirement.normalizedName) \(requirement.specifier) has no wheel for \(target): \(why)", suggestions: verdict.suggestions))
        }
        return out
    }
}
