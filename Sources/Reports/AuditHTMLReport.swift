import Checks
import Foundation
import Audit
import Resolver

/// `report.html`: the audit as one self-contained page — inline CSS, SVG and one small inline
/// script for the filters (nothing loaded from elsewhere: no fonts, images, style sheets or
/// requests; it works from `file://`) — that can be opened from an artifact or published as it
/// is. It leads with what changed and what to fix: new findings (errors first), then the causes
/// by package across specs, then what is unknown rather than wrong; the per-spec details and the
/// table of every spec come last. Every piece of text from specs and indexes is HTML-escaped.
package enum AuditHTMLReport {
    package static func html(_ run: AuditRun, history: AuditHistory, title: String = "Preflight audit",
                            links: AuditLinks = AuditLinks()) -> String {
        let counts = run.counts
        let verdict = AuditPresentation.verdict(run)
        let compared = run.previousGenerated != nil
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

        let unknowns = AuditOverview.unknowns(run)
        body.append("<section class=\"cards\">")
        if compared {
            body.append(card(counts.newErrors, "new errors", counts.newErrors > 0 ? "error" : "ok", href: "#new"))
        }
        body.append(card(counts.errorsToFix, "errors to fix", counts.errorsToFix > 0 ? "error" : "ok", href: "#causes"))
        body.append(card(counts.warnings, "warnings", counts.warnings > 0 ? "warning" : "ok", href: "#causes"))
        body.append(card(unknowns.count, "unknown (not verified)", unknowns.isEmpty ? "ok" : "unknown", href: "#unknown"))
        let left = run.report.packagesLeftUnknown
        if left > 0 { body.append(card(left, left == 1 ? "package left unknown" : "packages left unknown", "unknown", href: "#unknown")) }
        if compared {
            body.append(card(counts.reallyFixed, "fixed", counts.reallyFixed > 0 ? "ok" : "neutral", href: "#fixed"))
        }
        body.append(card(counts.specs, "specs", "neutral", href: "#specs"))
        body.append("</section>")

        if !run.unreadable.isEmpty {
            body.append("<section><h2>Could not be read</h2><ul class=\"plain\">")
            for item in run.unreadable {
                body.append("<li><code>\(escape(item.path))</code>: \(escape(item.message))</li>")
            }
            body.append("</ul></section>")
        }

        body.append(filterBar(run))

        let specIndex = Dictionary(run.report.specs.enumerated().map { ($0.element.path, $0.offset) }, uniquingKeysWith: { a, _ in a })
        if compared {
            // New findings, errors first, the unknowns apart below.
            let new = run.newFindings.filter { !$0.finding.isUnknownVerdict }
                .enumerated().sorted { a, b in
                    a.element.finding.severity != b.element.finding.severity ? a.element.finding.severity < b.element.finding.severity : a.offset < b.offset
                }.map(\.element)
            body.append("<section id=\"new\"><h2>New since the previous run <span class=\"count\">\(new.count)</span></h2>")
            if new.isEmpty {
                body.append("<p class=\"empty\">Nothing new.</p>")
            } else {
                body.append(findingTable(new.map { ($0.spec.path, $0.finding, nil) }, specIndex: specIndex, lastColumn: nil, links: links, run: run))
            }
            body.append("</section>")
        }

        let causes = AuditOverview.causes(run)
        body.append("<section id=\"causes\"><h2>By cause and package <span class=\"count\">\(causes.count)</span></h2>")
        if causes.isEmpty {
            body.append("<p class=\"empty\">No errors or warnings.</p>")
        } else {
            body.append("<p class=\"note\">One row per package and finding code, across specs: the causes that break the most specs first. Unknown verdicts are listed apart below.</p>")
            body.append(causeTable(causes, run: run, links: links))
        }
        body.append("</section>")

        body.append("<section id=\"unknown\"><h2>Unknown: not verified <span class=\"count\">\(unknowns.count)</span></h2>")
        if unknowns.isEmpty {
            body.append("<p class=\"empty\">Every source answered and every resolution finished.</p>")
        } else {
            body.append("<p class=\"note\">An index or channel could not be reached, or a resolution did not finish: whether these specs install is unknown, not wrong. They are not counted as errors to fix.</p>")
            body.append(unknownSummary(unknowns, run: run))
            body.append("<details class=\"unknown-list\"\(unknowns.count <= 15 ? " open" : "")><summary>every unknown verdict (\(unknowns.count))</summary>")
            body.append(unknownTable(unknowns, run: run, links: links))
            body.append("</details>")
        }
        body.append("</section>")

        if compared {
            let fixed = run.fixedInPresentSpecs
            body.append("<section id=\"fixed\"><h2>Fixed since the previous run <span class=\"count\">\(fixed.count)</span></h2>")
            if fixed.isEmpty {
                body.append("<p class=\"empty\">Nothing fixed.</p>")
            } else {
                body.append(findingTable(fixed.map { ($0.spec, $0.finding, $0.firstSeen) }, specIndex: specIndex, lastColumn: "first seen", links: links, run: run))
            }
            body.append("</section>")
            let gone = run.goneWithSpec
            if !gone.isEmpty {
                body.append("<section id=\"gone\"><h2>Gone with the spec <span class=\"count\">\(gone.count)</span></h2>")
                body.append("<p class=\"note\">Findings of the previous run in \(CheckReport.counted(run.removedSpecs.count, "spec")) no longer audited (deleted, moved or excluded): not counted as fixed.</p>")
                body.append(findingTable(gone.map { ($0.spec, $0.finding, $0.firstSeen) }, specIndex: specIndex, lastColumn: "first seen", links: links, run: run))
                body.append("</section>")
            }
            if !run.unverified.isEmpty {
                body.append("<section><h2>Not verified today <span class=\"count\">\(run.unverified.count)</span></h2>")
                body.append("<p class=\"note\">Findings of the previous run in specs whose sources could not be reached today: neither fixed nor new.</p>")
                body.append(findingTable(run.unverified.map { ($0.spec, $0.finding, $0.firstSeen) }, specIndex: specIndex, lastColumn: "first seen", links: links, run: run))
                body.append("</section>")
            }
        }

        if let chart = AuditTrendChart.svg(history) {
            body.append("<section><h2>Trend <span class=\"count\">\(min(history.entries.count, AuditTrendChart.pointLimit)) runs</span></h2><div class=\"chart\">\(chart)</div></section>")
        }

        // Specs with errors to fix first (in path order), then the rest; only those are open.
        func toFix(_ spec: SpecReport) -> Int { spec.findings.filter { $0.severity == .error && !$0.isUnknownVerdict }.count }
        let withFindings = run.report.specs.indices.filter { !run.report.specs[$0].findings.isEmpty }
            .sorted { a, b in
                let x = toFix(run.report.specs[a]) > 0, y = toFix(run.report.specs[b]) > 0
                return x != y ? x : a < b
            }
        if !withFindings.isEmpty {
            body.append("<section id=\"by-spec\"><h2>Findings by spec <span class=\"count\">\(withFindings.count)</span></h2>")
            body.append("<p class=\"note\">Specs with errors to fix first (open), then those with only unknown verdicts, warnings or remarks.</p>")
            for i in withFindings {
                let spec = run.report.specs[i]
                let errors = toFix(spec), warnings = spec.count(.warning), infos = spec.count(.info)
                let unknown = spec.findings.filter { $0.severity == .error && $0.isUnknownVerdict }.count
                var tally: [String] = []
                if errors > 0 { tally.append("<span class=\"sev error\">\(CheckReport.counted(errors, "error"))</span>") }
                if unknown > 0 { tally.append("<span class=\"tag unknown\">\(unknown) unknown</span>") }
                if warnings > 0 { tally.append("<span class=\"sev warning\">\(CheckReport.counted(warnings, "warning"))</span>") }
                if infos > 0 { tally.append("<span class=\"sev info\">\(infos) info</span>") }
                let repo = links.repository(path: spec.path, line: nil).map { " <a class=\"repo\" href=\"\(escape($0))\">in the repository</a>" } ?? ""
                body.append("<details class=\"spec\" id=\"spec-\(i + 1)\"\(errors > 0 ? " open" : "")><summary><code>\(path(spec.path))</code> \(tally.joined(separator: " "))"
                    + " <span class=\"muted\">\(escape(spec.kind)) · \(escape(spec.targetsDescription))</span>\(repo)</summary>")
                body.append("<ul class=\"findings\">")
                for j in AuditPresentation.displayOrder(spec) {
                    let finding = spec.findings[j]
                    let history = i < run.findingHistory.count && j < run.findingHistory[i].count ? run.findingHistory[i][j] : nil
                    body.append(findingItem(finding, spec: spec, history: history, compared: compared, links: links))
                }
                body.append("</ul></details>")
            }
            body.append("</section>")
        }

        body.append("<section id=\"specs\"><details class=\"all-specs\"><summary><h2>All specs <span class=\"count\">\(run.report.specs.count)</span></h2></summary>")
        if run.report.specs.isEmpty {
            body.append("<p class=\"empty\">No specs were found.</p>")
        } else {
            body.append("<table class=\"specs\"><thead><tr><th>spec</th><th>kind</th><th>targets</th><th class=\"num\">errors</th><th class=\"num\">warnings</th></tr></thead><tbody>")
            let order = run.report.specs.indices.sorted { a, b in
                let x = run.report.specs[a], y = run.report.specs[b]
                let ex = x.count(.error), ey = y.count(.error)
                if ex != ey { return ex > ey }
                let wx = x.count(.warning), wy = y.count(.warning)
                return wx != wy ? wx > wy : a < b
            }
            for i in order {
                let spec = run.report.specs[i]
                let errors = spec.count(.error), warnings = spec.count(.warning)
                let name = spec.findings.isEmpty ? "<code>\(path(spec.path))</code>" : "<a href=\"#spec-\(i + 1)\"><code>\(path(spec.path))</code></a>"
                let rowClass = errors > 0 ? " class=\"has-errors\"" : warnings > 0 ? " class=\"has-warnings\"" : ""
                body.append("<tr\(rowClass)><td>\(name)</td><td class=\"kind\">\(escape(spec.kind))</td><td class=\"targets\">\(escape(spec.targetsDescription))</td>"
                    + "<td class=\"num\">\(countCell(errors, "error"))</td><td class=\"num\">\(countCell(warnings, "warning"))</td></tr>")
            }
            body.append("</tbody></table>")
        }
        body.append("</details></section>")

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
        <script>
        \(script)
        </script>
        </body>
        </html>

        """
    }

    /// The filters: severity, code, target and a search box, applied by the inline script to
    /// every element with `data-sev` (findings, causes, unknowns).
    static func filterBar(_ run: AuditRun) -> String {
        var codes = Set<String>(), targets = Set<String>()
        for spec in run.report.specs {
            for finding in spec.findings {
                codes.insert(finding.code.rawValue)
                targets.insert(AuditPresentation.target(finding))
            }
        }
        var out = "<section class=\"filters\" id=\"filters\" hidden><form onsubmit=\"return false\">"
        for severity in ["error", "warning", "info"] {
            out += "<label class=\"sev \(severity)\"><input type=\"checkbox\" name=\"sev\" value=\"\(severity)\" checked> \(severity)</label> "
        }
        out += "<select name=\"code\" aria-label=\"finding code\"><option value=\"\">every code</option>"
        for code in codes.sorted() { out += "<option value=\"\(escape(code))\">\(escape(code))</option>" }
        out += "</select> <select name=\"target\" aria-label=\"target\"><option value=\"\">every target</option>"
        for target in targets.sorted() { out += "<option value=\"\(escape(target))\">\(escape(target))</option>" }
        out += "</select> <input type=\"search\" name=\"q\" placeholder=\"Search package, spec, message…\" aria-label=\"search\">"
        out += " <span class=\"muted\" id=\"shown\"></span></form></section>"
        return out
    }

    /// The data attributes the filters read.
    static func filterData(_ finding: Finding) -> String {
        "data-sev=\"\(finding.severity.rawValue)\" data-code=\"\(escape(finding.code.rawValue))\" data-target=\"\(escape(AuditPresentation.target(finding)))\""
    }

    static func causeTable(_ causes: [AuditOverview.Cause], run: AuditRun, links: AuditLinks) -> String {
        var rows: [String] = []
        rows.append("<table class=\"causes\"><thead><tr><th>severity</th><th>package</th><th>cause</th><th class=\"num\">specs</th><th>targets</th><th>example</th></tr></thead><tbody>")
        for cause in causes {
            let specs = run.report.specs
            let firstSpec = cause.specs.first.map { specs[$0] }
            let channel = firstSpec.flatMap { AuditOverview.channel(of: cause.package, in: $0) }
            let name = cause.package.isEmpty ? "<span class=\"muted\">—</span>" : packageLink(cause.package, source: cause.source, channel: channel)
            let verb = cause.severity == .error ? "breaks" : "warns in"
            let new = cause.new > 0 && run.previousGenerated != nil ? " <span class=\"tag new\">\(cause.new) new</span>" : ""
            let specList = cause.specs.map { "<li><a href=\"#spec-\($0 + 1)\"><code>\(path(specs[$0].path))</code></a></li>" }.joined()
            let summary = "\(verb) \(CheckReport.counted(cause.specs.count, "spec"))"
            rows.append("<tr data-sev=\"\(cause.severity.rawValue)\" data-code=\"\(escape(cause.code.rawValue))\" data-target=\"\(escape(cause.targets.joined(separator: "¦")))\">"
                + "<td><span class=\"sev \(cause.severity.rawValue)\">\(cause.severity.rawValue)</span></td>"
                + "<td class=\"package\">\(name)\(new)</td><td class=\"code\"><code>\(escape(cause.code.rawValue))</code></td>"
                + "<td class=\"num\"><strong>\(cause.specs.count)</strong></td>"
                + "<td class=\"targets\">\(cause.targets.map(escape).joined(separator: "<br>"))</td>"
                + "<td class=\"message\"><details><summary>\(escape(summary))</summary><ul class=\"plain\">\(specList)</ul></details>"
                + "<div class=\"muted clamp\" title=\"\(escape(cause.message))\">\(message(cause.message))</div></td></tr>")
        }
        rows.append("</tbody></table>")
        return rows.joined(separator: "\n")
    }

    /// What is unknown, in a few lines: per code and source, how many findings in how many specs.
    static func unknownSummary(_ unknowns: [AuditOverview.Unknown], run: AuditRun) -> String {
        var order: [String] = []
        var groups: [String: (findings: Int, specs: Set<Int>)] = [:]
        for item in unknowns {
            let key: String
            if let finding = item.finding {
                key = "<code>\(escape(finding.code.rawValue))</code>" + (finding.source.map { " (\(escape($0)))" } ?? "")
            } else {
                key = "resolution <code>unknown</code>"
            }
            if groups[key] == nil { order.append(key); groups[key] = (0, []) }
            groups[key]!.findings += 1
            groups[key]!.specs.insert(item.spec)
        }
        let items = order.map { key in
            let group = groups[key]!
            return "<li>\(key): \(group.findings) in \(CheckReport.counted(group.specs.count, "spec"))</li>"
        }
        return "<ul class=\"plain\">\(items.joined())</ul>"
    }

    static func unknownTable(_ unknowns: [AuditOverview.Unknown], run: AuditRun, links: AuditLinks) -> String {
        var rows: [String] = []
        rows.append("<table class=\"unknowns\"><thead><tr><th>spec</th><th>where</th><th>what</th><th>target</th><th>message</th></tr></thead><tbody>")
        for item in unknowns {
            let spec = run.report.specs[item.spec]
            if let finding = item.finding {
                rows.append("<tr \(filterData(finding))><td class=\"spec\"><a href=\"#spec-\(item.spec + 1)\"><code>\(path(spec.path))</code></a></td>"
                    + "<td class=\"where\">\(place(finding, specPath: spec.path, links: links))</td>"
                    + "<td class=\"code\"><code>\(escape(finding.code.rawValue))</code> \(escape(AuditPresentation.subject(finding)))</td>"
                    + "<td class=\"targets\">\(escape(item.target))</td><td class=\"message\">\(message(finding.message))</td></tr>")
            } else {
                rows.append("<tr data-sev=\"info\" data-code=\"resolution-unknown\" data-target=\"\(escape(item.target))\"><td class=\"spec\"><a href=\"#spec-\(item.spec + 1)\"><code>\(path(spec.path))</code></a></td>"
                    + "<td class=\"where\">—</td><td class=\"code\">resolution: <code>unknown</code></td>"
                    + "<td class=\"targets\">\(escape(item.target))</td><td class=\"message\">Whether the requirements install together on this target is unknown (the resolution could not finish).</td></tr>")
            }
        }
        rows.append("</tbody></table>")
        return rows.joined(separator: "\n")
    }

    /// A package name linked to its project page (PyPI, or the conda channel's page).
    static func packageLink(_ name: String, source: String?, channel: String? = nil) -> String {
        guard let url = AuditLinks.package(name, source: source, channel: channel) else { return "<strong>\(escape(name))</strong>" }
        let title = source == "conda" ? "conda page" : "PyPI page"
        return "<a class=\"pkg\" href=\"\(escape(url))\" title=\"\(title)\"><strong>\(escape(name))</strong></a>"
    }

    /// `9:7`, linked to the line in the repository with `--repo-url`.
    static func place(_ finding: Finding, specPath: String, links: AuditLinks) -> String {
        let text = escape(AuditPresentation.place(finding, specPath: specPath))
        guard let url = links.repository(path: finding.path, line: finding.line) else { return text }
        return "<a class=\"repo\" href=\"\(escape(url))\" title=\"the line in the repository\">\(text)</a>"
    }

    static func card(_ value: Int, _ label: String, _ tone: String, href: String) -> String {
        "<a class=\"card \(tone)\" href=\"\(href)\"><span class=\"value\">\(value)</span><span class=\"label\">\(escape(label))</span></a>"
    }

    static func countCell(_ n: Int, _ severity: String) -> String {
        n == 0 ? "<span class=\"zero\">0</span>" : "<span class=\"sev \(severity)\">\(n)</span>"
    }

    /// New, fixed or unverified findings across specs; `lastColumn` adds the first-seen date.
    static func findingTable(_ items: [(spec: String, finding: Finding, firstSeen: String?)], specIndex: [String: Int],
                             lastColumn: String?, links: AuditLinks = AuditLinks(), run: AuditRun? = nil) -> String {
        var rows: [String] = []
        rows.append("<table class=\"diff\"><thead><tr><th>severity</th><th>spec</th><th>where</th><th>code</th><th>requirement</th><th>target</th><th>\(lastColumn.map(escape) ?? "message")</th></tr></thead><tbody>")
        for item in items {
            let index = specIndex[item.spec]
            let spec = index.map { "<a href=\"#spec-\($0 + 1)\"><code>\(path(item.spec))</code></a>" }
                ?? "<code>\(path(item.spec))</code>\(lastColumn != nil ? " <span class=\"muted\">(spec removed)</span>" : "")"
            let last = item.firstSeen.map(escape) ?? message(item.finding.message)
            let channel = index.flatMap { i in run.flatMap { run in item.finding.package.flatMap { AuditOverview.channel(of: $0, in: run.report.specs[i]) } } }
            rows.append("<tr \(filterData(item.finding))><td><span class=\"sev \(item.finding.severity.rawValue)\">\(item.finding.severity.rawValue)</span></td><td class=\"spec\">\(spec)</td>"
                + "<td class=\"where\">\(index == nil ? escape(AuditPresentation.place(item.finding, specPath: item.spec)) : place(item.finding, specPath: item.spec, links: links))</td>"
                + "<td class=\"code\"><code>\(escape(item.finding.code.rawValue))</code></td><td>\(subjectHTML(item.finding, channel: channel))</td>"
                + "<td class=\"targets\">\(escape(AuditPresentation.target(item.finding)))</td><td class=\"message\">\(last)</td></tr>")
        }
        rows.append("</tbody></table>")
        return rows.joined(separator: "\n")
    }

    /// The requirement or chain, with the failing package linked to its project page.
    static func subjectHTML(_ finding: Finding, channel: String?) -> String {
        let subject = escape(AuditPresentation.subject(finding))
        guard let package = finding.package, let url = AuditLinks.package(package, source: finding.source, channel: channel) else { return subject }
        let title = finding.source == "conda" ? "conda page" : "PyPI page"
        return subject + " <a class=\"pkg\" href=\"\(escape(url))\" title=\"\(title) of \(escape(package))\">\(finding.source == "conda" ? "conda" : "PyPI") ↗</a>"
    }

    static func findingItem(_ finding: Finding, spec: SpecReport, history: AuditRun.FindingHistory?, compared: Bool,
                            links: AuditLinks = AuditLinks()) -> String {
        let channel = finding.package.flatMap { AuditOverview.channel(of: $0, in: spec) }
        var head = "<span class=\"sev \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span> <code>\(escape(finding.code.rawValue))</code>"
        head += " <span class=\"where\">\(place(finding, specPath: spec.path, links: links))</span>"
        if !AuditPresentation.subject(finding).isEmpty { head += " <strong>\(subjectHTML(finding, channel: channel))</strong>" }
        if let target = finding.target { head += " <span class=\"muted\">\(escape(target.description))</span>" }
        if finding.isUnknownVerdict { head += " <span class=\"tag unknown\">unknown</span>" }
        if let history {
            head += history.isNew && compared ? " <span class=\"tag new\">new</span>"
                : " <span class=\"tag\">since \(escape(history.firstSeen))</span>"
        }
        var item = "<li \(filterData(finding))>\(head)<div class=\"message\">\(message(finding.message))</div>"
        if !finding.suggestions.isEmpty {
            item += "<div class=\"suggest\">Suggestions: \(finding.suggestions.map { "<code>\(escape($0))</code>" }.joined(separator: ", "))</div>"
        }
        return item + "</li>"
    }

    /// The filters' script: inline, no network, works from `file://`. Without it the page
    /// shows everything (the filter bar stays hidden).
    static let script = """
    (function () {
      var bar = document.getElementById('filters');
      if (!bar) return;
      bar.hidden = false;
      var form = bar.querySelector('form');
      var items = Array.prototype.slice.call(document.querySelectorAll('[data-sev]'));
      items.forEach(function (el) { el.dataset.text = el.textContent.toLowerCase(); });
      function apply() {
        var sev = {};
        Array.prototype.forEach.call(form.querySelectorAll('input[name=sev]'), function (c) { sev[c.value] = c.checked; });
        var code = form.code.value, target = form.target.value, q = form.q.value.trim().toLowerCase();
        var shown = 0;
        items.forEach(function (el) {
          var ok = sev[el.dataset.sev] !== false
            && (!code || el.dataset.code === code)
            && (!target || el.dataset.target.split('¦').indexOf(target) >= 0)
            && (!q || el.dataset.text.indexOf(q) >= 0);
          el.hidden = !ok;
          if (ok) shown++;
        });
        Array.prototype.forEach.call(document.querySelectorAll('details.spec'), function (d) {
          d.hidden = !d.querySelector('li[data-sev]:not([hidden])');
          if (q || code || target) { if (!d.hidden) d.open = true; }
        });
        if (q || code || target) {
          Array.prototype.forEach.call(document.querySelectorAll('details.unknown-list, details.all-specs'), function (d) { d.open = true; });
        }
        var active = q || code || target || Object.keys(sev).some(function (k) { return !sev[k]; });
        document.getElementById('shown').textContent = active ? shown + ' of ' + items.length + ' shown' : '';
      }
      form.addEventListener('input', apply);
      form.addEventListener('change', apply);
    })();
    """

    /// A finding's message: escaped, its line breaks kept (shown by `white-space: pre-line`).
    static func message(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
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
    svg.trend .line.unknown { stroke: var(--info); stroke-dasharray: 4 3; } svg.trend .dot.unknown, svg.trend .swatch.unknown { fill: var(--info); }
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
    a.card { color: inherit; text-decoration: none; } a.card:hover { border-color: var(--info); }
    .card.unknown { border-top-color: var(--info); } .card.unknown .value { color: var(--info); }
    .tag.unknown { color: var(--info); border-color: var(--info); }
    .filters { position: sticky; top: 0; z-index: 2; margin: 20px -8px 0; padding: 8px; background: var(--bg);
      border-bottom: 1px solid var(--line); }
    .filters form { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .filters label.sev { cursor: pointer; padding: 2px 8px; }
    .filters select, .filters input[type=search] { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px;
      background: var(--panel); color: var(--fg); }
    .filters input[type=search] { flex: 1 1 240px; }
    td.package { white-space: nowrap; }
    table.causes td.message details summary { cursor: pointer; color: var(--info); }
    table.causes td.message ul { margin: 4px 0; }
    a.pkg { font-size: 12px; font-weight: 400; }
    details.all-specs > summary { background: none; padding: 0; border: none; }
    details.all-specs > summary h2 { display: inline-block; border: none; margin: 32px 0 12px; }
    details.all-specs[open] > summary { border: none; }
    [hidden] { display: none !important; }
    .message { white-space: pre-line; }
    td.message, td.spec, ul.findings .message, .suggest { overflow-wrap: anywhere; }
    .clamp { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; white-space: pre-line; }
    table.causes td.message details { display: inline-block; margin-bottom: 2px; }
    table.causes td.message details > summary { padding: 0; background: none; border: none; }
    table.causes td.message details { border: none; margin: 0; background: none; }
    details.unknown-list > summary { font-weight: 600; }
    table { table-layout: auto; max-width: 100%; }
    """
}
