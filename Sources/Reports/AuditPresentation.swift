import Checks
import Audit
import Resolver

// What the Markdown and HTML audit reports state the same way.

enum AuditPresentation {
    /// `2024-05-01T02:00:00Z` → `2024-05-01 02:00 UTC`; other text as it is.
    static func when(_ iso: String) -> String {
        let chars = Array(iso)
        guard chars.count >= 16, chars[10] == "T" else { return iso }
        return String(chars[0..<10]) + " " + String(chars[11..<16]) + (iso.hasSuffix("Z") ? " UTC" : "")
    }

    /// Where in the spec: `9:7`, `9`, `base.txt:3` for a finding in an included file, or `—`.
    static func place(_ finding: Finding, specPath: String) -> String {
        var text = ""
        if finding.path != specPath { text = FilePathText.lastComponent(finding.path) }
        if let line = finding.line {
            text += (text.isEmpty ? "" : ":") + "\(line)"
            if let column = finding.column { text += ":\(column)" }
        }
        return text.isEmpty ? "—" : text
    }

    /// The requirement and, for a dependency, the chain that pulled it in: `a==1 → b → bad==0.0`.
    static func subject(_ finding: Finding) -> String {
        let chain = finding.chain
        if !chain.isEmpty { return chain.joined(separator: " → ") }
        return finding.subject ?? ""
    }

    static func target(_ finding: Finding) -> String {
        finding.target?.description ?? "all targets"
    }

    /// The headline verdict of a run, as one sentence.
    static func verdict(_ run: AuditRun) -> (text: String, good: Bool) {
        let counts = run.counts
        if !run.unreadable.isEmpty {
            return ("\(CheckReport.counted(run.unreadable.count, "spec")) could not be read", false)
        }
        let unknown = run.report.unreachablePhrase.map { "; \($0)" } ?? ""
        if run.previousGenerated == nil {
            if counts.errors == 0 { return ("First audit: no errors", true) }
            if counts.errorsToFix == 0 { return ("First audit: no errors to fix\(unknown)", false) }
            return ("First audit: \(CheckReport.counted(counts.errorsToFix, "error")) to fix (all new, as there is no previous run)\(unknown)", false)
        }
        if counts.newErrors == 0 {
            let fixed = counts.reallyFixed > 0 ? "; \(counts.reallyFixed) fixed" : ""
            return ("No new errors since the previous run\(fixed)", true)
        }
        return ("\(CheckReport.counted(counts.newErrors, "new error")) since the previous run", false)
    }

    static func shortDate(_ iso: String) -> String { String(iso.prefix(10)) }

    /// The indices of a spec's findings as people read them: errors, then warnings, then
    /// infos, each in report order.
    static func displayOrder(_ spec: SpecReport) -> [Int] {
        spec.findings.indices.sorted { a, b in
            let x = spec.findings[a].severity, y = spec.findings[b].severity
            return x != y ? x < y : a < b
        }
    }

    /// The message, ended with a full stop so that what follows reads as a new sentence.
    static func sentence(_ message: String) -> String {
        guard let last = message.last else { return message }
        return ".!?:;)".contains(last) ? message : message + "."
    }
}

extension SpecReport {
    func count(_ severity: Finding.Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// Path pieces for display, without Foundation's URL rules.
enum FilePathText {
    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
