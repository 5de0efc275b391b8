import Checks
import Resolver
/// Compares a `check` report with the previous audit: which findings are new, which are
/// unchanged (keeping the date they were first seen), which were fixed.
package enum AuditDiff {
    /// This run's audit.
    ///
    /// - Parameters:
    ///   - generated: ISO-8601 UTC time of this run; its date is the first-seen date of new findings.
    ///   - previous: the previous audit; nil on a first run, where every finding is new.
    ///   - shard: for a sharded run, only the previous findings of specs in this shard are compared.
    package static func run(report: CheckReport, generated: String, previous: AuditRun?, shard: AuditShard? = nil,
                           unreadable: [AuditRun.UnreadableSpec] = []) -> AuditRun {
        let today = String(generated.prefix(10))
        guard let previous else {
            let history = report.specs.map { spec in
                spec.findings.map { _ in AuditRun.FindingHistory(firstSeen: today, isNew: true) }
            }
            return AuditRun(report: report, findingHistory: history, generated: generated, shard: shard, unreadable: unreadable)
        }

        // What the previous run knew, including what it could not verify (so an outage does
        // not reset first-seen dates), limited to this shard's specs.
        var earlier = previous.audited.map { AuditedFinding(spec: $0.spec.path, finding: $0.finding, firstSeen: $0.history.firstSeen) }
        earlier += previous.unverified
        if let shard { earlier = earlier.filter { shard.contains($0.spec) } }

        // A key may occur more than once (the same package on one line via two chains): match
        // occurrences in order. A merged finding (several packages or targets) stands for one
        // key per member, in either run: it is unchanged when some member was there before and
        // new when some member was not (something broke that did not); it keeps the earliest
        // first-seen date of the members that were there, as the cause is that old.
        var waiting: [FindingKey: [Int]] = [:]
        for (i, item) in earlier.enumerated() {
            for key in item.keys { waiting[key, default: []].append(i) }
        }
        var matched = [Bool](repeating: false, count: earlier.count)

        var history: [[AuditRun.FindingHistory]] = []
        for spec in report.specs {
            var row: [AuditRun.FindingHistory] = []
            for finding in spec.findings {
                var seen: [String] = []
                var allSeen = true
                for key in FindingKey.keys(spec: spec.path, finding: finding) {
                    if var queue = waiting[key], !queue.isEmpty {
                        let index = queue.removeFirst()
                        waiting[key] = queue
                        matched[index] = true
                        seen.append(earlier[index].firstSeen)
                    } else {
                        allSeen = false
                    }
                }
                row.append(seen.min().map { .init(firstSeen: $0, isNew: !allSeen) } ?? .init(firstSeen: today, isNew: true))
            }
            history.append(row)
        }

        // Gone findings of a spec whose verdicts are partly unknown today are not "fixed".
        var unknown = Set(unreadable.map(\.path))
        for spec in report.specs where spec.findings.contains(where: { $0.code == .sourceUnreachable }) {
            unknown.insert(spec.path)
        }
        var fixed: [AuditedFinding] = []
        var unverified: [AuditedFinding] = []
        for (i, item) in earlier.enumerated() where !matched[i] {
            if unknown.contains(item.spec) { unverified.append(item) } else { fixed.append(item) }
        }
        return AuditRun(report: report, findingHistory: history, fixed: fixed.sorted(by: AuditedFinding.precedes),
                        unverified: unverified.sorted(by: AuditedFinding.precedes),
                        generated: generated, previousGenerated: previous.generated, shard: shard, unreadable: unreadable)
    }
}
