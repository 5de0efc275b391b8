import CondaPackaging
import Foundation
import PubGrub
import Registries

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

    private let lock = NSLock()
    private var candidates: [String: [ChannelRecord]] = [:]
    private var specs: [String: MatchSpec?] = [:]
    private var allowedMemo: [String: CandidateSet] = [:]
    private var prefetched = Set<String>()
    private(set) var unreachable: String?

    init(store: CondaRepodataStore, channels: [CondaChannel], target: Target, strictPriority: Bool, channelFirst: Bool,
         roots: [RootRequirement]) {
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

    /// The virtual packages as one-record candidate lists, made once (dependencies on them are everywhere).
    private let virtualRecords: [String: [ChannelRecord]]

    static func isVirtual(_ name: String) -> Bool { name.hasPrefix("__") }

    func records(_ name: String) -> [ChannelRecord]? {
        if Self.isVirtual(name) { return virtualRecords[name] ?? [] }
        return lock.withLock { candidates[name] }
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
        let allowed: CandidateSet
        if let known = lock.withLock({ allowedMemo[key] }) {
            allowed = known
        } else {
            allowed = CandidateSet(universe: all.count, members: all.indices.filter { Self.matches(spec, all[$0]) })
            lock.withLock { allowedMemo[key] = allowed }
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
        if let known = lock.withLock({ specs[text] }) { return known }
        let spec = try? MatchSpec(text)
        lock.withLock { specs[text] = .some(spec) }
        return spec
    }

    /// conda's own words: a record "requires" a spec, and a spec no record matches is one "nothing provides".
    var vocabulary: Vocabulary {
        Vocabulary(dependsOn: "requires", missing: { who, label, _ in "\(who) \(label), but nothing provides \(label)" })
    }

    func name(of package: CondaPackage) -> String {
        guard case .name(let name) = package else { return "your environment" }
        return name
    }

    /// Version runs in ascending order (`numpy >=1.13.1`, `python ==3.6.5`); a set that covers only
    /// some builds of one version names them.
    func describe(_ package: CondaPackage, _ set: CandidateSet) -> String? {
        guard case .name(let name) = package, let all = records(name) else { return nil }
        if set.isFull { return nil }
        var byVersion: [String: (version: CondaVersion?, members: Int, total: Int)] = [:]
        for (i, record) in all.enumerated() {
            var entry = byVersion[record.record.version] ?? (record.record.parsedVersion, 0, 0)
            entry.total += 1
            if set.contains(i) { entry.members += 1 }
            byVersion[record.record.version] = entry
        }
        let ascending = byVersion.sorted { a, b in
            if let x = a.value.version, let y = b.value.version, x != y { return x < y }
            return a.key < b.key
        }
        let covered = ascending.filter { $0.value.members > 0 }
        if covered.count == 1, covered[0].value.members < covered[0].value.total {
            let builds = all.indices.filter(set.contains).map { all[$0].record.build }
            return "\(name) ==\(covered[0].key) (\(builds.prefix(3).joined(separator: ", "))\(builds.count > 3 ? ", …" : ""))"
        }
        var runs: [String] = []
        var i = 0
        while i < ascending.count {
            guard ascending[i].value.members > 0 else { i += 1; continue }
            var j = i
            while j + 1 < ascending.count, ascending[j + 1].value.members > 0 { j += 1 }
            let low = ascending[i].key, high = ascending[j].key
            if i == j { runs.append("==\(low)") }
            else if i == 0 { runs.append("<=\(high)") }
            else if j == ascending.count - 1 { runs.append(">=\(low)") }
            else { runs.append(">=\(low),<=\(high)") }
            i = j + 1
        }
        return "\(name) " + (runs.isEmpty ? "(no record)" : runs.joined(separator: " | "))
    }

    // MARK: - Loading

    func loadCandidates(of package: CondaPackage) async {
        guard case .name(let name) = package else { return }
        await loadName(name)
    }

    func loadName(_ name: String) async {
        if Self.isVirtual(name) || lock.withLock({ candidates[name] != nil }) { return }
        var found: [ChannelRecord] = []
        do {
            found = try await store.records(named: [name], channels: channels, target: target)
        } catch {
            lock.withLock { if unreachable == nil { unreachable = "\(error)" } }
        }
        let ordered = Self.preferenceOrder(found, channels: channels, strict: strictPriority, channelFirst: channelFirst)
        lock.withLock { if candidates[name] == nil { candidates[name] = ordered } }
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
        struct Key {
            var rank: Int, tracked: Bool, version: CondaVersion?, build: UInt64, timestamp: Int64, file: String
        }
        let keys = pool.map { r in
            Key(rank: ranks[r.channel] ?? channels.count, tracked: !r.record.trackFeatures.isEmpty, version: r.record.parsedVersion,
                build: r.record.buildNumber, timestamp: r.record.timestamp ?? 0, file: r.record.fileName)
        }
        let order = keys.indices.sorted { i, j in
            let (a, b) = (keys[i], keys[j])
            if channelFirst, a.rank != b.rank { return a.rank < b.rank }
            if a.tracked != b.tracked { return !a.tracked }
            if let x = a.version, let y = b.version, x != y { return x > y }
            if a.build != b.build { return a.build > b.build }
            if a.timestamp != b.timestamp { return a.timestamp > b.timestamp }
            if a.rank != b.rank { return a.rank < b.rank }
            return a.file < b.file
        }
        return order.map { pool[$0] }
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
