import Checks
import Resolver
import Transport

/// `preflight check --format json`: one JSON object, the layout scripts and CI parse.
///
/// Keys come in a fixed order (readers diff reports as text). A finding that points into another file than its spec
/// (a `-r` include) also states `"path"`, placed just before `"line"` so that the location reads
/// path, line, column. Absent `source`, `package`, `requirement`, `line`, `column` and `target`
/// (a finding about the file itself, not about one target) are `null`.
package enum CheckJSONReport {
    /// The `version` of the object's layout.
    package static let formatVersion = 1

    /// The whole report. `extraFindingFields` appends fields to each finding object after the
    /// standard ones (the audit adds `first_seen` this way); it gets the spec and the finding.
    package static func json(
        _ report: CheckReport,
        extraFindingFields: ((SpecReport, Finding) -> [(String, JSONValue)])? = nil
    ) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("version", .int(formatVersion)),
            ("specs", .array(report.specs.map { spec in
                specJSON(spec) { finding in extraFindingFields?(spec, finding) ?? [] }
            })),
            ("summary", .object(summaryFields(report))),
        ]
        // Only when a file or variable chose something, so a plain run's object is unchanged.
        if !report.settings.isEmpty {
            fields.append(("settings", .object(report.settings.map { setting in
                (setting.name, .object([
                    ("value", .string(Redaction.stripCredentials(setting.value))),
                    ("source", .string(setting.source)),
                ]))
            })))
        }
        return .object(fields)
    }

    /// `errors` counts unreachable sources too (they are errors); `unknown` says how many of
    /// them there are, so a reader can tell an outage from errors to fix. It is left out when
    /// there are none, so a report without outages reads as it always has.
    static func summaryFields(_ report: CheckReport) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [
            ("errors", .int(report.errors)),
            ("warnings", .int(report.warnings)),
            ("specs", .int(report.specs.count)),
        ]
        if report.unreachableSources > 0 { fields.append(("unknown", .int(report.unreachableSources))) }
        return fields
    }

    /// One element of `specs`.
    package static func specJSON(
        _ spec: SpecReport, extraFindingFields: (Finding) -> [(String, JSONValue)] = { _ in [] }
    ) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("path", .string(spec.path)),
            ("kind", .string(spec.kind)),
            ("targets", .array(spec.targets.map(targetJSON))),
            ("findings", .array(spec.findings.map {
                findingJSON($0, specPath: spec.path, extraFields: extraFindingFields($0))
            })),
        ]
        if !spec.resolution.isEmpty { fields.append(("resolution", .array(spec.resolution.map(resolutionJSON)))) }
        return .object(fields)
    }

    /// One element of a spec's `resolution`: what would be installed on one target.
    package static func resolutionJSON(_ entry: ResolutionEntry) -> JSONValue {
        .object([
            ("target", targetJSON(entry.target)),
            ("status", .string(entry.status.rawValue)),
            ("packages", .array(entry.packages.map { package in
                var fields: [(String, JSONValue)] = [
                    ("name", .string(package.name)),
                    ("version", .string(package.version)),
                    ("source", .string(package.source)),
                    ("filename", string(package.filename)),
                ]
                if let channel = package.channel { fields.append(("channel", .string(channel))) }
                if let build = package.build { fields.append(("build", .string(build))) }
                return .object(fields)
            })),
        ])
    }

    /// One element of a spec's `findings`.
    package static func findingJSON(
        _ finding: Finding, specPath: String, extraFields: [(String, JSONValue)] = []
    ) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("severity", .string(finding.severity.rawValue)),
            ("code", .string(finding.code.rawValue)),
            ("source", string(finding.source)),
            ("package", string(finding.package)),
            ("requirement", string(finding.requirement)),
        ]
        if finding.path != specPath { fields.append(("path", .string(finding.path))) }
        fields += [
            ("line", finding.line.map(JSONValue.int) ?? .null),
            ("column", finding.column.map(JSONValue.int) ?? .null),
            ("target", finding.target.map(targetJSON) ?? .null),
            ("via", .strings(finding.via)),
            ("message", .string(finding.message)),
            ("suggestions", .strings(finding.suggestions)),
        ]
        if !finding.related.isEmpty {
            fields.append(("related", .array(finding.related.map { place in
                .object([
                    ("path", .string(place.path)),
                    ("line", .int(place.line)),
                    ("column", .int(place.column)),
                    ("requirement", .string(place.requirement)),
                ])
            })))
        }
        if !finding.unknownPackages.isEmpty { fields.append(("unknown_packages", .strings(finding.unknownPackages))) }
        if !finding.packages.isEmpty { fields.append(("packages", .strings(finding.packages))) }
        if !finding.lines.isEmpty { fields.append(("lines", .array(finding.lines.map(JSONValue.int)))) }
        if !finding.targets.isEmpty { fields.append(("targets", .array(finding.targets.map(targetJSON)))) }
        return .object(fields + extraFields)
    }

    /// A target object: python, platform, and glibc or macos, and cuda when given
    /// (`Target.reportedFields`; the same object `exists` prints).
    package static func targetJSON(_ target: Target) -> JSONValue {
        ExistsReport.targetJSON(target)
    }

    private static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}
