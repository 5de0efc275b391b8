import Checks
import Foundation
@testable import Reports
import Audit
import Resolver
import XCTest

/// The layout of report.html and report.md (issue 17): what changed and what to fix first.
final class AuditReportLayoutTests: XCTestCase {
    static let linux = Target(python: "3.8", platform: "linux-64", glibc: "2.28")
    static let linux310 = Target(python: "3.10", platform: "linux-64", glibc: "2.28")

    static func finding(_ severity: Finding.Severity, _ code: FindingCode, _ package: String, _ path: String, line: Int,
                        target: Target = linux, source: String = "pypi") -> Finding {
        Finding(severity: severity, code: code, source: source, package: package, requirement: "\(package)==1.0", path: path,
                line: line, column: 1, target: target, via: code == .dependencyNotFound ? ["top==1", package] : [], message: "\(package) is \(code.rawValue)")
    }

    /// Yesterday: a/ and gone/ have errors. Today: gone/ is deleted, a/ keeps its error and gets a
    /// new warning and a new error, b/ c/ d/ break on opentelemetry-sdk, e/ cannot be verified.
    static func twoDays() -> (AuditRun, AuditHistory) {
        let day1 = AuditDiff.run(report: CheckReport(specs: [
            SpecReport(path: "a/requirements.txt", kind: "pip-requirements", targets: [linux], findings: [
                finding(.error, .versionNotFound, "old-pin", "a/requirements.txt", line: 1),
            ]),
            SpecReport(path: "gone/conda.yaml", kind: "conda-environment", targets: [linux], findings: [
                finding(.error, .packageNotFound, "removed-pkg", "gone/conda.yaml", line: 4, source: "conda"),
            ]),
        ]), generated: "2024-05-01T02:00:00Z", previous: nil)
        let otel = "opentelemetry-sdk"
        let today = CheckReport(specs: [
            SpecReport(path: "a/requirements.txt", kind: "pip-requirements", targets: [linux], findings: [
                finding(.error, .versionNotFound, "old-pin", "a/requirements.txt", line: 1),
                finding(.warning, .yanked, "yanked-pkg", "a/requirements.txt", line: 2),
                finding(.error, .packageNotFound, "brand-new-typo", "a/requirements.txt", line: 3),
            ]),
            SpecReport(path: "b/requirements.txt", kind: "pip-requirements", targets: [linux, linux310], findings: [
                finding(.error, .dependencyNotFound, otel, "b/requirements.txt", line: 5),
                finding(.error, .dependencyNotFound, otel, "b/requirements.txt", line: 5, target: linux310),
            ]),
            SpecReport(path: "c/requirements.txt", kind: "pip-requirements", targets: [linux], findings: [
                finding(.error, .dependencyNotFound, otel, "c/requirements.txt", line: 2),
            ]),
            SpecReport(path: "d/requirements.txt", kind: "pip-requirements", targets: [linux], findings: [
                finding(.error, .dependencyNotFound, otel, "d/requirements.txt", line: 9),
            ]),
            SpecReport(path: "e/conda.yaml", kind: "conda-environment", targets: [linux], findings: [
                Finding(severity: .error, code: .sourceUnreachable, source: "conda", package: "numpy", requirement: "numpy", path: "e/conda.yaml",
                        line: 3, target: linux, message: "conda-forge could not be reached"),
            ], resolution: [ResolutionEntry(target: linux, status: .unknown, packages: [])]),
            SpecReport(path: "f/requirements.txt", kind: "pip-requirements", targets: [linux], findings: [],
                       resolution: [ResolutionEntry(target: linux, status: .unknown, packages: [])]),
            SpecReport(path: "z/clean.txt", kind: "pip-requirements", targets: [linux], findings: []),
        ])
        let day2 = AuditDiff.run(report: today, generated: "2024-05-02T02:00:00Z", previous: day1)
        return (day2, AuditHistory().appending(.init(run: day1)).appending(.init(run: day2)))
    }

    static func position(_ html: String, _ needle: String, file: StaticString = #filePath, line: UInt = #line) -> Int {
        guard let range = html.range(of: needle) else {
            XCTFail("no \(needle) in the page", file: file, line: line)
            return Int.max
        }
        return html.distance(from: html.startIndex, to: range.lowerBound)
    }

