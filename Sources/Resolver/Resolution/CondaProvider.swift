import Checks
import CondaPackaging
import Foundation
import PubGrub
import Registries
import Transport

/// A node of the conda solve: the environment itself, or a package name (virtual packages such
/// as `__glibc` are names too, with the target's one record).
enum CondaPackage: Hashable, Sendable {
    case root
    case name(String)
}

/// The conda side of an environment as a PubGrub provider for one target: candidates are the
/// records of a name in the target subdir and `noarch`, ordered as conda and mamba prefer them
/// (no tracked features first, then newest version, highest build number, newest build), from the
/// first channel that has the name under strict priority or from every channel under flexible.
final class CondaProvider: LoadingProvider, @unchecked Sendable {
    typealias Package = CondaPackage

    struct RootRequirement: Sendable {
        var spec: MatchSpec
        var label: String
        var isConstraint = false
    }

    let store: CondaRepodataStore
    let channels: [CondaChannel]
    let target: Target
    let strictPriority: Bool
    /// Channel rank before version (conda's flexible priority); otherwise the newest version wins.
    let channelFirst: Bool
    let roots: [RootRequirement]
    /// The target's virtual packages by name.
    let virtuals: [String: PackageRecord]

    /// A name's records in preference order (none: no channel has it, or the load failed).
    private let candidates: Memo<String, [ChannelRecord]>
    /// A dependency string parsed (nil: not a MatchSpec).
    private let specs: Memo<String, MatchSpec?>
    /// `name` U+0001 `spec` → the records the spec allows.
    private let allowedMemo: Memo<String, CandidateSet>
    private let versionGroups: Memo<String, CondaVersionGroups>
    private let lock = NSLock()
    // Guarded by `lock`.
    private var prefetched = Set<String>()
    /// Set before the failed load's (empty) candidates are kept: see `restarted`.
    private(set) var unreachable: String?

    convenience init(store: CondaRepodataStore, channels: [CondaChannel], target: Target, strictPriority: Bool, channelFirst: Bool,
                     roots: [RootRequirement]) {
        self.init(store: store, channels: channels, target: target, strictPriority: strictPriority, channelFirst: channelFirst,
                  roots: roots, candidates: Memo(), specs: Memo(), allowedMemo: Memo(), versionGroups: Memo())
    }

    private init(store: CondaRepodataStore, channels: [CondaChannel], target: Target, strictPriority: Bool, channelFirst: Bool,
                 roots: [RootRequirement], candidates: Memo<String, [ChannelRecord]>, specs: Memo<String, MatchSpec?>,
                 allowedMemo: Memo<String, CandidateSet>, versionGroups: Memo<String, CondaVersionGroups>) {
        self.candidates = candidates
        self.specs = specs
        self.allowedMemo = allowedMemo
        self.versionGroups = versionGroups
        self.store = store
        self.channels = channels
        self.target = target
        self.strictPriority = strictPriority
        self.channelFirst = channelFirst
        self.roots = roots
        var virtuals: [String: PackageRecord] = [:]
        for package in VirtualPackage.forTarget(subdir: target.platform, glibc: target.glibc, macos: target.macos,
                                                cuda: target.cuda, archspec: nil) {
            virtuals[package.name] = package.record
        }
        self.virtuals = virtuals
        let channel = CondaChannel(url: "virtual")
        virtualRecords = virtuals.mapValues { [ChannelRecord(record: $0, channel: channel, subdir: target.platform, url: "")] }
    }

    /// The same solve over other roots (the solve again without the lines that cannot install on
    /// their own): the names loaded so far are kept, in preference order, with what was worked
    /// out from them. The solver pauses for whatever is not loaded, so this changes no answer.
    /// After a failed load nothing is kept, and the new solve asks the channels again.
    func restarted(roots: [RootRequirement]) -> CondaProvider {
        // Under the lock: a load that fails meanwhile records that before it keeps its empty
        // candidates, so none of those is copied. What is worked out from the candidates is
        // copied before them, so each copied answer has its records in the copy.
        lock.withLock {
            guard unreachable == nil else {
                return CondaProvider(store: store, channels: channels, target: target, strictPriority: strictPriority,
                                     channelFirst: channelFirst, roots: roots)
            }
            let allowed = Memo(copying: allowedMemo), groups = Memo(copying: versionGroups), parsed = Memo(copying: specs)
            return CondaProvider(store: store, channels: channels, target: target, strictPriority: strictPriority,
                                 channelFirst: channelFirst, roots: roots, candidates: Memo(copying: candidates),
                                 specs: parsed, allowedMemo: allowed, versionGroups: groups)
        }
    }

