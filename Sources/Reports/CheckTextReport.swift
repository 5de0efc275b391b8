import Checks
import Resolver
import Transport

/// `preflight check` for people: findings grouped by spec, one compiler-style line each
/// (`path:line:column: severity[code]: message`) so editors and terminals link the location,
/// then the dependency chain, the target (in a target matrix) and what to try instead.
///
/// Text that comes from specs or indexes is printed with its control characters escaped,
/// so a hostile file name or message cannot move the cursor or recolour the terminal; the
/// continuation lines of a multi-line message are indented under it, so they cannot pass for
/// a finding of their own.
package enum CheckTextReport {
    /// The whole report: one block per spec, then the summary line; no trailing newline.
    package static func text(_ report: CheckReport, style: TextStyle) -> String {
        var blocks = report.specs.map { spec(in: $0, style: style) }
        if !report.settings.isEmpty { blocks.append(settingsLine(report.settings, style: style)) }
        blocks.append(summary(report, style: style))
        return blocks.joined(separator: "\n\n")
    }

    static func spec(in spec: SpecReport, style: TextStyle) -> String {
        // A spec whose verdicts are partly unknown says so in its headline, before its findings.
        let unknown = CheckReport(specs: [spec]).unreachablePhrase.map { "; " + $0 } ?? ""
        var lines = [
            style.bold(safe(spec.path)) + " (\(safe(spec.kind)))" + style.dim(", checked for \(safe(spec.targetsDescription))") + unknown,
        ]
        if spec.findings.isEmpty {
            lines.append("  " + style.green("no problems found"))
        }
        for finding in spec.findings {
            lines += self.finding(finding, statesTarget: spec.targets.count > 1, style: style)
        }
        return lines.joined(separator: "\n")
    }

    /// One line naming each configured setting's value and source, credentials removed.
    package static func settingsLine(_ settings: [ReportedSetting], style: TextStyle) -> String {
        style.dim("settings: " + settings.map { setting in
            safe("\(setting.name)=\(Redaction.stripCredentials(setting.value)) (\(setting.source))")
        }.joined(separator: ", "))
    }

    static func finding(_ f: Finding, statesTarget: Bool, style: TextStyle) -> [String] {
        let label: String
        switch f.severity {
        case .error: label = style.red("error[\(f.code.rawValue)]")
        case .warning: label = style.yellow("warning[\(f.code.rawValue)]")
        case .info: label = style.dim("info[\(f.code.rawValue)]")
        }
        if f.code == .unsatisfiable { return conflict(f, label: label, statesTarget: statesTarget, style: style) }
        let message = safe(f.message, multiline: true).split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n    ")
        var lines = [style.bold(safe(f.location) + ":") + " \(label): \(message)"]
        if !f.chain.isEmpty { lines.append("    via: " + f.chain.map { safe($0) }.joined(separator: " → ")) }
        if statesTarget, let targets = f.targetsText { lines.append("    for: " + safe(targets)) }
        if !f.suggestions.isEmpty { lines.append("    try: " + f.suggestions.map { safe($0) }.joined(separator: ", ")) }
        return lines
    }

    /// A conflict reads as uv prints one: a headline, the reasoning hung under it, then the
    /// spec lines it involves and what would resolve it.
    static func conflict(_ f: Finding, label: String, statesTarget: Bool, style: TextStyle) -> [String] {
        let target = f.targetsText.map { " on \(safe($0))" } ?? ""
        var lines = [style.bold(safe(f.location) + ":") + " \(label): these requirements cannot be installed together\(target)"]
        let reasoning = safe(f.message, multiline: true).split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in reasoning.enumerated() {
            lines.append((i == 0 ? "    ╰─▶ " : "        ") + line)
        }
        if !f.related.isEmpty {
            lines.append("    lines: " + f.related.map { safe("\($0.path):\($0.line) \($0.requirement)") }.joined(separator: ", "))
        }
        for suggestion in f.suggestions { lines.append("    fix: " + safe(suggestion)) }
        return lines
    }

    static func summary(_ report: CheckReport, style: TextStyle) -> String {
        let line = report.summaryLine
        if report.errors > 0 { return style.red(line) }
        if report.warnings > 0 { return style.yellow(line) }
        return style.green(line)
    }

    static func safe(_ s: String, multiline: Bool = false) -> String {
        s.escapingControlCharacters(keepingNewlines: multiline)
    }
}