    func testNewErrorsComeFirstAndTheSpecTableLast() {
        let (run, history) = Self.twoDays()
        let html = AuditHTMLReport.html(run, history: history)
        let new = Self.position(html, "<section id=\"new\">")
        let causes = Self.position(html, "<section id=\"causes\">")
        let unknown = Self.position(html, "<section id=\"unknown\">")
        let bySpec = Self.position(html, "<section id=\"by-spec\">")
        let specs = Self.position(html, "<section id=\"specs\">")
        XCTAssertLessThan(new, causes)
        XCTAssertLessThan(causes, unknown)
        XCTAssertLessThan(unknown, bySpec)
        XCTAssertLessThan(bySpec, specs, "the table of every spec comes last")
        // In the new table, the new error (line 3) before the new warning (line 2), though the warning is first in the spec.
        let newSection = String(html[html.range(of: "<section id=\"new\">")!.lowerBound...].prefix(while: { _ in true }))
            .components(separatedBy: "</section>")[0]
        XCTAssertLessThan(Self.position(newSection, "brand-new-typo"), Self.position(newSection, "yanked-pkg"))
        XCTAssertFalse(newSection.contains("conda-forge could not be reached"), "an unknown is not a new error to fix")
        // Markdown: the same order.
        let markdown = AuditMarkdownReport.markdown(run, history: history)
        XCTAssertLessThan(Self.position(markdown, "## New since"), Self.position(markdown, "## By cause and package"))
        XCTAssertLessThan(Self.position(markdown, "| error | a/requirements.txt | 3:1 |"), Self.position(markdown, "| warning | a/requirements.txt | 2:1 |"))
    }

    func testByPackageViewCountsSpecsNotFindings() throws {
        let (run, history) = Self.twoDays()
        let causes = AuditOverview.causes(run)
        let otel = try XCTUnwrap(causes.first)
        XCTAssertEqual(otel.package, "opentelemetry-sdk", "the cause that breaks the most specs first")
        XCTAssertEqual(otel.code, .dependencyNotFound)
        XCTAssertEqual(otel.specs.count, 3, "b/ (two targets), c/ and d/")
        XCTAssertEqual(otel.findings, 4)
        XCTAssertEqual(otel.targets.count, 2)
        XCTAssertFalse(causes.contains { $0.code == .sourceUnreachable }, "unknowns are not causes")
        XCTAssertEqual(causes.last?.severity, .warning, "errors before warnings")
        let html = AuditHTMLReport.html(run, history: history)
        XCTAssertTrue(html.contains("breaks 3 specs"), "opentelemetry-sdk breaks 3 specs")
        XCTAssertTrue(html.contains("href=\"https://pypi.org/project/opentelemetry-sdk/\""), "the package's PyPI page")
        XCTAssertTrue(AuditMarkdownReport.markdown(run, history: history).contains("| error | opentelemetry-sdk | `dependency-not-found` | 3 |"))
    }

    func testRepoURLLinksToTheSpecLine() {
        let links = AuditLinks(repoURL: "https://github.com/org/repo/", repoRoot: "/w/repo", workingDirectory: "/w/repo")
        XCTAssertEqual(links.repository(path: "envs/a/conda.yaml", line: 12), "https://github.com/org/repo/blob/HEAD/envs/a/conda.yaml#L12")
        XCTAssertEqual(links.repository(path: "/w/repo/envs/b c.txt", line: nil), "https://github.com/org/repo/blob/HEAD/envs/b%20c.txt")
        XCTAssertNil(links.repository(path: "/elsewhere/x.txt", line: 1), "outside the repository: no link")
        XCTAssertNil(links.repository(path: "../x.txt", line: 1))
        let nested = AuditLinks(repoURL: "https://github.com/org/repo", repoRoot: "/w/repo", workingDirectory: "/w/repo/envs")
        XCTAssertEqual(nested.repository(path: "a/conda.yaml", line: 3), "https://github.com/org/repo/blob/HEAD/envs/a/conda.yaml#L3")
        let template = AuditLinks(repoURL: "https://gitlab.example/g/r/-/blob/main/{path}#L{line}", repoRoot: "/w", workingDirectory: "/w")
        XCTAssertEqual(template.repository(path: "x/req.txt", line: 7), "https://gitlab.example/g/r/-/blob/main/x/req.txt#L7")
        XCTAssertNil(AuditLinks().repository(path: "x/req.txt", line: 7), "no --repo-url, no repository links")
        XCTAssertFalse(AuditLinks.isValidRepoURL("javascript:alert(1)"))
        XCTAssertEqual(AuditLinks.package("numpy", source: "conda", channel: "conda-forge"), "https://anaconda.org/conda-forge/numpy")
        XCTAssertEqual(AuditLinks.package("numpy", source: "conda"), "https://anaconda.org/search?q=numpy")
        XCTAssertNil(AuditLinks.package("x<y>", source: "pypi"), "no link for a name that is not a project name")

        let (run, history) = Self.twoDays()
        let html = AuditHTMLReport.html(run, history: history, links: AuditLinks(repoURL: "https://github.com/org/repo", workingDirectory: "/w"))
        XCTAssertTrue(html.contains("href=\"https://github.com/org/repo/blob/HEAD/b/requirements.txt#L5\""))
        XCTAssertFalse(AuditHTMLReport.html(run, history: history).contains("/blob/HEAD/"))
    }

