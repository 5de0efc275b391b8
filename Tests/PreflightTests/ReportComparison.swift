import Foundation

/// Comparing an audit's `report.json` with `check --format json`: the audit's report is the check
/// JSON plus `first_seen` and `new` on every finding and a top-level `audit` object.
enum ReportComparison {
    /// A JSON value with the audit's additions taken out.
    static func withoutAuditFields(_ value: Any) -> Any {
        if var object = value as? [String: Any] {
            for key in ["first_seen", "new", "audit"] { object.removeValue(forKey: key) }
            return object.mapValues(withoutAuditFields)
        }
        if let array = value as? [Any] { return array.map(withoutAuditFields) }
        return value
    }

    /// The value as JSON text with sorted keys, for equality.
    static func canonical(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }
}
