import Checks
import Resolver

/// `preflight exists` output: the one JSON object scripts parse, or a verdict line and details for people.
package enum ExistsReport {
    package static func targetJSON(_ target: Target) -> JSONValue {
        .object(target.reportedFields.map { ($0.0, .string($0.1)) })
    }

    package static func json(_ a: Availability) -> JSONValue {
        .object([
            ("source", .string(a.source.rawValue)),
            ("requirement", .string(a.requirement)),
            ("name", .string(a.name)),
            ("target", targetJSON(a.target)),
            ("available", .bool(a.available)),
            ("status", .string(a.status.rawValue)),
            ("matching_versions", .strings(a.matchingVersions)),
            ("compatible_versions", .strings(a.compatibleVersions)),
            ("best", a.best.map { .object([("version", .string($0.version)), ("filename", .string($0.filename)), ("url", .string($0.url))]) } ?? .null),
            ("suggestions", .strings(a.suggestions)),
        ])
    }

    /// The same object when no verdict could be reached (exit 3: a source unreachable or
    /// answering garbage, or missing from the cache with --offline): `status` is `unknown` and
    /// `reason` says why, so a script reading stdout still gets its one object.
    package static func unknownJSON(source: String, requirement: String, name: String, target: Target, reason: String) -> JSONValue {
        .object([
            ("source", .string(source)),
            ("requirement", .string(requirement)),
            ("name", .string(name)),
            ("target", targetJSON(target)),
            ("available", .bool(false)),
            ("status", .string("unknown")),
            ("matching_versions", .strings([])),
            ("compatible_versions", .strings([])),
            ("best", .null),
            ("suggestions", .strings([])),
            ("reason", .string(reason)),
        ])
    }

    /// `unknownJSON` for every target: one object, or the matrix form with one per target.
    package static func unknownJSON(source: String, requirement: String, name: String, targets: [Target], reason: String) -> JSONValue {
        let objects = targets.map { unknownJSON(source: source, requirement: requirement, name: name, target: $0, reason: reason) }
        if objects.count == 1 { return objects[0] }
        return .object([
            ("source", .string(source)),
            ("requirement", .string(requirement)),
            ("name", .string(name)),
            ("available", .bool(false)),
            ("results", .array(objects)),
        ])
    }

    package static func text(_ a: Availability, style: TextStyle) -> String {
        var lines: [String] = []
        let verdict: String
        switch a.status {
        case .available:
            verdict = style.green("available") + ": \(a.name) \(a.best?.version ?? "") for \(a.target)"
        case .noSuchPackage:
            verdict = style.red("not available") + ": no package named \(a.name) (\(a.source.rawValue))"
        case .noMatchingVersion:
            verdict = style.red("not available") + ": \(a.name) exists, but no version matches \(a.requirement)"
        case .requiresPython:
            verdict = style.red("not available") + ": no matching version of \(a.name) supports Python \(a.target.python)"
        case .sdistOnly:
            verdict = style.yellow("not available") + ": \(a.name) has only a source distribution for \(a.target)"
        case .yanked:
            verdict = style.red("not available") + ": the matching files of \(a.name) are yanked"
        case .noCompatibleDistribution:
            verdict = style.red("not available") + ": \(a.name) has no distribution for \(a.target)"
        }
        lines.append(verdict)
        if let best = a.best { lines.append("  best: \(best.filename)") }
        if !a.matchingVersions.isEmpty {
            lines.append("  matching versions: \(abbreviated(a.matchingVersions))")
            lines.append("  compatible with the target: \(a.compatibleVersions.isEmpty ? "none" : abbreviated(a.compatibleVersions))")
        }
        for detail in a.details { lines.append("  " + detail) }
        for warning in a.warnings { lines.append("  " + style.yellow("warning: ") + warning) }
        if !a.suggestions.isEmpty { lines.append("  try: " + a.suggestions.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    static func abbreviated(_ versions: [String], keep: Int = 12) -> String {
        versions.count <= keep ? versions.joined(separator: ", ")
            : "\(versions.prefix(3).joined(separator: ", ")), … (\(versions.count - keep + 3) more), \(versions.suffix(keep - 3).joined(separator: ", "))"
    }
}

extension ExistsReport {
    /// A target matrix: still one JSON object, with one single-target answer object per target in `results`.
    package static func matrixJSON(_ results: [Availability]) -> JSONValue {
        .object([
            ("source", .string(results.first?.source.rawValue ?? "")),
            ("requirement", .string(results.first?.requirement ?? "")),
            ("name", .string(results.first?.name ?? "")),
            ("available", .bool(results.allSatisfy(\.available))),
            ("results", .array(results.map(json))),
        ])
    }
}
