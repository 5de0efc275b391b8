import Foundation
import PythonPackaging
import Registries

/// The contract's `exists --source pypi` verdict, computed from an index listing. Pure: no I/O.
public enum PyPIAvailability {
    /// One distribution file with what we derived from its name.
    struct File: Sendable {
        var file: DistributionFile
        var version: Version
        var wheel: WheelFilename?
        var isSdist: Bool { wheel == nil }
    }

    public static func evaluate(requirement: Requirement, requirementText: String, listing: ProjectListing?,
                                target: Target, allowSdist: Bool, projectNames: [String] = []) -> Availability {
        var result = Availability(source: .pypi, requirement: requirementText, name: requirement.normalizedName,
                                  target: target, status: .noSuchPackage, matchingVersions: [], compatibleVersions: [],
                                  best: nil, suggestions: [], details: [], warnings: [])
        guard let listing else {
            result.suggestions = nameSuggestions(for: requirement.normalizedName, projectNames: projectNames)
            result.details.append("no configured index has a project named \(requirement.normalizedName)")
            return result
        }
        if listing.indexes.count > 1 {
            result.warnings.append("\(listing.name) is served by more than one index (\(listing.indexes.joined(separator: ", "))): a dependency-confusion risk")
        }
        let supported = tags(target)
        let parsed = parse(listing)
        let byVersion = parsed.byVersion
        let allVersions = parsed.versions
        let matching = requirement.specifier.filter(allVersions)
        result.matchingVersions = matching.map(\.description)
        guard !matching.isEmpty else {
            result.status = .noMatchingVersion
            let compatibleAny = allVersions.filter { v in
                byVersion[v, default: []].contains { isCompatible($0, target: target, tags: supported, allowSdist: allowSdist, yankedAllowed: false) }
            }
            result.suggestions = nearestVersions(to: requirement.specifier, among: compatibleAny.isEmpty ? allVersions : compatibleAny)
            result.details.append("\(listing.name) exists; no version satisfies \(requirement.specifier.description.isEmpty ? "the requirement" : requirement.specifier.description)")
            return result
        }

        let exactPin = isExactPin(requirement.specifier)
        var compatible: [Version] = []
        var bestFile: File?
        for version in matching {
            let files = byVersion[version, default: []]
            // As pip: a yanked file is used only for an exact pin, and only when nothing else fits.
            var candidates = files.filter { isCompatible($0, target: target, tags: supported, allowSdist: allowSdist, yankedAllowed: false) }
            if candidates.isEmpty && exactPin {
                candidates = files.filter { isCompatible($0, target: target, tags: supported, allowSdist: allowSdist, yankedAllowed: true) }
            }
            guard !candidates.isEmpty else { continue }
            compatible.append(version)
            // Newest compatible version; within it the wheel with the most specific tag (then the
            // highest build tag, as pip), else the sdist.
            bestFile = candidates.min { a, b in
                let (ra, rb) = (rank(a, supported), rank(b, supported))
                if ra != rb { return ra < rb }
                return (a.wheel?.build).map { ba in (b.wheel?.build).map { ba > $0 } ?? true } ?? false
            }
            if let pick = bestFile {
                result.candidates.insert(.init(version: pick.version.description, filename: pick.file.filename, url: pick.file.url), at: 0)
            }
        }
        result.compatibleVersions = compatible.map(\.description)
        if let pick = bestFile {
            result.status = .available
            result.best = .init(version: pick.version.description, filename: pick.file.filename, url: pick.file.url)
            if pick.file.yanked {
                result.warnings.append("\(listing.name) \(pick.version) is yanked\(pick.file.yankedReason.map { ": \($0)" } ?? "")")
            }
            if pick.isSdist {
                result.warnings.append("only a source distribution fits the target: \(pick.file.filename)")
            }
            return result
        }

        let matchingFiles = matching.flatMap { byVersion[$0, default: []] }
        let admitted = matchingFiles.filter { admitsPython($0.file, target) }
        if admitted.isEmpty {
            result.status = .requiresPython
            let ranges = Set(matchingFiles.compactMap(\.file.requiresPython)).sorted()
            result.details.append("every file of the matching versions requires Python \(ranges.joined(separator: " or ")); the target is \(target.python)")
        } else if !allowSdist, admitted.contains(where: { $0.isSdist && !$0.file.yanked }) {
            result.status = .sdistOnly
            result.details.append("only a source distribution fits \(target); building it needs a compiler and may fail (pass --allow-sdist to accept it)")
        } else if admitted.contains(where: { isCompatible($0, target: target, tags: supported, allowSdist: allowSdist, yankedAllowed: true) }) {
            result.status = .yanked
            result.details.append("the files that fit the target are all yanked")
        } else {
            result.status = .noCompatibleDistribution
        }
        if result.status != .available {
            result.details += wheelCoverage(matching: matching, byVersion: byVersion)
            // The newest version (any) that does have something for the target.
            let fallback = allVersions.reversed().first { v in
                byVersion[v, default: []].contains { isCompatible($0, target: target, tags: supported, allowSdist: allowSdist, yankedAllowed: false) }
            }
            if let fallback {
                result.suggestions = ["\(listing.name)==\(fallback)"]
                result.details.append("newest version with a distribution for \(target): \(fallback)")
            }
        }
        return result
    }

