import Checks
import Resolver
import Transport

/// What GitHub code scanning needs of a SARIF log beyond the format itself, so that alerts are
/// tracked from one upload to the next rather than closed and reopened.
///
/// **One run per target.** Code scanning treats each `automationDetails.id` category as one
/// analysis configuration: an upload replaces the previous results *of that category*, and it
/// rejects an upload holding two runs of one tool with the same category. A target
/// (`py3.8 linux-64`) is preflight's configuration: each target gets its run, `preflight/py3.8-linux-64/`,
/// holding exactly what checking that target alone reports — its findings and the findings of
/// its specs that belong to no target (`pip-not-listed`, `invalid-spec`). So one job checking the
/// whole matrix and a matrix of jobs checking one target each upload the same categories with
/// the same results (switching between them closes and reopens nothing); a target whose
/// findings are all fixed still uploads its empty run, which is what closes its alerts; and a
/// target-less finding, having the same fingerprint in every run, is one alert seen in several
/// configurations, not one per target. A single run for the whole report would instead be
/// overwritten by the next job of a target matrix that uploads under the same category.
/// A report with no target at all is one run, `preflight/any-target/`.
///
/// **Fingerprints.** Without `partialFingerprints` GitHub hashes the text around the line, so
/// inserting a line above a requirement, or the same finding on two targets, confuses alerts.
/// preflight's fingerprint is a SHA-256 of what makes a finding the same finding — code, package,
/// requirement, target, file — and no line number.
package struct SARIFCodeScanning: Sendable {
    /// The first part of every run's category (`--sarif-category`, default `preflight`): two
    /// workflows that check different specs for the same target need different ones.
    package var category: String
    /// The checkout root (the CLI passes the working directory, which a GitHub job starts in
    /// `GITHUB_WORKSPACE`): absolute paths under it are reported relative to it.
    package var root: String?

    package init(category: String = "preflight", root: String? = nil) {
        self.category = category
        self.root = root
    }

    /// The key under `partialFingerprints`; versioned so a change of recipe is a new key, not
    /// a silent mismatch.
    package static let fingerprintKey = "preflightFinding/v1"

    /// The run id that names the target: `preflight/py3.8-linux-64/`; the trailing `/` says the
    /// whole id is the category (GitHub reads what follows the last `/` as the run's own id).
    package func automationID(for target: Target?) -> String {
        let trimmed = category.hasSuffix("/") ? String(category.dropLast()) : category
        return trimmed + "/" + (target.map(Self.targetKey) ?? "any-target") + "/"
    }

    /// `py3.8-linux-64`: the python and platform, which `--python` and `--platform` vary over,
    /// not the glibc or macOS floor, so that a changed default does not reopen every alert.
    static func targetKey(_ target: Target) -> String {
        "py\(target.python)-\(target.platform)"
    }

    /// The finding's fingerprint, hex SHA-256. A finding with neither package nor requirement
    /// (a conflict, a broken line) is told apart by the requirements it involves, else its message.
    package static func fingerprint(_ f: Finding, path: String) -> String {
        var parts = [f.code.rawValue, f.package ?? "", f.requirement ?? "", f.target.map(targetKey) ?? "", path]
        if f.package == nil, f.requirement == nil {
            let involved = f.related.map(\.requirement)
            parts.append(involved.isEmpty ? f.message : involved.joined(separator: "\n"))
        }
        // NUL cannot occur in any part that came from a text file, so the join is unambiguous.
        return SHA256Digest.hex(parts.joined(separator: "\u{0}"))
    }

    /// The findings grouped into runs: one per target, in the order the specs name them (and
    /// any target only a finding names), each with its findings and its specs' target-less
    /// findings in report order; a target-less finding of a spec without targets is in every run.
    func runs(_ report: CheckReport) -> [(target: Target?, findings: [Finding])] {
        var keys: [String] = []
        var targets: [String: Target] = [:]
        func note(_ target: Target) {
            let key = Self.targetKey(target)
            if targets[key] == nil { keys.append(key); targets[key] = target }
        }
        for spec in report.specs {
            spec.targets.forEach(note)
            spec.findings.compactMap(\.target).forEach(note)
        }
        guard !keys.isEmpty else { return [(nil, report.specs.flatMap(\.findings))] }
        return keys.map { key in
            let findings = report.specs.flatMap { spec in
                let specKeys = Set(spec.targets.map(Self.targetKey))
                return spec.findings.compactMap { f -> Finding? in
                    // A finding merged over several targets is in the run of each, stated for
                    // that run's target: its alert there keeps the fingerprint it had unmerged.
                    if let target = (f.targets.isEmpty ? [f.target].compactMap { $0 } : f.targets)
                        .first(where: { Self.targetKey($0) == key }) {
                        var stated = f
                        stated.target = target
                        return stated
                    }
                    return f.target == nil && (specKeys.isEmpty || specKeys.contains(key)) ? f : nil
                }
            }
            return (targets[key], findings)
        }
    }
}
