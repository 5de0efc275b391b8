import Checks
/// How one spec's findings, gathered over every requirement and target, become one finding
/// per problem. A reader acts on causes: twenty copies of "the channel is down" or of the same
/// verdict once per target bury the one line that needs a fix, and counting them inflates
/// every summary. Each step keeps the first copy (its `package`, `target`, line) so that what a
/// single finding said before reads the same, and records what it absorbed in `packages`,
/// `lines`, `targets` or `unknownPackages`.
package enum FindingFolding {
    /// The steps in order: unreachable sources, exact repeats, floods, then target matrices
    /// (a flood is folded per target first, so that its targets can then merge too).
    package static func folded(_ findings: [Finding]) -> [Finding] {
        acrossTargets(FloodFolding.folded(withoutRepeats(unreachablePerSource(findings))))
    }

    /// One `source-unreachable` per source (`UnreachableSource`): it is one outage whatever
    /// needed the source, so its copies are folded into the first, which lists every package
    /// whose verdict they left unknown.
    static func unreachablePerSource(_ findings: [Finding]) -> [Finding] {
        fold(findings, minimum: 1, key: { f in
            f.code == .sourceUnreachable ? UnreachableSource.key(of: f) : nil
        }, merge: { group in
            var kept = group[0]
            kept.unknownPackages = FloodFolding.distinct(group.flatMap(\.unknownVerdicts))
            kept.message = UnknownVerdictsTail.message(kept.message, packages: kept.unknownPackages)
            return kept
        })
    }

    /// The same finding twice for one line, package, chain and target (two checks that reach
    /// one verdict): once.
    static func withoutRepeats(_ findings: [Finding]) -> [Finding] {
        fold(findings, minimum: 2, key: { f in
            "\(f.code.rawValue)|\(f.path)|\(f.line ?? 0)|\(f.column ?? 0)|\(f.package ?? "")|\(f.target?.description ?? "")|\(f.via)"
        }, merge: { $0[0] })
    }

    /// Findings identical in everything but their target, once, with every target: a matrix
    /// checks one spec several times, and a problem on every target is still one problem. A
    /// message that names its target (`… for py3.8 linux-64 glibc 2.28: …`) counts as identical
    /// when only that name differs, and then names them all.
    static func acrossTargets(_ findings: [Finding]) -> [Finding] {
        fold(findings, minimum: 2, key: { f -> Finding? in
            guard let target = f.target, f.targets.isEmpty else { return nil }
            var bare = f
            bare.target = nil
            bare.message = f.message.replacingOccurrences(of: target.description, with: "\u{0}")
            return bare
        }, merge: { group in
            var kept = group[0]
            kept.targets = FloodFolding.distinct(group.compactMap(\.target))
            if let first = kept.target {
                kept.message = kept.message.replacingOccurrences(of: first.description, with: kept.targets.map(\.description).joined(separator: ", "))
            }
            return kept
        })
    }

    /// `findings` in order, each group of at least `minimum` that shares a key replaced, where its
    /// first member was, by `merge` of the group.
    static func fold<Key: Hashable>(_ findings: [Finding], minimum: Int, key: (Finding) -> Key?,
                                    merge: ([Finding]) -> Finding) -> [Finding] {
        let keys = findings.map(key)
        var groups: [Key: [Int]] = [:]
        for (i, k) in keys.enumerated() { if let k { groups[k, default: []].append(i) } }
        var out: [Finding] = []
        for (i, finding) in findings.enumerated() {
            guard let k = keys[i], let members = groups[k], members.count >= minimum else {
                out.append(finding)
                continue
            }
            if members[0] == i { out.append(merge(members.map { findings[$0] })) }
        }
        return out
    }
}