    // MARK: - Pieces

    /// A listing's files by version, sorted: built once per listing per process, because every
    /// verdict (each target, each dependent, each spec) needs it and copying file records is costly.
    final class ParsedListing: Sendable {
        let byVersion: [Version: [File]]
        let versions: [Version]

        init(_ files: [File]) {
            byVersion = Dictionary(grouping: files, by: \.version)
            versions = byVersion.keys.sorted()
        }
    }

    static func parse(_ listing: ProjectListing) -> ParsedListing {
        let key = "\(listing.name)|\(listing.indexes.joined(separator: ","))|\(listing.files.count)"
        parsedLock.lock()
        if let known = parsedListings[key] { parsedLock.unlock(); return known }
        parsedLock.unlock()
        let parsed = ParsedListing(parseFiles(listing))
        parsedLock.lock(); parsedListings[key] = parsed; parsedLock.unlock()
        return parsed
    }

    private static let parsedLock = NSLock()
    nonisolated(unsafe) private static var parsedListings: [String: ParsedListing] = [:]

    static func parseFiles(_ listing: ProjectListing) -> [File] {
        listing.files.compactMap { file in
            switch DistributionFilename.parse(file.filename, projectName: listing.name) {
            case .wheel(let wheel)?: return File(file: file, version: wheel.version, wheel: wheel)
            case .sdist(let sdist)?: return File(file: file, version: sdist.version, wheel: nil)
            case nil: return nil
            }
        }
    }

    static func tags(_ target: Target) -> SupportedTagSet {
        TargetTags.supportedTagSet(for: target)
    }

    static func admitsPython(_ file: DistributionFile, _ target: Target) -> Bool {
        guard let text = file.requiresPython else { return true }
        return RequiresPythonCache.admits(text, python: target.pythonFullVersion)
    }

    static func isCompatible(_ file: File, target: Target, tags: SupportedTagSet, allowSdist: Bool, yankedAllowed: Bool) -> Bool {
        if file.file.yanked && !yankedAllowed { return false }
        guard admitsPython(file.file, target) else { return false }
        if let wheel = file.wheel { return wheel.bestPriority(in: tags) != nil }
        return allowSdist
    }

    /// Lower is better: the wheel's best tag priority; sdists after every wheel.
    static func rank(_ file: File, _ tags: SupportedTagSet) -> Int {
        file.wheel?.bestPriority(in: tags) ?? Int.max
    }

    /// `==X` (no wildcard) or `===X`: the only requirements for which pip installs a yanked file.
    static func isExactPin(_ set: SpecifierSet) -> Bool {
        set.specifiers.contains { spec in
            (spec.operator == .equal && !spec.isWildcard) || spec.operator == .arbitrary
        }
    }

    /// For a version that does not exist: the closest existing ones around what was asked.
    static func nearestVersions(to set: SpecifierSet, among versions: [Version], limit: Int = 3) -> [String] {
        guard !versions.isEmpty else { return [] }
        let sorted = versions.sorted()
        let anchor = set.specifiers.compactMap { Version.parse($0.version.replacingOccurrences(of: ".*", with: "")) }.first
        guard let anchor else { return sorted.suffix(limit).reversed().map(\.description) }
        let finals = sorted.filter { !$0.isPrerelease }
        let pool = finals.isEmpty ? sorted : finals
        let below = pool.last { $0 < anchor }
        let above = pool.first { $0 > anchor }
        var out: [Version] = []
        if let below { out.append(below) }
        if let above { out.append(above) }
        if let newest = pool.last, !out.contains(newest) { out.append(newest) }
        return out.prefix(limit).map(\.description)
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

/// `requires_python` strings repeat across thousands of files; parse and decide each once.
enum RequiresPythonCache {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var answers: [String: Bool] = [:]

    static func admits(_ text: String, python: String) -> Bool {
        let key = python + "|" + text
        lock.lock()
        if let known = answers[key] { lock.unlock(); return known }
        lock.unlock()
        // pip ignores a requires_python it cannot parse rather than rejecting the file.
        var answer = true
        if let specifier = try? SpecifierSet(text), let version = Version.parse(python) {
            answer = specifier.contains(version, prereleases: true)
        }
        lock.lock(); answers[key] = answer; lock.unlock()
        return answer
    }
}
