import Checks
import CondaPackaging
import Registries

/// The `exists --source conda` verdict, computed from the records of one name that the
/// channels list in the target's subdir and `noarch`. Pure: no I/O.
package enum CondaAvailability {
    /// Everything the verdict is computed from.
    package struct Input: Sendable {
        package var spec: MatchSpec
        /// The MatchSpec as the user wrote it.
        package var requirement: String
        package var target: Target
        /// The channels searched, in priority order.
        package var channels: [CondaChannel]
        /// Every record of the spec's name in those channels' target subdir and `noarch`.
        package var records: [ChannelRecord]
        /// For an unknown name: close names that do exist (computed by the caller, who has the name lists).
        package var nameSuggestions: [String]

        package init(spec: MatchSpec, requirement: String, target: Target, channels: [CondaChannel],
                    records: [ChannelRecord], nameSuggestions: [String] = []) {
            self.spec = spec
            self.requirement = requirement
            self.target = target
            self.channels = channels
            self.records = records
            self.nameSuggestions = nameSuggestions
        }
    }

    package static func evaluate(_ input: Input) -> Availability {
        let name = (input.spec.name ?? input.spec.source).lowercased()
        let target = input.target
        let subdirs = CondaRepodataStore.subdirs(for: target)
        let scope = "\(subdirs.joined(separator: " and ")) of \(input.channels.map(\.displayURL).joined(separator: ", "))"
        var result = Availability(source: .conda, requirement: input.requirement, name: name, target: target)
        let records = input.records
        guard !records.isEmpty else {
            result.suggestions = input.nameSuggestions
            result.details.append("no package named \(name) in \(scope)")
            return result
        }

        let compatibility = CondaTargetCompatibility(target: target)
        let matching = records.filter { matches(input.spec, $0) }
        result.matchingVersions = orderedVersions(matching)
        guard !matching.isEmpty else {
            result.status = .noMatchingVersion
            let usable = records.filter { compatibility.verdict(for: $0.record).isCompatible }
            result.suggestions = nearestVersions(to: input.spec, among: usable.isEmpty ? records : usable, name: name)
            let all = orderedVersions(records)
            result.details.append("\(name) exists (\(all.count) version\(all.count == 1 ? "" : "s") in \(scope), newest \(all.last ?? "?")); none matches \(input.spec.description)")
            return result
        }

        var compatible: [ChannelRecord] = []
        var pythonFailures: [String: Int] = [:]
        var virtualFailures: [String: Int] = [:]
        var onlyPython = true
        for record in matching {
            let verdict = compatibility.verdict(for: record.record)
            if verdict.isCompatible {
                compatible.append(record)
                continue
            }
            if !verdict.failsOnlyOnPython { onlyPython = false }
            for failure in verdict.pythonFailures { pythonFailures[failure, default: 0] += 1 }
            for failure in verdict.virtualFailures { virtualFailures[failure, default: 0] += 1 }
        }
        result.compatibleVersions = orderedVersions(compatible)
        let rank = Dictionary(input.channels.enumerated().map { ($0.element.url, $0.offset) }, uniquingKeysWith: { a, _ in a })
        if let best = compatible.max(by: { isWorse($0, than: $1, channelRank: rank, targetSubdir: target.platform) }) {
            result.status = .available
            result.best = .init(version: best.record.version, filename: best.filename, url: best.url)
            result.details.append("best: \(best.filename) from \(best.channel.displayURL)/\(best.subdir)")
            return result
        }

        result.status = onlyPython ? .requiresPython : .noCompatibleDistribution
        if !pythonFailures.isEmpty {
            result.details.append("the matching records need \(summary(pythonFailures)); the target is Python \(target.python)")
        }
        if !virtualFailures.isEmpty {
            result.details.append("the matching records need \(summary(virtualFailures)); the target has \(describeVirtuals(target))")
        }
        let usable = records.filter { compatibility.verdict(for: $0.record).isCompatible }
        result.suggestions = nearestVersions(to: input.spec, among: usable, name: name)
        if let newest = orderedVersions(usable).last {
            result.details.append("newest version of \(name) installable on \(target): \(newest)")
        }
        return result
    }

    // MARK: - Matching

    /// The MatchSpec's record parts, plus the parts a record alone cannot answer: subdir, file name, URL.
    static func matches(_ spec: MatchSpec, _ record: ChannelRecord) -> Bool {
        guard spec.matches(record.record) else { return false }
        if let subdir = spec.subdir, subdir != record.subdir { return false }
        if let fileName = spec.fileName, fileName != record.filename { return false }
        if let url = spec.url, url != record.url, !url.hasSuffix("/" + record.filename) { return false }
        return true
    }

    /// Distinct version strings in conda ordering (spellings that order equal, like `1.0` and
    /// `1.0.0`, are kept apart and ordered by their text).
    static func orderedVersions(_ records: [ChannelRecord]) -> [String] {
        var seen = Set<String>()
        var versions: [(CondaVersion?, String)] = []
        for record in records where seen.insert(record.record.version).inserted {
            versions.append((record.record.parsedVersion, record.record.version))
        }
        return versions.sorted { a, b in
            switch (a.0, b.0) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.1 < b.1
            }
        }.map(\.1)
    }

    /// Conda's preference among installable records: higher version, then build number, then
    /// timestamp; then the higher-priority channel, the target subdir over `noarch`, and the file name.
    static func isWorse(_ a: ChannelRecord, than b: ChannelRecord, channelRank: [String: Int], targetSubdir: String) -> Bool {
        let va = a.record.parsedVersion, vb = b.record.parsedVersion
        if let va, let vb, va != vb { return va < vb }
        if (va == nil) != (vb == nil) { return va == nil }
        if a.record.buildNumber != b.record.buildNumber { return a.record.buildNumber < b.record.buildNumber }
        let ta = a.record.timestamp ?? 0, tb = b.record.timestamp ?? 0
        if ta != tb { return ta < tb }
        let ra = channelRank[a.channel.url] ?? Int.max, rb = channelRank[b.channel.url] ?? Int.max
        if ra != rb { return ra > rb }
        if (a.subdir == targetSubdir) != (b.subdir == targetSubdir) { return a.subdir != targetSubdir }
        return a.filename > b.filename
    }

    // MARK: - Suggestions and details

    /// Up to three versions (as `name==version`) closest to the one the spec asks for, ascending.
    static func nearestVersions(to spec: MatchSpec, among records: [ChannelRecord], name: String) -> [String] {
        let versions = orderedVersions(records)
        guard !versions.isEmpty else { return [] }
        let limit = 3
        guard let wanted = spec.version.flatMap(referenceVersion) else {
            return versions.suffix(limit).map { "\(name)==\($0)" }
        }
        let parsed = versions.map { try? CondaVersion($0) }
        // The first version above the wanted one; the nearest lie on either side of it.
        let insertion = parsed.firstIndex { ($0.map { $0 > wanted }) ?? false } ?? versions.count
        var low = insertion - 1, high = insertion
        var picked: [Int] = []
        while picked.count < limit && (low >= 0 || high < versions.count) {
            // Prefer the version just below (the newest that does not overshoot), then alternate.
            if low >= 0 { picked.append(low); low -= 1 }
            if picked.count < limit && high < versions.count { picked.append(high); high += 1 }
        }
        return picked.sorted().map { "\(name)==\(versions[$0])" }
    }

    /// The version a spec is about: the first version written in it.
    static func referenceVersion(_ spec: VersionSpec) -> CondaVersion? {
        switch spec {
        case .any: return nil
        case .constraint(_, let version): return version
        case .all(let members), .either(let members): return members.lazy.compactMap(referenceVersion).first
        }
    }

    /// `python >=3.9,<3.10.0a0 (12 records), …`, most frequent first, at most four.
    static func summary(_ counts: [String: Int]) -> String {
        let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var parts = sorted.prefix(4).map { "\($0.key) (\($0.value) record\($0.value == 1 ? "" : "s"))" }
        if sorted.count > 4 { parts.append("\(sorted.count - 4) other constraints") }
        return parts.joined(separator: ", ")
    }

    static func describeVirtuals(_ target: Target) -> String {
        var parts: [String] = []
        if target.isLinux { parts.append("__glibc \(target.glibc ?? "(not stated)")") }
        if target.isMacOS { parts.append("__osx \(target.macos ?? "(not stated)")") }
        if target.isWindows { parts.append("__win") }
        parts.append(target.cuda.map { "__cuda \($0)" } ?? "no __cuda (pass --cuda X.Y for a GPU target)")
        return parts.joined(separator: ", ")
    }
}
