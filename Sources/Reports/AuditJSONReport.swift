import Audit
import Resolver

/// `report.json` of an audit: the `check` JSON object, unchanged in shape, with `first_seen`
/// and `new` on every finding and a top-level `audit` object:
///
/// ```json
/// "audit": {
///   "generated": "2024-05-02T02:00:00Z", "previous": "2024-05-01T02:00:00Z", "shard": null,
///   "new": 1, "new_errors": 1, "fixed": 2, "unchanged": 7, "unverified": 0,
///   "fixed_findings": [{"spec": "env/conda.yaml", "severity": "error", …, "first_seen": "2024-04-20"}],
///   "unverified_findings": [],
///   "unreadable": [{"path": "x.yml", "message": "…"}]
/// }
/// ```
///
/// `previous` is null on a first run; `shard` is `"K/N"` for one shard of a sharded audit.
/// `history.json` holds the counts of past runs: `{"version": 1, "runs": [{"generated", "specs",
/// "errors", "warnings", "new", "fixed", "unknown", "shard"?}]}` (`unknown`: of the errors, the
/// unreachable sources).
package enum AuditJSONReport {
    package static let historyFormatVersion = 1

    package static func json(_ run: AuditRun) -> JSONValue {
        var historyBySpec: [Int: [AuditRun.FindingHistory]] = [:]
        for (i, row) in run.findingHistory.enumerated() { historyBySpec[i] = row }
        // The hook gets (spec, finding) in report order; count findings per spec to know which
        // one it is (spec paths are unique in an audit).
        var cursor: [String: Int] = [:]
        let specIndex = Dictionary(run.report.specs.enumerated().map { ($0.element.path, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let base = CheckJSONReport.json(run.report) { spec, _ in
            guard let i = specIndex[spec.path] else { return [] }
            let j = cursor[spec.path, default: 0]
            cursor[spec.path] = j + 1
            let row = historyBySpec[i] ?? []
            let history = j < row.count ? row[j] : AuditRun.FindingHistory(firstSeen: run.date, isNew: true)
            return [("first_seen", .string(history.firstSeen)), ("new", .bool(history.isNew))]
        }
        guard case .object(var fields) = base else { return base }
        fields.append(("audit", auditJSON(run)))
        return .object(fields)
    }

    static func auditJSON(_ run: AuditRun) -> JSONValue {
        let counts = run.counts
        return .object([
            ("generated", .string(run.generated)),
            ("previous", run.previousGenerated.map(JSONValue.string) ?? .null),
            ("shard", run.shard.map { .string($0.description) } ?? .null),
            ("new", .int(counts.new)),
            ("new_errors", .int(counts.newErrors)),
            ("fixed", .int(counts.fixed)),
            ("unchanged", .int(counts.unchanged)),
            ("unverified", .int(counts.unverified)),
            ("fixed_findings", .array(run.fixed.map(auditedFindingJSON))),
            ("unverified_findings", .array(run.unverified.map(auditedFindingJSON))),
            ("unreadable", .array(run.unreadable.map {
                .object([("path", .string($0.path)), ("message", .string($0.message))])
            })),
        ])
    }

    /// A finding that is no longer in the report: its spec first, then the finding's own fields.
    static func auditedFindingJSON(_ item: AuditedFinding) -> JSONValue {
        guard case .object(let fields) = CheckJSONReport.findingJSON(item.finding, specPath: item.spec) else { return .null }
        return .object([("spec", .string(item.spec))] + fields + [("first_seen", .string(item.firstSeen))])
    }

    package static func historyJSON(_ history: AuditHistory) -> JSONValue {
        .object([
            ("version", .int(historyFormatVersion)),
            ("runs", .array(history.entries.map { entry in
                var fields: [(String, JSONValue)] = [
                    ("generated", .string(entry.generated)),
                    ("specs", .int(entry.specs)),
                    ("errors", .int(entry.errors)),
                    ("warnings", .int(entry.warnings)),
                    ("new", .int(entry.new)),
                    ("fixed", .int(entry.fixed)),
                    ("unknown", .int(entry.unknown)),
                ]
                if let shard = entry.shard { fields.append(("shard", .string(shard))) }
                return .object(fields)
            })),
        ])
    }
}
