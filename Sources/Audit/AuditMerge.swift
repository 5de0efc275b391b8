import Checks
import Resolver
/// `preflight audit merge`: the shards of one audit as the single audit an unsharded run
/// would have written.
package enum AuditMerge {
    package struct Outcome: Sendable {
        package var run: AuditRun
        /// Things people should know (a shard missing or given twice, a spec in two shards).
        package var warnings: [String]
    }

    /// Specs are sorted by path as an unsharded run sorts them; each keeps its findings' history.
    /// The diff (fixed, unverified, previous run) is the union of the shards' own diffs, which
    /// is exact because each shard compared only its own specs.
    package static func merge(_ shards: [AuditRun]) -> Outcome {
        var warnings: [String] = []
        var specs: [(SpecReport, [AuditRun.FindingHistory])] = []
        var seenSpecs = Set<String>()
        for shard in shards {
            for (i, spec) in shard.report.specs.enumerated() {
                guard seenSpecs.insert(spec.path).inserted else {
                    warnings.append("\(spec.path) is in more than one shard; keeping the first")
                    continue
                }
                let history = i < shard.findingHistory.count ? shard.findingHistory[i]
                    : spec.findings.map { _ in AuditRun.FindingHistory(firstSeen: shard.date, isNew: true) }
                specs.append((spec, history))
            }
        }
        specs.sort { $0.0.path.utf8.lexicographicallyPrecedes($1.0.path.utf8) }

        let indices = shards.compactMap(\.shard)
        if let count = indices.first?.count {
            if indices.contains(where: { $0.count != count }) {
                warnings.append("the shards were cut differently: \(indices.map(\.description).joined(separator: ", "))")
            } else {
                let have = Set(indices.map(\.index))
                let missing = (1...count).filter { !have.contains($0) }
                if !missing.isEmpty {
                    warnings.append("shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) missing: the merged report covers only part of the specs")
                }
                if have.count < indices.count { warnings.append("a shard was given more than once") }
            }
        }
        let previous = Set(shards.compactMap(\.previousGenerated))
        if previous.count > 1 {
            warnings.append("the shards were compared with different previous runs: \(previous.sorted().joined(separator: ", "))")
        }

        let run = AuditRun(
            report: CheckReport(specs: specs.map(\.0)),
            findingHistory: specs.map(\.1),
            fixed: shards.flatMap(\.fixed).sorted(by: AuditedFinding.precedes),
            unverified: shards.flatMap(\.unverified).sorted(by: AuditedFinding.precedes),
            generated: shards.map(\.generated).max() ?? "",
            previousGenerated: previous.sorted().last,
            shard: nil,
            unreadable: shards.flatMap(\.unreadable))
        return Outcome(run: run, warnings: warnings)
    }
}
