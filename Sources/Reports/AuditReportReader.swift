import Checks
import Foundation
import Audit
import Resolver

/// Reads back what `AuditJSONReport` wrote: a previous run's `report.json` (for the diff) or a
/// shard's (for `audit merge`), and `history.json`.
///
/// A plain `check --format json` object is accepted too (no `audit` object: every finding is
/// taken as first seen on the date the file was written, which the caller passes in).
package enum AuditReportReader {
    package struct Malformed: Error, CustomStringConvertible {
        package var path: String
        package var reason: String
        package var description: String { "\(path): \(reason)" }
    }

    /// - Parameter fallbackGenerated: the run time to assume when the file has no `audit` object.
    package static func run(fromFile path: String, fallbackGenerated: String) throws(Malformed) -> AuditRun {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Malformed(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try run(fromJSON: data, path: path, fallbackGenerated: fallbackGenerated)
    }

    package static func run(fromJSON data: Data, path: String, fallbackGenerated: String) throws(Malformed) -> AuditRun {
        func fail(_ reason: String) -> Malformed { Malformed(path: path, reason: reason) }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw fail("not a JSON object")
        }
        guard root["version"] as? Int == CheckJSONReport.formatVersion else {
            throw fail("not a preflight report (version \(String(describing: root["version"] ?? "missing")), expected \(CheckJSONReport.formatVersion))")
        }
        guard let specObjects = root["specs"] as? [[String: Any]] else { throw fail("no \"specs\" array") }
        let audit = root["audit"] as? [String: Any]
        let generated = (audit?["generated"] as? String) ?? fallbackGenerated
        let today = String(generated.prefix(10))

        var specs: [SpecReport] = []
        var history: [[AuditRun.FindingHistory]] = []
        for (i, object) in specObjects.enumerated() {
            guard let specPath = object["path"] as? String else { throw fail("specs[\(i)] has no path") }
            let kind = object["kind"] as? String ?? "unknown"
            let targets = (object["targets"] as? [[String: Any]] ?? []).compactMap(target)
            var findings: [Finding] = []
            var row: [AuditRun.FindingHistory] = []
            for findingObject in object["findings"] as? [[String: Any]] ?? [] {
                guard let finding = finding(findingObject, specPath: specPath) else { continue }
                findings.append(finding)
                let firstSeen = (findingObject["first_seen"] as? String).flatMap(validDate) ?? today
                row.append(.init(firstSeen: firstSeen, isNew: findingObject["new"] as? Bool ?? true))
            }
            let resolution = (object["resolution"] as? [[String: Any]] ?? []).compactMap(resolutionEntry)
            specs.append(SpecReport(path: specPath, kind: kind, targets: targets, findings: findings, resolution: resolution))
            history.append(row)
        }

        func audited(_ key: String) -> [AuditedFinding] {
            (audit?[key] as? [[String: Any]] ?? []).compactMap { object in
                guard let spec = object["spec"] as? String, let finding = finding(object, specPath: spec) else { return nil }
                return AuditedFinding(spec: spec, finding: finding,
                                      firstSeen: (object["first_seen"] as? String).flatMap(validDate) ?? today)
            }
        }
        let unreadable = (audit?["unreadable"] as? [[String: Any]] ?? []).compactMap { object -> AuditRun.UnreadableSpec? in
            guard let path = object["path"] as? String else { return nil }
            return .init(path: path, message: object["message"] as? String ?? "")
        }
        return AuditRun(report: CheckReport(specs: specs), findingHistory: history,
                        fixed: audited("fixed_findings"), unverified: audited("unverified_findings"),
                        generated: generated, previousGenerated: audit?["previous"] as? String,
                        shard: (audit?["shard"] as? String).flatMap(AuditShard.init(parsing:)),
                        unreadable: unreadable)
    }

    /// A finding object; nil for one this version does not know (an unknown code or severity).
    static func finding(_ object: [String: Any], specPath: String) -> Finding? {
        guard let severity = (object["severity"] as? String).flatMap(Finding.Severity.init(rawValue:)),
              let code = (object["code"] as? String).flatMap(FindingCode.init(rawValue:)) else { return nil }
        var finding = Finding(
            severity: severity, code: code,
            source: object["source"] as? String,
            package: object["package"] as? String,
            requirement: object["requirement"] as? String,
            path: object["path"] as? String ?? specPath,
            line: integer(object["line"]),
            column: integer(object["column"]),
            target: (object["target"] as? [String: Any]).flatMap(target),
            via: object["via"] as? [String] ?? [],
            message: object["message"] as? String ?? "",
            suggestions: object["suggestions"] as? [String] ?? [],
            related: (object["related"] as? [[String: Any]] ?? []).compactMap { place in
                guard let path = place["path"] as? String, let line = integer(place["line"]),
                      let column = integer(place["column"]) else { return nil }
                return RelatedLocation(path: path, line: line, column: column, requirement: place["requirement"] as? String ?? "")
            })
        finding.unknownPackages = object["unknown_packages"] as? [String] ?? []
        finding.packages = object["packages"] as? [String] ?? []
        finding.lines = (object["lines"] as? [Any] ?? []).compactMap(integer)
        finding.targets = (object["targets"] as? [[String: Any]] ?? []).compactMap(target)
        return finding
    }

    /// One element of a spec's `resolution`; nil when it is not one this version can read.
    static func resolutionEntry(_ object: [String: Any]) -> ResolutionEntry? {
        guard let target = (object["target"] as? [String: Any]).flatMap(target),
              let status = (object["status"] as? String).flatMap(ResolutionEntry.Status.init(rawValue:)) else { return nil }
        let packages = (object["packages"] as? [[String: Any]] ?? []).compactMap { package -> ResolutionEntry.Package? in
            guard let name = package["name"] as? String, let version = package["version"] as? String else { return nil }
            return ResolutionEntry.Package(name: name, version: version, source: package["source"] as? String ?? "pypi",
                                           filename: package["filename"] as? String, channel: package["channel"] as? String,
                                           build: package["build"] as? String)
        }
        return ResolutionEntry(target: target, status: status, packages: packages)
    }

    static func target(_ object: [String: Any]) -> Target? {
        guard let python = object["python"] as? String, let platform = object["platform"] as? String else { return nil }
        return Target(python: PythonVersion(python), platform: platform, glibc: object["glibc"] as? String,
                      macos: object["macos"] as? String, cuda: object["cuda"] as? String)
    }

    static func integer(_ value: Any?) -> Int? {
        value as? Int
    }

    /// `2024-05-01`, or nil when it is not a date (then the caller substitutes one).
    static func validDate(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        return digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) } ? text : nil
    }

    /// `history.json`; an empty history when the file is absent.
    package static func history(fromFile path: String) throws(Malformed) -> AuditHistory {
        guard FileManager.default.fileExists(atPath: path) else { return AuditHistory() }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
              let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let runs = root["runs"] as? [[String: Any]] else {
            throw Malformed(path: path, reason: "not an audit history (expected {\"version\": 1, \"runs\": [...]})")
        }
        let entries = runs.compactMap { run -> AuditHistory.Entry? in
            guard let generated = run["generated"] as? String else { return nil }
            return AuditHistory.Entry(
                generated: generated, specs: integer(run["specs"]) ?? 0, errors: integer(run["errors"]) ?? 0,
                warnings: integer(run["warnings"]) ?? 0, new: integer(run["new"]) ?? 0,
                fixed: integer(run["fixed"]) ?? 0, unknown: integer(run["unknown"]) ?? 0, shard: run["shard"] as? String)
        }
        return AuditHistory(entries: entries.sorted { $0.generated < $1.generated })
    }
}
