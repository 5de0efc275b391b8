import Foundation
import Registries
import Resolver

/// `report.html`: the audit as one self-contained page — inline CSS and SVG, no scripts, no
/// fonts, images or style sheets from elsewhere — that can be opened from an artifact or
/// published as it is. Every piece of text from specs and indexes is HTML-escaped.
public enum AuditHTMLReport {
    public static func html(_ run: AuditRun, history: AuditHistory, title: String = "Preflight audit") -> String {
        let counts = run.counts
        let verdict = AuditPresentation.verdict(run)
        var body: [String] = []

        body.append("<header>")
        body.append("<h1>\(escape(title))</h1>")
        var meta = ["Generated <time>\(escape(AuditPresentation.when(run.generated)))</time>"]
        if let previous = run.previousGenerated {
            meta.append("compared with the run of <time>\(escape(AuditPresentation.when(previous)))</time>")
        } else {
            meta.append("first run, nothing to compare with")
        }
        if let shard = run.shard { meta.append("shard \(escape(shard.description))") }
        body.append("<p class=\"meta\">\(meta.joined(separator: " · "))</p>")
        body.append("<p class=\"verdict \(verdict.good ? "good" : "bad")\">\(verdict.good ? "✔" : "✘") \(escape(verdict.text))</p>")
        body.append("</header>")

        body.append("<section class=\"cards\">")
        body.append(card(counts.specs, "specs", "neutral"))
        body.append(card(counts.errors, "errors", counts.errors > 0 ? "error" : "ok"))
        body.append(card(counts.warnings, "warnings", counts.warnings > 0 ? "warning" : "ok"))
        if run.previousGenerated != nil {
            body.append(card(counts.new, counts.newErrors > 0 ? "new (\(counts.newErrors) error\(counts.newErrors == 1 ? "" : "s"))" : "new",
                             counts.newErrors > 0 ? "error" : "neutral"))
            body.append(card(counts.fixed, "fixed", counts.fixed > 0 ? "ok" : "neutral"))
            body.append(card(counts.unchanged, "unchanged", "neutral"))
        }
        body.append("</section>")

        if let chart = AuditTrendChart.svg(history) {
            body.append("<section><h2>Trend</h2><div class=\"chart\">\(chart)</div></section>")
        }

        if !run.unreadable.isEmpty {
            body.append("<section><h2>Could not be read</h2><ul class=\"plain\">")
            for item in run.unreadable {
                body.append("<li><code>\(escape(item.path))</code>: \(escape(item.message))</li>")
            }
            body.append("</ul></section>")
        }

        let specIndex = Dictionary(run.report.specs.enumerated().map { ($0.element.path, $0.offset) }, uniquingKeysWith: { a, _ in a })
        if run.previousGenerated != nil {
            let new = run.newFindings
            body.append("<section><h2>New since the previous run <span class=\"count\">\(new.count)</span></h2>")
            if new.isEmpty {
                body.append("<p class=\"empty\">Nothing new.</p>")
            } else {
                body.append(findingTable(new.map { ($0.spec.path, $0.finding, nil) }, specIndex: specIndex, lastColumn: nil))
            }
            body.append("</section>")
            body.append("<section><h2>Fixed since the previous run <span class=\"count\">\(run.fixed.count)</span></h2>")
            if run.fixed.isEmpty {
                body.append("<p class=\"empty\">Nothing fixed.</p>")
            } else {
                body.append(findingTable(run.fixed.map { ($0.spec, $0.finding, $0.firstSeen) }, specIndex: specIndex, lastColumn: "first seen"))
            }
            body.append("</section>")
            if !run.unverified.isEmpty {
                body.append("<section><h2>Not verified today <span class=\"count\">\(run.unverified.count)</span></h2>")
                body.append("<p class=\"note\">Findings of the previous run in specs whose sources could not be reached today: neither fixed nor new.</p>")
                body.append(findingTable(run.unverified.map { ($0.spec, $0.finding, $0.firstSeen) }, specIndex: specIndex, lastColumn: "first seen"))
                body.append("</section>")
            }
        }

        body.append("<section><h2>Specs <span class=\"count\">\(run.report.specs.count)</span></h2>")
        if run.report.specs.isEmpty {
            body.append("<p class=\"empty\">No specs were found.</p>")
        } else {
            body.append("<table class=\"specs\"><thead><tr><th>spec</th><th>kind</th><th>targets</th><th class=\"num\">errors</th><th class=\"num\">warnings</th></tr></thead><tbody>")
            for (i, spec) in run.report.specs.enumerated() {
                let errors = spec.count(.error), warnings = spec.count(.warning)
                let name = spec.findings.isEmpty ? "<code>\(path(spec.path))</code>" : "<a href=\"#spec-\(i + 1)\"><code>\(path(spec.path))</code></a>"
                let rowClass = errors > 0 ? " class=\"has-errors\"" : warnings > 0 ? " class=\"has-warnings\"" : ""
                body.append("<tr\(rowClass)><td>\(name)</td><td class=\"kind\">\(escape(spec.kind))</td><td class=\"targets\">\(escape(spec.targetsDescription))</td>"
                    + "<td class=\"num\">\(countCell(errors, "error"))</td><td class=\"num\">\(countCell(warnings, "warning"))</td></tr>")
            }
            body.append("</tbody></table>")
        }
        body.append("</section>")

        let withFindings = run.report.specs.indices.filter { !run.report.specs[$0].findings.isEmpty }
        if !withFindings.isEmpty {
            body.append("<section><h2>Findings by spec</h2>")
            for i in withFindings {
                let spec = run.report.specs[i]
                let errors = spec.count(.error), warnings = spec.count(.warning), infos = spec.count(.info)
                var tally: [String] = []
                if errors > 0 { tally.append("<span class=\"sev error\">\(CheckReport.counted(errors, "error"))</span>") }
                if warnings > 0 { tally.append("<span class=\"sev warning\">\(CheckReport.counted(warnings, "warning"))</span>") }
                if infos > 0 { tally.append("<span class=\"sev info\">\(infos) info</span>") }
                body.append("<details id=\"spec-\(i + 1)\"\(errors > 0 ? " open" : "")><summary><code>\(path(spec.path))</code> \(tally.joined(separator: " "))"
                    + " <span class=\"muted\">\(escape(spec.kind)) · \(escape(spec.targetsDescription))</span></summary>")
                body.append("<ul class=\"findings\">")
                for j in AuditPresentation.displayOrder(spec) {
                    let finding = spec.findings[j]
                    let history = i < run.findingHistory.count && j < run.findingHistory[i].count ? run.findingHistory[i][j] : nil
                    body.append(findingItem(finding, specPath: spec.path, history: history, compared: run.previousGenerated != nil))
                }
                body.append("</ul></details>")
            }
            body.append("</section>")
        }

        body.append("<footer>preflight audit · the same data as <code>report.json</code> next to this file</footer>")

        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) — \(escape(AuditPresentation.shortDate(run.generated)))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <main>
        \(body.joined(separator: "\n"))
        </main>
        </body>
        </html>