    func testRemovedSpecIsGoneNotFixed() throws {
        let (run, history) = Self.twoDays()
        XCTAssertEqual(run.goneWithSpec.map(\.spec), ["gone/conda.yaml"])
        XCTAssertEqual(run.removedSpecs, ["gone/conda.yaml"])
        XCTAssertTrue(run.fixedInPresentSpecs.isEmpty)
        XCTAssertEqual(run.counts.reallyFixed, 0)
        XCTAssertEqual(run.counts.goneWithSpec, 1)
        XCTAssertEqual(history.entries.count, 2, "one trend point per run")
        XCTAssertEqual(history.entries.last?.fixed, 0, "the trend does not count a removed spec's findings as fixed")
        // report.json keeps its contract: the finding is still in fixed_findings.
        let audit = AuditJSONReport.auditJSON(run).rendered()
        XCTAssertTrue(audit.contains("\"fixed\": 1"), audit)
        let html = AuditHTMLReport.html(run, history: history)
        XCTAssertTrue(html.contains("Fixed since the previous run <span class=\"count\">0</span>"))
        XCTAssertTrue(html.contains("Gone with the spec <span class=\"count\">1</span>"))
        XCTAssertFalse(AuditPresentation.verdict(run).text.contains("fixed"), AuditPresentation.verdict(run).text)
        let markdown = AuditMarkdownReport.markdown(run, history: history)
        XCTAssertTrue(markdown.contains("## Fixed since the previous run (0)"), markdown)
        XCTAssertTrue(markdown.contains("## Gone with the spec (1)"), markdown)
        XCTAssertTrue(markdown.contains("gone/conda.yaml (spec removed)"))
    }

    func testUnknownsAreShownApartFromErrors() {
        let (run, history) = Self.twoDays()
        let unknowns = AuditOverview.unknowns(run)
        XCTAssertEqual(unknowns.map { run.report.specs[$0.spec].path }, ["e/conda.yaml", "f/requirements.txt"],
                       "e/ once (its unknown resolution is the unreachable source), f/ for its unknown resolution")
        XCTAssertEqual(run.counts.unknownErrors, 1)
        XCTAssertEqual(run.counts.errorsToFix, run.counts.errors - 1)
        let html = AuditHTMLReport.html(run, history: history)
        let unknownSection = html.components(separatedBy: "<section id=\"unknown\">")[1].components(separatedBy: "</section>")[0]
        XCTAssertTrue(unknownSection.contains("conda-forge could not be reached"))
        XCTAssertTrue(unknownSection.contains("f/<wbr>requirements.txt"))
        let causesSection = html.components(separatedBy: "<section id=\"causes\">")[1].components(separatedBy: "</section>")[0]
        XCTAssertFalse(causesSection.contains("source-unreachable"))
        XCTAssertTrue(html.contains("<span class=\"value\">\(run.counts.errorsToFix)</span><span class=\"label\">errors to fix</span>"))
        XCTAssertTrue(html.contains("<span class=\"value\">2</span><span class=\"label\">unknown (not verified)</span>"))
    }

    func testFiltersAreAnInlineScriptOverDataAttributes() {
        let (run, history) = Self.twoDays()
        let html = AuditHTMLReport.html(run, history: history)
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 1, "one inline script")
        XCTAssertFalse(html.contains("<script src"))
        for forbidden in ["fetch(", "XMLHttpRequest", "import(", "http://", "eval("] {
            XCTAssertFalse(html.components(separatedBy: "<script>")[1].contains(forbidden), forbidden)
        }
        XCTAssertTrue(html.contains("<option value=\"dependency-not-found\">"))
        XCTAssertTrue(html.contains("<option value=\"py3.8"), "targets to filter by")
        XCTAssertTrue(html.contains("type=\"search\""))
        XCTAssertTrue(html.contains("data-sev=\"error\" data-code=\"dependency-not-found\""))
    }

    func testOneTrendPointPerRunEvenOnTheSameDay() throws {
        var history = AuditHistory()
        for time in ["2024-05-01T02:00:00Z", "2024-05-02T02:00:00Z", "2024-05-02T14:30:00Z"] {
            history = history.appending(.init(generated: time, specs: 3, errors: 2, warnings: 1, new: 0, fixed: 0))
        }
        history = history.appending(history.entries.last!)
        XCTAssertEqual(history.entries.count, 3, "a re-rendered run is not a second point")
        let svg = try XCTUnwrap(AuditTrendChart.svg(history))
        XCTAssertEqual(svg.components(separatedBy: "<circle class=\"dot errors\"").count - 1, 3)
        XCTAssertTrue(svg.contains("2024-05-02 14:30 UTC"), "two runs on one day are told apart by their time")
    }
}
