import Checks
import Resolver
/// One audit: the `check` report over every spec, and what the audit adds to it — when each
/// finding was first seen, whether it is new since the previous run, what was fixed.
package struct AuditRun: Sendable {
    /// A finding's place in the audit history.
    package struct FindingHistory: Sendable, Equatable {
        /// ISO-8601 date (`2024-05-01`) of the first audit that had the finding.
        package var firstSeen: String
        /// Not in the previous run (every finding is new on a first run).
        package var isNew: Bool

        package init(firstSeen: String, isNew: Bool) {
            self.firstSeen = firstSeen
            self.isNew = isNew
        }
    }

    /// A spec named on the command line that could not be read at all (exit 2).
    package struct UnreadableSpec: Sendable, Equatable {
        package var path: String
        package var message: String

        package init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    package var report: CheckReport
    /// Per spec of `report`, per finding of that spec, in the same order.
    package var findingHistory: [[FindingHistory]]
    /// Findings of the previous run that are gone.
    package var fixed: [AuditedFinding]
    /// Findings of the previous run that are gone from a spec whose sources could not all be
    /// reached today (or which could not be read): not counted as fixed, and remembered so
    /// that their first-seen date survives the outage.
    package var unverified: [AuditedFinding]
    /// ISO-8601 UTC time of this run (`2024-05-01T02:00:00Z`).
    package var generated: String
    /// `generated` of the run compared with; nil on a first run.
    package var previousGenerated: String?
    /// Set when this run is one shard of a sharded audit.
    package var shard: AuditShard?
    package var unreadable: [UnreadableSpec]

    package init(report: CheckReport, findingHistory: [[FindingHistory]], fixed: [AuditedFinding] = [],
                unverified: [AuditedFinding] = [], generated: String, previousGenerated: String? = nil,
                shard: AuditShard? = nil, unreadable: [UnreadableSpec] = []) {
        self.report = report
        self.findingHistory = findingHistory
        self.fixed = fixed
        self.unverified = unverified
        self.generated = generated
        self.previousGenerated = previousGenerated
        self.shard = shard
        self.unreadable = unreadable
    }

    /// The date part of `generated`: what new findings get as their first-seen date.
    package var date: String { String(generated.prefix(10)) }

    /// Every finding with its spec and history, in report order.
    package var audited: [(spec: SpecReport, finding: Finding, history: FindingHistory)] {
        var out: [(SpecReport, Finding, FindingHistory)] = []
        for (i, spec) in report.specs.enumerated() {
            for (j, finding) in spec.findings.enumerated() {
                let history = i < findingHistory.count && j < findingHistory[i].count
                    ? findingHistory[i][j] : FindingHistory(firstSeen: date, isNew: true)
                out.append((spec, finding, history))
            }
        }
        return out
    }

    /// Findings new since the previous run (all of them on a first run).
    package var newFindings: [(spec: SpecReport, finding: Finding, history: FindingHistory)] {
        audited.filter { $0.history.isNew }
    }

    package var counts: AuditCounts {
        let all = audited
        let new = all.filter { $0.history.isNew }
        return AuditCounts(
            errors: report.errors, warnings: report.warnings,
            infos: all.filter { $0.finding.severity == .info }.count,
            specs: report.specs.count,
            new: new.count, newErrors: new.filter { $0.finding.severity == .error }.count,
            fixed: fixed.count, unchanged: all.count - new.count, unverified: unverified.count,
            goneWithSpec: goneWithSpec.count,
            unknownErrors: all.filter { $0.finding.severity == .error && $0.finding.isUnknownVerdict }.count)
    }

    /// `2` when a named spec could not be read; else `1` when errors appeared that the previous
    /// run did not have (on a first run every error is new); `3` when the only new errors are
    /// unreachable sources; `0` otherwise.
    package var exitStatus: Int32 {
        if !unreadable.isEmpty { return 2 }
        let newErrors = newFindings.map(\.finding).filter { $0.severity == .error }
        if newErrors.isEmpty { return 0 }
        return newErrors.allSatisfy { $0.code == .sourceUnreachable } ? 3 : 1
    }
}

extension AuditRun {
    /// The paths of this run's specs.
    var presentSpecs: Set<String> { Set(report.specs.map(\.path)) }

    /// Findings of the previous run that are gone from a spec still audited today: really fixed.
    package var fixedInPresentSpecs: [AuditedFinding] {
        let present = presentSpecs
        return fixed.filter { present.contains($0.spec) }
    }

    /// Findings of the previous run whose spec is no longer audited (deleted, moved, excluded):
    /// gone with the spec, not fixed. `report.json` keeps them in `fixed_findings` (readers of
    /// older reports keep working); the reports for people list them apart.
    package var goneWithSpec: [AuditedFinding] {
        let present = presentSpecs
        return fixed.filter { !present.contains($0.spec) }
    }

    /// The specs of the previous run that are gone today, in order.
    package var removedSpecs: [String] {
        var seen = Set<String>()
        return goneWithSpec.map(\.spec).filter { seen.insert($0).inserted }
    }
}

extension Finding {
    /// A finding that says the verdict is unknown (an index or channel down, a resolution
    /// stopped at its limit) rather than that something is wrong with the spec.
    package var isUnknownVerdict: Bool {
        code == .sourceUnreachable || code == .resolutionTooComplex
    }
}