    /// The virtual packages as one-record candidate lists, made once (dependencies on them are everywhere).
    private let virtualRecords: [String: [ChannelRecord]]

    static func isVirtual(_ name: String) -> Bool { name.hasPrefix("__") }

    func records(_ name: String) -> [ChannelRecord]? {
        if Self.isVirtual(name) { return virtualRecords[name] ?? [] }
        return candidates[name]
    }

    // MARK: - What the solver asks

    func candidateCount(of package: CondaPackage) -> Int? {
        guard case .name(let name) = package else { return 1 }
        return records(name)?.count
    }

    func unavailability(of package: CondaPackage, candidate: Int) -> String? { nil }

    func dependencies(of package: CondaPackage, candidate: Int) -> [Dependency<CondaPackage>]? {
        switch package {
        case .root:
            var out: [Dependency<CondaPackage>] = []
            for root in roots {
                guard let edge = edge(root.spec, label: root.label, isConstraint: root.isConstraint) else { return nil }
                out += edge
            }
            // The target's virtual packages are always there, so a record's `constrains` on them applies.
            for name in virtuals.keys.sorted() {
                out.append(Dependency(package: .name(name), allowed: .full(1), label: "\(name) (the target)"))
            }
            return out
        case .name(let name):
            guard let record = records(name)?[candidate].record else { return nil }
            var out: [Dependency<CondaPackage>] = []
            for (texts, isConstraint) in [(record.depends, false), (record.constrains, true)] {
                for text in texts {
                    guard let spec = parsed(text) else { continue }
                    guard let edge = edge(spec, label: text, isConstraint: isConstraint) else { return nil }
                    out += edge
                }
            }
            return out
        }
    }

    /// A MatchSpec as an edge to the name it selects; nil while that name's records are not loaded.
    private func edge(_ spec: MatchSpec, label: String, isConstraint: Bool) -> [Dependency<CondaPackage>]? {
        guard let name = spec.name else { return [] }  // a name pattern selects no one package
        guard let all = records(name) else { return nil }
        // Records of a channel repeat the same few dependency strings thousands of times.
        let key = name + "\u{1}" + spec.description
        let allowed = allowedMemo.value(for: key) {
            CandidateSet(universe: all.count, members: all.indices.filter { Self.matches(spec, all[$0]) })
        }
        return [Dependency(package: .name(name), allowed: allowed, label: label, isConstraint: isConstraint)]
    }

    /// A MatchSpec against a record from a channel: `conda-forge::numpy` also names the channel.
    static func matches(_ spec: MatchSpec, _ record: ChannelRecord) -> Bool {
        if let channel = spec.channel, channel != record.channel.name, channel != record.channel.url { return false }
        if let subdir = spec.subdir, subdir != record.subdir { return false }
        return spec.matches(record.record)
    }

    private func parsed(_ text: String) -> MatchSpec? {
        specs.value(for: text) { try? MatchSpec(text) }
    }

    /// conda's own words: a record "requires" a spec, and a spec no record matches is one "nothing provides".
    var vocabulary: Vocabulary {
        Vocabulary(dependsOn: "requires", missing: { who, label, _ in "\(who) \(label), but nothing provides \(label)" })
    }

    func name(of package: CondaPackage) -> String {
        guard case .name(let name) = package else { return "your environment" }
        return name
    }

    /// Version runs in ascending order (`numpy >=1.13.1`, `python ==3.6.5`); see `CondaVersionGroups`.
    func describe(_ package: CondaPackage, _ set: CandidateSet) -> String? {
        guard case .name(let name) = package, let all = records(name) else { return nil }
        if set.isFull { return nil }
        return versionGroups.value(for: name) { CondaVersionGroups(all) }.describe(set, name: name)
    }

    // MARK: - Loading

    func loadCandidates(of package: CondaPackage) async {
        guard case .name(let name) = package else { return }
        await loadName(name)
    }

