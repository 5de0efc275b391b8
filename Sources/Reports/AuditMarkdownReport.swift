import Checks
import Audit
import Resolver

/// `report.md`: the audit for people, in GitHub-flavoured Markdown (a job summary, an issue,
/// a pull request comment). Everything from specs and indexes is escaped, so a hostile
/// message cannot inject links, HTML or table cells.
package enum AuditMarkdownReport {
    /// Findings listed in "Findings by spec" before the rest is left to report.html (a GitHub
    /// job summary holds at most 1 MiB).
    package static let detailLimit = 1500

    package static func markdown(_ run: AuditRun, history: AuditHistory, title: String = "Preflight audit") -> String {
        var out: [String] = []
        let counts = run.counts
        out.append("# " + text(title))
        out.append("")
        var meta = ["Generated " + AuditPresentation.when(run.generated)]
        if let previous = run.previousGenerated {
            meta.append("compared with the run of " + AuditPresentation.when(previous))
        } else {
            meta.append("first run (nothing to compare with)")
        }
        if let shard = run.shard { meta.append("shard \(shard)") }
        out.append(meta.joined(separator: " · "))
        out.append("")
        let verdict = AuditPresentation.verdict(run)
        out.append("**\(verdict.good ? "✅" : "❌") \(text(verdict.text))**")
        out.append("")
        // Unreachable sources are counted apart from the errors to fix: an outage is not a broken spec.
        out.append("| specs | errors to fix | unreachable sources | warnings | info | new | fixed | unchanged |")
        out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        let newCell = counts.newErrors > 0 ? "\(counts.new) (\(CheckReport.counted(counts.newErrors, "error")))" : "\(counts.new)"
        let left = run.report.packagesLeftUnknown
        let unknownCell = counts.unknownErrors > 0 && left > 0 ? "\(counts.unknownErrors) (\(CheckReport.counted(left, "package")) unknown)" : "\(counts.unknownErrors)"
        out.append("| \(counts.specs) | \(counts.errorsToFix) | \(unknownCell) | \(counts.warnings) | \(counts.infos) | \(newCell) | \(counts.reallyFixed) | \(counts.unchanged) |")
        out.append("")

        let whole = history.entries.suffix(30)
        if whole.count >= 2 {
            let entries = Array(whole)
            let lines = AuditTrendChart.series(entries).sorted { a, b in a.name == "errors" || (a.name == "warnings" && b.name == "unknown") }
            out.append("Trend over the last \(whole.count) runs (\(AuditPresentation.shortDate(whole.first!.generated)) to \(AuditPresentation.shortDate(whole.last!.generated))): "
                + lines.map { "\($0.name == "unknown" ? "unreachable sources" : $0.name) `\(sparkline($0.values))` \($0.values.last ?? 0)" }.joined(separator: " · "))
            out.append("")
        }

        if !run.unreadable.isEmpty {
            out.append("## Could not be read")
            out.append("")
            for item in run.unreadable { out.append("- \(text(item.path)): \(text(item.message))") }
            out.append("")
        }

        if run.previousGenerated != nil {
            let new = run.newFindings.enumerated().sorted { a, b in
                a.element.finding.severity != b.element.finding.severity ? a.element.finding.severity < b.element.finding.severity : a.offset < b.offset
            }.map(\.element)
            out.append("## New since the previous run (\(new.count))")
            out.append("")
            if new.isEmpty {
                out.append("Nothing new.")
            } else {
                out.append("| severity | spec | where | code | requirement | target | message |")
                out.append("| --- | --- | --- | --- | --- | --- | --- |")
                for item in new {
                    out.append(row([item.finding.severity.rawValue, text(item.spec.path), text(AuditPresentation.place(item.finding, specPath: item.spec.path)),
                                    code(item.finding.code.rawValue), text(AuditPresentation.subject(item.finding)),
                                    text(AuditPresentation.target(item.finding)), text(item.finding.message)]))
                }
            }
            out.append("")
            let fixed = run.fixedInPresentSpecs
            out.append("## Fixed since the previous run (\(fixed.count))")
            out.append("")
            if fixed.isEmpty {
                out.append("Nothing fixed.")
            } else {
                out.append("| severity | spec | where | code | requirement | target | first seen |")
                out.append("| --- | --- | --- | --- | --- | --- | --- |")
                for item in fixed { out.append(auditedRow(item, removed: false)) }
            }
            out.append("")
            let gone = run.goneWithSpec
            if !gone.isEmpty {
                out.append("## Gone with the spec (\(gone.count))")
                out.append("")
                out.append("Findings of the previous run in \(CheckReport.counted(run.removedSpecs.count, "spec")) no longer audited (deleted, moved or excluded): not counted as fixed.")
                out.append("")
                out.append("| severity | spec | where | code | requirement | target | first seen |")
                out.append("| --- | --- | --- | --- | --- | --- | --- |")
                for item in gone { out.append(auditedRow(item, removed: true)) }
                out.append("")
            }
            if !run.unverified.isEmpty {
                out.append("## Not verified today (\(run.unverified.count))")
                out.append("")
                out.append("Findings of the previous run in specs whose sources could not be reached today; they are neither fixed nor new.")
                out.append("")
                for item in run.unverified {
                    out.append("- \(text(item.spec)) \(text(AuditPresentation.place(item.finding, specPath: item.spec))) \(code(item.finding.code.rawValue)) \(text(AuditPresentation.subject(item.finding))) (since \(item.firstSeen))")
                }
                out.append("")
            }
        }

        let causes = AuditOverview.causes(run)
        if !causes.isEmpty {
            out.append("## By cause and package (\(causes.count))")
            out.append("")
            out.append("| severity | package | cause | specs | targets |")
            out.append("| --- | --- | --- | ---: | --- |")
            for cause in causes.prefix(causeLimit) {
                out.append(row([cause.severity.rawValue, cause.package.isEmpty ? "—" : text(cause.package), code(cause.code.rawValue), "\(cause.specs.count)",
                                text(cause.targets.joined(separator: "; "))]))
            }
            if causes.count > causeLimit { out.append(""); out.append("… and \(causes.count - causeLimit) more causes: see report.html.") }
            out.append("")
        }
        let unknowns = AuditOverview.unknowns(run)
        if !unknowns.isEmpty {
            out.append("## Unknown: not verified (\(unknowns.count))")
            out.append("")
            out.append("An index or channel could not be reached, or a resolution did not finish: unknown, not wrong.")
            out.append("")
            for item in unknowns.prefix(causeLimit) {
                let spec = run.report.specs[item.spec]
                let what = item.finding.map { "\(code($0.code.rawValue)) \(text(AuditPresentation.subject($0)))" } ?? "resolution \(code("unknown"))"
                out.append("- \(text(spec.path)) \(what) (\(text(item.target)))")
            }
            if unknowns.count > causeLimit { out.append("- … and \(unknowns.count - causeLimit) more: see report.html.") }
            out.append("")
        }

        out.append("## Specs (\(run.report.specs.count))")
        out.append("")
        if run.report.specs.isEmpty {
            out.append("No specs were found.")
        } else {
            out.append("| spec | kind | targets | errors to fix | unreachable sources | warnings |")
            out.append("| --- | --- | --- | ---: | ---: | ---: |")
            for spec in run.report.specs {
                let unreachable = spec.findings.filter { $0.code == .sourceUnreachable }.count
                out.append(row([text(spec.path), text(spec.kind), text(spec.targetsDescription),
                                "\(spec.count(.error) - unreachable)", "\(unreachable)", "\(spec.count(.warning))"]))
            }
        }
        out.append("")

        let withFindings = run.report.specs.indices.filter { !run.report.specs[$0].findings.isEmpty }
        if !withFindings.isEmpty {
            out.append("## Findings by spec")
            var listed = 0
            for i in withFindings {
                let spec = run.report.specs[i]
                if listed >= detailLimit { break }
                out.append("")
                out.append("### \(text(spec.path))")
                out.append("")
                out.append("\(text(spec.kind)) · \(text(spec.targetsDescription))")
                out.append("")
                for j in AuditPresentation.displayOrder(spec) {
                    let finding = spec.findings[j]
                    if listed >= detailLimit { break }
                    listed += 1
                    let history = i < run.findingHistory.count && j < run.findingHistory[i].count ? run.findingHistory[i][j] : nil
                    var line = "- **\(finding.severity.rawValue)** \(code(finding.code.rawValue)) \(text(AuditPresentation.place(finding, specPath: spec.path)))"
                    let subject = AuditPresentation.subject(finding)
                    if !subject.isEmpty { line += " \(text(subject))" }
                    if let target = finding.target { line += " (\(text(target.description)))" }
                    line += ": " + text(AuditPresentation.sentence(finding.message))
                    if !finding.suggestions.isEmpty { line += " Suggestions: " + finding.suggestions.map(text).joined(separator: ", ") + "." }
                    if let history {
                        line += history.isNew && run.previousGenerated != nil ? " *new*" : " *since \(history.firstSeen)*"
                    }
                    out.append(line)
                }
            }
            let total = run.report.specs.reduce(0) { $0 + $1.findings.count }
            if listed < total {
                out.append("")
                out.append("… and \(total - listed) more findings: see report.html or report.json.")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// Rows of the by-cause table and of the unknowns list in report.md.
    package static let causeLimit = 50

    static func auditedRow(_ item: AuditedFinding, removed: Bool) -> String {
        row([item.finding.severity.rawValue, text(item.spec) + (removed ? " (spec removed)" : ""),
             text(AuditPresentation.place(item.finding, specPath: item.spec)),
             code(item.finding.code.rawValue), text(AuditPresentation.subject(item.finding)),
             text(AuditPresentation.target(item.finding)), item.firstSeen])
    }

    /// `▁▂▅▇`: values scaled to eight block heights (all the same height when all are equal).
    static func sparkline(_ values: [Int]) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let low = values.min() ?? 0, high = values.max() ?? 0
        guard high > low else { return String(repeating: high == 0 ? "▁" : "▄", count: values.count) }
        return String(values.map { blocks[($0 - low) * (blocks.count - 1) / (high - low)] })
    }

    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// Our own fixed vocabulary (finding codes) as code spans.
    static func code(_ s: String) -> String { "`" + s + "`" }

    /// Text from a spec or an index, made inert: on one line, control characters visible,
    /// Markdown punctuation and HTML escaped, `|` unable to end a table cell.
    static func text(_ s: String) -> String {
        var out = ""
        for ch in s.escapingControlCharacters(keepingNewlines: false) {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "|", "~": out += "\\" + String(ch)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\t": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
