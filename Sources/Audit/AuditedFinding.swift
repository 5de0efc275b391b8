import Checks
import Resolver
/// A finding together with the spec it belongs to and the date it was first seen: how the
/// audit remembers findings that are no longer in the report (fixed, or not verifiable today).
package struct AuditedFinding: Sendable {
    package var spec: String
    package var finding: Finding
    /// ISO-8601 date (`2024-05-01`) of the first audit that had it.
    package var firstSeen: String

    package init(spec: String, finding: Finding, firstSeen: String) {
        self.spec = spec
        self.finding = finding
        self.firstSeen = firstSeen
    }

    package var key: FindingKey { FindingKey(spec: spec, finding: finding) }
    /// Every key it stands for (`FindingKey.keys`), `key` first.
    package var keys: [FindingKey] { FindingKey.keys(spec: spec, finding: finding) }

    /// The order fixed and unverified findings are listed in: by spec, file, line, code, package, target.
    package static func precedes(_ a: AuditedFinding, _ b: AuditedFinding) -> Bool {
        let x = a.key, y = b.key
        return (x.spec, x.path, x.line, x.code, x.package, x.target) < (y.spec, y.path, y.line, y.code, y.package, y.target)
    }
}