        """
    }

    static func card(_ value: Int, _ label: String, _ tone: String) -> String {
        "<div class=\"card \(tone)\"><span class=\"value\">\(value)</span><span class=\"label\">\(escape(label))</span></div>"
    }

    static func countCell(_ n: Int, _ severity: String) -> String {
        n == 0 ? "<span class=\"zero\">0</span>" : "<span class=\"sev \(severity)\">\(n)</span>"
    }

    /// New, fixed or unverified findings across specs; `lastColumn` adds the first-seen date.
    static func findingTable(_ items: [(spec: String, finding: Finding, firstSeen: String?)], specIndex: [String: Int],
                             lastColumn: String?) -> String {
        var rows: [String] = []
        rows.append("<table class=\"diff\"><thead><tr><th>severity</th><th>spec</th><th>where</th><th>code</th><th>requirement</th><th>target</th><th>\(lastColumn.map(escape) ?? "message")</th></tr></thead><tbody>")
        for item in items {
            let spec = specIndex[item.spec].map { "<a href=\"#spec-\($0 + 1)\"><code>\(path(item.spec))</code></a>" }
                ?? "<code>\(path(item.spec))</code>\(lastColumn != nil ? " <span class=\"muted\">(spec removed)</span>" : "")"
            let last = item.firstSeen.map(escape) ?? escape(item.finding.message)
            rows.append("<tr><td><span class=\"sev \(item.finding.severity.rawValue)\">\(item.finding.severity.rawValue)</span></td><td class=\"spec\">\(spec)</td>"
                + "<td class=\"where\">\(escape(AuditPresentation.place(item.finding, specPath: item.spec)))</td>"
                + "<td class=\"code\"><code>\(escape(item.finding.code.rawValue))</code></td><td>\(escape(AuditPresentation.subject(item.finding)))</td>"
                + "<td class=\"targets\">\(escape(AuditPresentation.target(item.finding)))</td><td class=\"message\">\(last)</td></tr>")
        }
        rows.append("</tbody></table>")
        return rows.joined(separator: "\n")
    }

    static func findingItem(_ finding: Finding, specPath: String, history: AuditRun.FindingHistory?, compared: Bool) -> String {
        var head = "<span class=\"sev \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span> <code>\(escape(finding.code.rawValue))</code>"
        head += " <span class=\"where\">\(escape(AuditPresentation.place(finding, specPath: specPath)))</span>"
        let subject = AuditPresentation.subject(finding)
        if !subject.isEmpty { head += " <strong>\(escape(subject))</strong>" }
        if let target = finding.target { head += " <span class=\"muted\">\(escape(target.description))</span>" }
        if let history {
            head += history.isNew && compared ? " <span class=\"tag new\">new</span>"
                : " <span class=\"tag\">since \(escape(history.firstSeen))</span>"
        }
        var item = "<li>\(head)<div class=\"message\">\(escape(finding.message))</div>"
        if !finding.suggestions.isEmpty {
            item += "<div class=\"suggest\">Suggestions: \(finding.suggestions.map { "<code>\(escape($0))</code>" }.joined(separator: ", "))</div>"
        }
        return item + "</li>"
    }

    /// A path that may wrap after its slashes (and only there, unless a component is wider than the page).
    static func path(_ s: String) -> String {
        escape(s).replacingOccurrences(of: "/", with: "/<wbr>")
    }

    /// Text as HTML character data or an attribute value, with control characters made visible.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.escapingControlCharacters(keepingNewlines: false) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let style = """
    :root { --fg: #1f2328; --muted: #656d76; --bg: #ffffff; --panel: #f6f8fa; --line: #d0d7de;
      --error: #cf222e; --error-bg: #ffebe9; --warning: #9a6700; --warning-bg: #fff8c5;
      --info: #0969da; --info-bg: #ddf4ff; --ok: #1a7f37; --ok-bg: #dafbe1; }
    @media (prefers-color-scheme: dark) {
      :root { --fg: #e6edf3; --muted: #8d96a0; --bg: #0d1117; --panel: #161b22; --line: #30363d;
        --error: #ff7b72; --error-bg: #3c1618; --warning: #d29922; --warning-bg: #3b2e0a;
        --info: #58a6ff; --info-bg: #0c2d6b; --ok: #3fb950; --ok-bg: #0f3a1d; }
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--fg);
      font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
    main { max-width: 1200px; margin: 0 auto; padding: 24px 24px 48px; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
    code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace; overflow-wrap: break-word; }
    a { color: var(--info); text-decoration: none; }
    a:hover { text-decoration: underline; }
    .meta, .muted, .note, .empty, footer { color: var(--muted); }
    .meta { margin: 0 0 12px; }
    .verdict { display: inline-block; margin: 0; padding: 6px 12px; border-radius: 6px; font-weight: 600; }
    .verdict.good { color: var(--ok); background: var(--ok-bg); }
    .verdict.bad { color: var(--error); background: var(--error-bg); }
    .cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 20px; }
    .card { flex: 1 1 120px; padding: 12px 16px; border: 1px solid var(--line); border-radius: 8px; background: var(--panel);
      border-top: 4px solid var(--line); }
    .card .value { display: block; font-size: 28px; font-weight: 600; line-height: 1.2; }
    .card .label { color: var(--muted); }
    .card.error { border-top-color: var(--error); } .card.error .value { color: var(--error); }
    .card.warning { border-top-color: var(--warning); } .card.warning .value { color: var(--warning); }
    .card.ok { border-top-color: var(--ok); }
    .count { display: inline-block; min-width: 24px; padding: 0 8px; margin-left: 6px; border-radius: 12px; background: var(--panel);
      border: 1px solid var(--line); font-size: 12px; font-weight: 500; text-align: center; vertical-align: middle; }
    .chart { overflow-x: auto; }
    svg.trend { width: 100%; height: auto; }
    svg.trend .grid { stroke: var(--line); stroke-width: 1; }
    svg.trend .axis, svg.trend .legend { fill: var(--muted); font-size: 11px; }
    svg.trend .legend { fill: var(--fg); font-size: 12px; }
    svg.trend .line { fill: none; stroke-width: 2; stroke-linejoin: round; }
    svg.trend .line.errors { stroke: var(--error); } svg.trend .line.warnings { stroke: var(--warning); }
    svg.trend .dot.errors, svg.trend .swatch.errors { fill: var(--error); }
    svg.trend .dot.warnings, svg.trend .swatch.warnings { fill: var(--warning); }
    table { width: 100%; border-collapse: collapse; font-size: 13px; }
    th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    th { background: var(--panel); font-weight: 600; white-space: nowrap; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    td.where, td.targets, td.kind { white-space: nowrap; color: var(--muted); }
    td.code code { white-space: nowrap; }
    td.message { min-width: 240px; }
    td.spec { min-width: 180px; }
    tr.has-errors td:first-child { box-shadow: inset 3px 0 0 var(--error); }
    tr.has-warnings td:first-child { box-shadow: inset 3px 0 0 var(--warning); }
    .zero { color: var(--muted); }
    .sev { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
    .sev.error { color: var(--error); background: var(--error-bg); }
    .sev.warning { color: var(--warning); background: var(--warning-bg); }
    .sev.info { color: var(--info); background: var(--info-bg); }
    .tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 11px; color: var(--muted); border: 1px solid var(--line); }
    .tag.new { color: var(--error); border-color: var(--error); font-weight: 600; }
    details { border: 1px solid var(--line); border-radius: 8px; margin: 10px 0; background: var(--bg); }
    details > summary { cursor: pointer; padding: 8px 12px; background: var(--panel); border-radius: 8px; }
    details[open] > summary { border-bottom: 1px solid var(--line); border-radius: 8px 8px 0 0; }
    details > summary .sev { margin-left: 4px; }
    details > summary .muted { margin-left: 8px; font-size: 12px; }
    ul.findings { list-style: none; margin: 0; padding: 0; }
    ul.findings li { padding: 8px 12px; border-bottom: 1px solid var(--line); }
    ul.findings li:last-child { border-bottom: none; }
    ul.findings .where { color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
    ul.findings .message { margin-top: 2px; }
    ul.findings .suggest { margin-top: 2px; color: var(--muted); }
    ul.plain { padding-left: 20px; }
    footer { margin-top: 40px; font-size: 12px; }
    """
}
