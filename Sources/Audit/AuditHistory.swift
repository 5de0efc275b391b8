import Resolver
/// The counts of past audits (`history.json` in the output directory), for the trend chart.
/// Each run copies the previous run's history and appends itself.
package struct AuditHistory: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        /// ISO-8601 UTC time of the run.
        package var generated: String
        package var specs: Int
        package var errors: Int
        package var warnings: Int
        package var new: Int
        /// Fixed in specs still audited (findings gone with a removed spec are not counted).
        package var fixed: Int
        /// Of `errors`, the unreachable sources: unknown verdicts, charted apart from errors to fix.
        /// 0 in entries written before it was recorded.
        package var unknown: Int
        /// Set for a shard's own entry; `audit merge` keeps only whole-audit entries.
        package var shard: String?

        package init(generated: String, specs: Int, errors: Int, warnings: Int, new: Int, fixed: Int, unknown: Int = 0,
                    shard: String? = nil) {
            self.generated = generated
            self.unknown = unknown
            self.specs = specs
            self.errors = errors
            self.warnings = warnings
            self.new = new
            self.fixed = fixed
            self.shard = shard
        }

        package init(run: AuditRun) {
            let counts = run.counts
            self.init(generated: run.generated, specs: counts.specs, errors: counts.errors, warnings: counts.warnings,
                      new: counts.new, fixed: counts.reallyFixed, unknown: counts.unknownErrors, shard: run.shard?.description)
        }

        /// Errors that need a fix in a spec (not an outage).
        package var errorsToFix: Int { errors - unknown }
    }

    /// Oldest first.
    package var entries: [Entry]

    /// How many runs are kept (a nightly audit: more than a year).
    package static let limit = 400

    package init(entries: [Entry] = []) { self.entries = entries }

    /// This history with `entry` added at the end (replacing an entry of the same time, so a
    /// re-rendered run does not count twice), the oldest dropped beyond `limit`.
    package func appending(_ entry: Entry) -> AuditHistory {
        var kept = entries.filter { !($0.generated == entry.generated && $0.shard == entry.shard) }
        kept.append(entry)
        kept.sort { $0.generated < $1.generated }
        return AuditHistory(entries: Array(kept.suffix(Self.limit)))
    }

    /// The entries of whole audits (unsharded or merged), without shards' own.
    package var wholeAudits: AuditHistory {
        AuditHistory(entries: entries.filter { $0.shard == nil })
    }
}
