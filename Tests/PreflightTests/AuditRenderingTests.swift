import Checks
import Foundation
@testable import Reports
import Audit
import Resolver
import XCTest

/// report.md, report.html, the trend chart and the progress line, from hand-built audits.
final class AuditRenderingTests: XCTestCase {
    static let linux = Target(python: "3.8", platform: "linux-64", glibc: "2.28")
    static let hostile = "a|b <b>bold</b> & `tick` [link](x) *star*\nsecond line\u{1B}[31m"

    static func run(previous: Bool) -> (AuditRun, AuditHistory) {
        let finding = Finding(severity: .error, code: .packageNotFound, source: "pypi", package: "x<y>", requirement: "x<y>==1",
                              path: "dir/we|ird<&>.txt", line: 2, column: 1, target: linux, message: hostile, suggestions: ["<s>"])
        let report = CheckReport(specs: [
            SpecReport(path: "dir/we|ird<&>.txt", kind: "pip-requirements", targets: [linux], findings: [finding]),
            SpecReport(path: "clean/requirements.txt", kind: "pip-requirements", targets: [linux], findings: []),
        ])
        let earlier = AuditDiff.run(report: CheckReport(specs: [
            SpecReport(path: "gone/requirements.txt", kind: "pip-requirements", targets: [linux], findings: [
                Finding(severity: .warning, code: .yanked, package: "old", path: "gone/requirements.txt", line: 1, message: "m"),
            ]),
        ]), generated: "2024-05-01T02:00:00Z", previous: nil)
        let run = AuditDiff.run(report: report, generated: "2024-05-02T02:00:00Z", previous: previous ? earlier : nil)
        var history = AuditHistory()
        if previous { history = history.appending(.init(run: earlier)) }
        return (run, history.appending(.init(run: run)))
    }

    func testHTMLEscapesEverythingFromSpecsAndIndexes() {
        let (run, history) = Self.run(previous: true)
        let html = AuditHTMLReport.html(run, history: history, title: "Nightly <audit>")
        XCTAssertFalse(html.contains("<b>bold"))
        XCTAssertFalse(html.contains("<s>"))
        XCTAssertFalse(html.contains("\u{1B}"))
        XCTAssertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp;"))
        XCTAssertTrue(html.contains("Nightly &lt;audit&gt;"))
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertFalse(html.contains("xmlns"), "inline SVG in HTML needs no namespace URL")
        XCTAssertTrue(html.contains("gone/"), "the fixed finding is listed")
        XCTAssertTrue(html.contains("(spec removed)"))
        XCTAssertTrue(html.contains("1 new error since the previous run"))
    }

    func testMarkdownKeepsHostileTextInert() {
        let (run, history) = Self.run(previous: true)
        let markdown = AuditMarkdownReport.markdown(run, history: history)
        let newRow = markdown.split(separator: "\n").first { $0.hasPrefix("| error |") }.map(String.init) ?? ""
        XCTAssertEqual(newRow.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count, 8, "seven cells: \(newRow)")
        XCTAssertFalse(markdown.contains("<b>"))
        XCTAssertTrue(markdown.contains("\\[link\\](x)"), "brackets escaped, so no link")
        XCTAssertTrue(markdown.contains("\\`tick\\`"))
        XCTAssertFalse(markdown.contains("\u{1B}"))
        XCTAssertTrue(markdown.contains("## New since the previous run (1)"))
        XCTAssertTrue(markdown.contains("## Fixed since the previous run (0)"), "the spec is gone, not fixed")
        XCTAssertTrue(markdown.contains("## Gone with the spec (1)"))
        XCTAssertTrue(markdown.contains("gone/requirements.txt (spec removed)"))

        let (first, firstHistory) = Self.run(previous: false)
        let firstMarkdown = AuditMarkdownReport.markdown(first, history: firstHistory)
        XCTAssertTrue(firstMarkdown.contains("First audit"))
        XCTAssertFalse(firstMarkdown.contains("## New since"), "on a first run everything is new; no diff section")
    }

    func testTrendChartNeedsTwoRunsAndScalesToNiceNumbers() throws {
        XCTAssertNil(AuditTrendChart.svg(AuditHistory(entries: [.init(generated: "2024-05-01T00:00:00Z", specs: 1, errors: 3, warnings: 1, new: 0, fixed: 0)])))
        let history = AuditHistory(entries: (1...80).map {
            .init(generated: String(format: "2024-05-%02dT00:00:00Z", $0 % 28 + 1), specs: 1, errors: $0 % 7, warnings: 13, new: 0, fixed: 0)
        })
        let svg = try XCTUnwrap(AuditTrendChart.svg(history))
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 2 * AuditTrendChart.pointLimit)
        XCTAssertTrue(svg.contains(">20</text>"), "13 rounds up to a scale of 20")
        XCTAssertEqual(AuditTrendChart.niceCeiling(1), 1)
        XCTAssertEqual(AuditTrendChart.niceCeiling(3), 5)
        XCTAssertEqual(AuditTrendChart.niceCeiling(51), 100)
        XCTAssertEqual(AuditTrendChart.niceCeiling(101), 200)
    }

    func testSparklineAndProgressLine() {
        XCTAssertEqual(AuditMarkdownReport.sparkline([0, 7]), "▁█")
        XCTAssertEqual(AuditMarkdownReport.sparkline([2, 2, 2]), "▄▄▄")
        XCTAssertEqual(AuditMarkdownReport.sparkline([0, 0]), "▁▁")
        XCTAssertEqual(AuditProgressLine.line(done: 3, total: 40, path: "env/conda.yaml"), "[3/40] env/conda.yaml")
        let long = String(repeating: "deep/", count: 40) + "conda.yaml"
        for columns in [20, 40, 80, 200] {
            let bar = AuditProgressLine.bar(done: 5, total: 10, path: long, columns: columns)
            XCTAssertLessThan(bar.count, max(columns, 20), bar)
            XCTAssertTrue(bar.hasSuffix("conda.yaml") || columns <= 40, bar)
        }
    }
}
