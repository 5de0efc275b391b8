import Checks
import Foundation
import PythonPackaging
import Registries
import Transport

/// The `exists --source pypi` verdict, computed from an index listing. Pure: no I/O.
package enum PyPIAvailability {
    /// One distribution file with what we derived from its name. A class: verdicts pass files of
    /// big projects around by the thousand, and copying the struct's strings was a tenth of an audit's CPU.
    final class File: Sendable {
        let file: DistributionFile
        let version: Version
        let wheel: WheelFilename?
        /// A wheel's compressed tag triple as written in its name (`cp38-cp38-manylinux_2_17_x86_64`):
        /// files that share it install on the same targets.
        let tagTriple: String?
        var isSdist: Bool { wheel == nil }

        init(file: DistributionFile, version: Version, wheel: WheelFilename?) {
            self.file = file
            self.version = version
            self.wheel = wheel
            tagTriple = wheel.map { _ in
                file.filename.dropLast(4).split(separator: "-", omittingEmptySubsequences: false).suffix(3).joined(separator: "-")
            }
        }
    }

    /// `constraints`: further limits on the package that a suggested version must satisfy (a
    /// constraints file's lines; for a dependency, the parent's specifier). `session`: the run's
    /// memos (parsed listings, earlier verdicts).
    package static func evaluate(requirement: Requirement, requirementText: String, listing: ProjectListing?,
                                target: Target, allowSdist: Bool, projectNames: [String] = [],
                                constraints: [SpecifierSet] = [], session: CheckSession) -> Availability {
        var result = Availability(source: .pypi, requirement: requirementText, name: requirement.normalizedName, target: target)
        guard let listing else {
            result.suggestions = nameSuggestions(for: requirement.normalizedName, projectNames: projectNames)
            result.details.append("no configured index has a project named \(requirement.normalizedName)")
            return result
        }
        if listing.indexes.count > 1 {
            result.notices.append(.servedByIndexes(project: listing.name, indexes: listing.indexes))
        }
        let parsed = parse(listing, session: session)
        let key = EvaluationKey(text: requirementText, name: requirement.normalizedName,
                                specifier: requirement.specifier.description, listing: ObjectIdentifier(parsed),
                                target: target, allowSdist: allowSdist, constraints: constraints.map(\.description))
        if let known = session.evaluations.value(for: key) { return known }
        var answer = evaluate(requirement: requirement, listing: listing, parsed: parsed, target: target,
                              allowSdist: allowSdist, constraints: constraints, into: result, session: session)
        if let notice = PlaceholderNotice.make(name: requirement.normalizedName, target: target) {
            // Its files look like any project's: the name is what is wrong.
            answer.suggestions = notice.suggestions + answer.suggestions.filter { !notice.suggestions.contains($0) }
            answer.details.append(notice.explanation(target: target))
        }
        session.evaluations.store(answer, for: key)
        return answer
    }

    /// The same requirement is judged against the same listing and target many times: by every
    /// spec of an audit that depends on it, directly or through others. The listing's parsed form
    /// lives as long as the session, so its identity names the listing (files and indexes).
    struct EvaluationKey: Hashable, Sendable {
        var text: String
        var name: String
        var specifier: String
        var listing: ObjectIdentifier
        var target: Target
        var allowSdist: Bool
        var constraints: [String]
    }

    private static func evaluate(requirement: Requirement, listing: ProjectListing, parsed: ParsedListing, target: Target,
                                 allowSdist: Bool, constraints: [SpecifierSet], into initial: Availability,
                                 session: CheckSession) -> Availability {
        var result = initial
        let supported = tags(target, session: session)
        let byVersion = parsed.byVersion
        let allVersions = parsed.versions
        let choices = parsed.choices(target: target, tags: supported, allowSdist: allowSdist)
        let matching = requirement.specifier.filter(allVersions)
        result.matchingVersions = matching.map(parsed.text)
        guard !matching.isEmpty else {
            result.status = .noMatchingVersion
            let compatibleAny = allVersions.filter { choices[$0]?.best != nil }
            let pool = (compatibleAny.isEmpty ? allVersions : compatibleAny).filter { version in
                constraints.allSatisfy { $0.contains(version, prereleases: true) }
            }
            result.suggestions = NearestRelease.around(requirement.specifier, among: pool)
            result.details.append("\(listing.name) exists; no version satisfies \(requirement.specifier.description.isEmpty ? "the requirement" : requirement.specifier.description)")
            return result
        }

        let exactPin = isExactPin(requirement.specifier)
        var compatible: [Version] = []
        var bestFile: File?
        for version in matching {
            // As pip: a yanked file is used only for an exact pin, and only when nothing else fits.
            guard let choice = choices[version], let index = choice.best ?? (exactPin ? choice.bestWithYanked : nil),
                  let pick = byVersion[version]?[index] else { continue }
            compatible.append(version)
            bestFile = pick
            result.candidates.append(.init(version: parsed.text(version), filename: pick.file.filename, url: pick.file.url))
        }
        result.candidates.reverse()
        result.compatibleVersions = compatible.map(parsed.text)
        if let pick = bestFile {
            result.status = .available
            result.best = .init(version: pick.version.description, filename: pick.file.filename, url: pick.file.url)
            if pick.file.yanked {
                result.notices.append(.yanked(project: listing.name, version: pick.version.description, reason: pick.file.yankedReason))
            }
            if pick.isSdist {
                result.notices.append(.onlySdist(filename: pick.file.filename))
            }
            return result
        }

        let matchingFiles = matching.flatMap { byVersion[$0, default: []] }
        let admitted = matchingFiles.filter { admitsPython($0.file, target, session: session) }
        if admitted.isEmpty {
            result.status = .requiresPython
            let ranges = Set(matchingFiles.compactMap(\.file.requiresPython)).sorted()
            result.details.append("every file of the matching versions requires Python \(ranges.joined(separator: " or ")); the target is \(target.python)")
        } else if !allowSdist, let sdist = admitted.last(where: { $0.isSdist && !$0.file.yanked }) {
            result.status = .sdistOnly
            let build = parsed.sourceBuild(project: listing.name)
            result.sourceBuild = build
            result.sourceDistribution = .init(version: parsed.text(sdist.version), filename: sdist.file.filename, url: sdist.file.url)
            result.details.append("only a source distribution fits \(target): \(build.consequence) (pass --allow-sdist to accept it)")
        } else if admitted.contains(where: { isCompatible($0, target: target, tags: supported, allowSdist: allowSdist, yankedAllowed: true, session: session) }) {
            result.status = .yanked
            result.details.append("the files that fit the target are all yanked")
        } else {
            result.status = .noCompatibleDistribution
        }
        if result.status != .available {
            result.details += wheelCoverage(matching: matching, byVersion: byVersion)
            let installable = allVersions.filter { choices[$0]?.best != nil }
            if let nearest = NearestRelease.suggestion(for: requirement.specifier, among: installable, constraints: constraints) {
                result.suggestions = ["\(listing.name)==\(parsed.text(nearest))"]
                result.details.append("nearest version that installs on \(target): \(parsed.text(nearest))")
            }
        }
        return result
    }

    // MARK: - Pieces

    /// A listing's files by version, sorted: built once per listing per run, because every
    /// verdict (each target, each dependent, each spec) needs it and copying file records is costly.
    final class ParsedListing: @unchecked Sendable {
        let byVersion: [Version: [File]]
        let versions: [Version]
        /// Each version's normalized spelling, formatted once (verdicts list hundreds of versions).
        private let texts: [Version: String]
        /// Per target and sdist policy, the file each version would install: computed once, since
        /// a popular project is evaluated for hundreds of requirements in an audit and deciding
        /// every file's tags and Requires-Python again each time was a third of its CPU.
        private let choicesByTarget = Memo<ChoiceKey, [Version: Choice]>()
        /// The run's `requires_python` answers.
        private let requiresPython: Memo<String, Bool>

        init(_ files: [File], requiresPython: Memo<String, Bool>) {
            self.requiresPython = requiresPython
            byVersion = Dictionary(grouping: files, by: \.version)
            versions = byVersion.keys.sorted()
            texts = Dictionary(uniqueKeysWithValues: versions.map { ($0, $0.description) })
        }

        func text(_ version: Version) -> String { texts[version] ?? version.description }

        /// What building one of the project's sdists takes, from its files (newest versions first).
        func sourceBuild(project: String) -> SourceBuild {
            SourceBuild.judging(versions.reversed().flatMap { byVersion[$0] ?? [] }, project: project)
        }

        /// Indices into `byVersion[version]`: the best file that installs on the target, and the
        /// best when yanked files count too; nil when there is none.
        struct Choice {
            var best: Int?
            var bestWithYanked: Int?
        }

        private struct ChoiceKey: Hashable {
            var target: Target
            var allowSdist: Bool
        }

        func choices(target: Target, tags: SupportedTagSet, allowSdist: Bool) -> [Version: Choice] {
            let key = ChoiceKey(target: target, allowSdist: allowSdist)
            if let known = choicesByTarget[key] { return known }
            var table: [Version: Choice] = [:]
            table.reserveCapacity(byVersion.count)
            // A project repeats a handful of Requires-Python strings and tag triples over thousands of files.
            var admitted: [String: Bool] = [:]
            var priorities: [String: Int?] = [:]
            let python = target.python.fullVersion
            for (version, files) in byVersion {
                var withYanked: [Int] = []
                var installable: [Int] = []
                // Lower is better: the wheel's best tag priority; sdists after every wheel.
                var ranks = [Int](repeating: Int.max, count: files.count)
                for index in files.indices {
                    let file = files[index]
                    if let text = file.file.requiresPython {
                        let admits = admitted[text] ?? RequiresPython.admits(text, python: python, answers: requiresPython)
                        admitted[text] = admits
                        guard admits else { continue }
                    }
                    if let triple = file.tagTriple {
                        let priority: Int?
                        if let known = priorities[triple] {
                            priority = known
                        } else {
                            priority = file.wheel?.bestPriority(in: tags)
                            priorities[triple] = .some(priority)
                        }
                        guard let priority else { continue }
                        ranks[index] = priority
                    } else if !allowSdist {
                        continue
                    }
                    withYanked.append(index)
                    if !file.file.yanked { installable.append(index) }
                }
                table[version] = Choice(best: PyPIAvailability.best(of: installable, in: files, ranks: ranks),
                                        bestWithYanked: PyPIAvailability.best(of: withYanked, in: files, ranks: ranks))
            }
            return choicesByTarget.keep(table, for: key)
        }
    }

    /// The wheel with the most specific tag (then the highest build tag, as pip), else the sdist.
    static func best(of candidates: [Int], in files: [File], ranks: [Int]) -> Int? {
        candidates.min { a, b in
            let (ra, rb) = (ranks[a], ranks[b])
            if ra != rb { return ra < rb }
            return (files[a].wheel?.build).map { ba in (files[b].wheel?.build).map { ba > $0 } ?? true } ?? false
        }
    }

    static func parse(_ listing: ProjectListing, session: CheckSession) -> ParsedListing {
        let key = "\(listing.name)|\(listing.indexes.joined(separator: ","))|\(listing.files.count)"
        return session.parsedListings.value(for: key) { ParsedListing(parseFiles(listing), requiresPython: session.requiresPython) }
    }

    static func parseFiles(_ listing: ProjectListing) -> [File] {
        let parser = ProjectFilenameParser(projectName: listing.name)
        return listing.files.compactMap { file in
            switch parser.parse(file.filename) {
            case .wheel(let wheel)?: return File(file: file, version: wheel.version, wheel: wheel)
            case .sdist(let sdist)?: return File(file: file, version: sdist.version, wheel: nil)
            case nil: return nil
            }
        }
    }

    static func tags(_ target: Target, session: CheckSession) -> SupportedTagSet {
        TargetTags.supportedTagSet(for: target, session: session)
    }

    static func admitsPython(_ file: DistributionFile, _ target: Target, session: CheckSession) -> Bool {
        guard let text = file.requiresPython else { return true }
        return RequiresPython.admits(text, python: target.python.fullVersion, answers: session.requiresPython)
    }

    static func isCompatible(_ file: File, target: Target, tags: SupportedTagSet, allowSdist: Bool, yankedAllowed: Bool,
                             session: CheckSession) -> Bool {
        if file.file.yanked && !yankedAllowed { return false }
        guard admitsPython(file.file, target, session: session) else { return false }
        if let wheel = file.wheel { return wheel.bestPriority(in: tags) != nil }
        return allowSdist
    }

    /// `==X` (no wildcard) or `===X`: the only requirements for which pip installs a yanked file.
    static func isExactPin(_ set: SpecifierSet) -> Bool {
        set.specifiers.contains { spec in
            (spec.operator == .equal && !spec.isWildcard) || spec.operator == .arbitrary
        }
    }

    static func nameSuggestions(for name: String, projectNames: [String]) -> [String] {
        var out: [String] = []
        if let alias = NameMappings.pypiAliases[name] { out.append(alias) }
        for candidate in Suggestions.closeNames(to: name, among: projectNames) where !out.contains(candidate) {
            out.append(candidate)
        }
        return Array(out.prefix(4))
    }

    /// Which Pythons and platforms the newest matching version does have wheels for.
    static func wheelCoverage(matching: [Version], byVersion: [Version: [File]]) -> [String] {
        guard let newest = matching.last else { return [] }
        let wheels = byVersion[newest, default: []].compactMap(\.wheel)
        guard !wheels.isEmpty else {
            return ["\(newest) publishes no wheels, only a source distribution"]
        }
        let interpreters = Set(wheels.flatMap { $0.tags.map(\.interpreter) }).sorted()
        let platforms = Set(wheels.flatMap { $0.tags.map(\.platform) }).sorted()
        return ["\(newest) has wheels for \(interpreters.joined(separator: ", ")) on \(platforms.prefix(8).joined(separator: ", "))\(platforms.count > 8 ? ", …" : "")"]
    }
}

/// `requires_python` strings repeat across thousands of files; each is parsed and decided once
/// per run (`answers`: the run's, `CheckSession.requiresPython`).
enum RequiresPython {
    static func admits(_ text: String, python: String, answers: Memo<String, Bool>) -> Bool {
        answers.value(for: python + "|" + text) {
            // pip ignores a requires_python it cannot parse rather than rejecting the file.
            guard let specifier = try? SpecifierSet(text), let version = Version.parse(python) else { return true }
            return specifier.contains(version, prereleases: true)
        }
    }
}