    func loadName(_ name: String) async {
        if Self.isVirtual(name) || candidates[name] != nil { return }
        var found: [ChannelRecord] = []
        do {
            found = try await store.records(named: [name], channels: channels, target: target)
        } catch {
            lock.withLock { if unreachable == nil { unreachable = "\(error)" } }
        }
        let ordered = Self.preferenceOrder(found, channels: channels, strict: strictPriority, channelFirst: channelFirst)
        candidates.keep(ordered, for: name)
    }

    /// Strict priority keeps only the records of the first channel that has the name at all.
    static func preferenceOrder(_ records: [ChannelRecord], channels: [CondaChannel], strict: Bool, channelFirst: Bool) -> [ChannelRecord] {
        var ranks: [CondaChannel: Int] = [:]
        for (i, channel) in channels.enumerated() where ranks[channel] == nil { ranks[channel] = i }
        var pool = records
        if strict, let top = pool.map({ ranks[$0.channel] ?? channels.count }).min() {
            pool = pool.filter { (ranks[$0.channel] ?? channels.count) == top }
        }
        // Sorted by keys taken once: comparing the records themselves copies them at every step.
        // Versions become ranks (equal versions, like `1.0` and `1.0.0`, share one), compared
        // as integers: a name has thousands of records but only some hundred versions.
        struct Key {
            var rank: Int, tracked: Bool, version: Int, build: UInt64, timestamp: Int64
        }
        let versionRank = Self.versionRanks(pool)
        let keys = pool.map { r in
            Key(rank: ranks[r.channel] ?? channels.count, tracked: !r.record.trackFeatures.isEmpty,
                version: versionRank[r.record.version] ?? -1, build: r.record.buildNumber, timestamp: r.record.timestamp ?? 0)
        }
        let order = keys.indices.sorted { i, j in
            let (a, b) = (keys[i], keys[j])
            if channelFirst, a.rank != b.rank { return a.rank < b.rank }
            if a.tracked != b.tracked { return !a.tracked }
            if a.version >= 0, b.version >= 0, a.version != b.version { return a.version > b.version }
            if a.build != b.build { return a.build > b.build }
            if a.timestamp != b.timestamp { return a.timestamp > b.timestamp }
            if a.rank != b.rank { return a.rank < b.rank }
            return pool[i].record.fileName < pool[j].record.fileName
        }
        return order.map { pool[$0] }
    }

    /// Each valid version string's place in ascending conda order; versions that compare equal
    /// share a place. Invalid versions have none.
    private static func versionRanks(_ records: [ChannelRecord]) -> [String: Int] {
        var parsed: [String: CondaVersion] = [:]
        for record in records where parsed[record.record.version] == nil {
            if let version = record.record.parsedVersion { parsed[record.record.version] = version }
        }
        let ascending = parsed.sorted { $0.value < $1.value }
        var ranks: [String: Int] = [:]
        var rank = 0
        for (i, entry) in ascending.enumerated() {
            if i > 0, ascending[i - 1].value != entry.value { rank += 1 }
            ranks[entry.key] = rank
        }
        return ranks
    }

    func loadRoot() async {
        await withTaskGroup(of: Void.self) { group in
            for root in roots { group.addTask { await self.expand(root.spec) } }
            // Whatever the records ask of the target is looked up with them.
        }
    }

    func load(_ package: CondaPackage, candidate: Int) async {
        guard case .name(let name) = package else { return await loadRoot() }
        await prefetch(name, candidate)
    }

    /// A spec's name, and below its most preferred matching record, everything that one needs.
    private func expand(_ spec: MatchSpec) async {
        guard let name = spec.name else { return }
        await loadName(name)
        guard let all = records(name), let first = all.indices.first(where: { Self.matches(spec, all[$0]) }) else { return }
        await prefetch(name, first)
    }

    private func prefetch(_ name: String, _ candidate: Int) async {
        guard let record = records(name)?[candidate] else { return }
        let key = "\(name) \(candidate)"
        guard lock.withLock({ prefetched.insert(key).inserted }) else { return }
        await withTaskGroup(of: Void.self) { group in
            for text in record.record.depends {
                if let spec = parsed(text) { group.addTask { await self.expand(spec) } }
            }
            for text in record.record.constrains {
                if let name = parsed(text)?.name { group.addTask { await self.loadName(name) } }
            }
        }
    }
}
