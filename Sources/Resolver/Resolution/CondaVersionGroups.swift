import CondaPackaging
import PubGrub
import Registries

/// The candidates of one name grouped by version string, in ascending conda order: what an
/// explanation needs to write a set of candidates as version runs (`numpy >=1.13.1`). Built once
/// per name, since an explanation describes the same names' sets over and over.
struct CondaVersionGroups: Sendable {
    /// The group (index into `versions`) of each candidate.
    private let groupOf: [Int]
    /// Each group's version string and how many candidates it has, ascending.
    private let versions: [(text: String, total: Int)]
    private let builds: [String]

    init(_ records: [ChannelRecord]) {
        var byVersion: [String: (version: CondaVersion?, total: Int)] = [:]
        for record in records {
            byVersion[record.record.version, default: (record.record.parsedVersion, 0)].total += 1
        }
        let ascending = byVersion.sorted { a, b in
            if let x = a.value.version, let y = b.value.version, x != y { return x < y }
            return a.key < b.key
        }
        let position = Dictionary(uniqueKeysWithValues: ascending.enumerated().map { ($0.element.key, $0.offset) })
        groupOf = records.map { position[$0.record.version]! }
        versions = ascending.map { ($0.key, $0.value.total) }
        builds = records.map(\.record.build)
    }

    /// Version runs in ascending order (`numpy >=1.13.1`, `python ==3.6.5`); a set that covers only
    /// some builds of one version names them. Nil for the full set.
    func describe(_ set: CandidateSet, name: String) -> String? {
        if set.isFull { return nil }
        var members = [Int](repeating: 0, count: versions.count)
        let chosen = set.members
        for candidate in chosen where candidate < groupOf.count { members[groupOf[candidate]] += 1 }
        let covered = members.indices.filter { members[$0] > 0 }
        if covered.count == 1, members[covered[0]] < versions[covered[0]].total {
            let names = chosen.filter { $0 < builds.count }.map { builds[$0] }
            return "\(name) ==\(versions[covered[0]].text) (\(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? ", …" : ""))"
        }
        var runs: [String] = []
        var i = 0
        while i < versions.count {
            guard members[i] > 0 else { i += 1; continue }
            var j = i
            while j + 1 < versions.count, members[j + 1] > 0 { j += 1 }
            let low = versions[i].text, high = versions[j].text
            if i == j { runs.append("==\(low)") }
            else if i == 0 { runs.append("<=\(high)") }
            else if j == versions.count - 1 { runs.append(">=\(low)") }
            else { runs.append(">=\(low),<=\(high)") }
            i = j + 1
        }
        return "\(name) " + (runs.isEmpty ? "(no record)" : runs.joined(separator: " | "))
    }
}
