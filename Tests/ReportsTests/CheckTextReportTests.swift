import Checks
import Reports
import Resolver
import XCTest

final class CheckTextReportTests: XCTestCase {
    func testPlainTextGroupsFindingsBySpec() {
        XCTAssertEqual(CheckTextReport.text(CheckReportFixtures.report, style: TextStyle(colour: false)), """
        env/conda.yaml (conda-environment), checked for py3.8 linux-64 glibc 2.28
        env/conda.yaml:9:7: error[dependency-not-found]: bad-package has no version 0.0 on PyPI
            via: good-package==1.0 → bad-package==0.0
        env/conda.yaml:4:3: warning[pip-not-listed]: the environment has a pip: section but does not list pip
        env/conda.yaml:6: info[pip-unpinned]: pip is not pinned

        reqs/requirements.txt (requirements), checked for py3.8 linux-64 glibc 2.28; py3.11 osx-arm64 macos 11.0 cuda 12.1
        reqs/base.txt:3:1: error[version-not-found]: numpy has no version 1.99
            for: py3.11 osx-arm64 macos 11.0 cuda 12.1
            try: numpy==1.24.4, numpy==1.26.4
        reqs/requirements.txt: warning[sdist-only]: only a source distribution fits
            via: awesome-lib==2.0 → pyyaml==5.4.1
            for: py3.8 linux-64 glibc 2.28

        clean/pyproject.toml (pyproject), checked for py3.12 win-64
          no problems found

        2 errors, 2 warnings, 1 info in 3 specs
        """)
    }

    func testColourMarksSeverityLocationAndSummary() {
        let text = CheckTextReport.text(CheckReportFixtures.report, style: TextStyle(colour: true))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "\u{1B}[1menv/conda.yaml\u{1B}[0m (conda-environment)\u{1B}[2m, checked for py3.8 linux-64 glibc 2.28\u{1B}[0m")
        XCTAssertEqual(lines[1], "\u{1B}[1menv/conda.yaml:9:7:\u{1B}[0m \u{1B}[31merror[dependency-not-found]\u{1B}[0m: bad-package has no version 0.0 on PyPI")
        XCTAssertEqual(lines[3], "\u{1B}[1menv/conda.yaml:4:3:\u{1B}[0m \u{1B}[33mwarning[pip-not-listed]\u{1B}[0m: the environment has a pip: section but does not list pip")
        XCTAssertEqual(lines[4], "\u{1B}[1menv/conda.yaml:6:\u{1B}[0m \u{1B}[2minfo[pip-unpinned]\u{1B}[0m: pip is not pinned")
        XCTAssertTrue(text.contains("  \u{1B}[32mno problems found\u{1B}[0m"))
        XCTAssertEqual(lines.last, "\u{1B}[31m2 errors, 2 warnings, 1 info in 3 specs\u{1B}[0m")
    }

    func testSummaryWordsAndColourFollowTheCounts() {
        let clean = CheckReport(specs: [SpecReport(path: "a.txt", kind: "requirements", targets: [], findings: [])])
        XCTAssertEqual(CheckTextReport.text(clean, style: TextStyle(colour: false)), """
        a.txt (requirements), checked for no target
          no problems found

        0 errors, 0 warnings in 1 spec
        """)
        XCTAssertTrue(CheckTextReport.text(clean, style: TextStyle(colour: true)).hasSuffix("\u{1B}[32m0 errors, 0 warnings in 1 spec\u{1B}[0m"))

        let warned = CheckReport(specs: [SpecReport(path: "a.txt", kind: "requirements", targets: [CheckReportFixtures.linux38], findings: [
            Finding(severity: .warning, code: .yanked, path: "a.txt", line: 1, column: 1, message: "yanked"),
        ])])
        XCTAssertTrue(CheckTextReport.text(warned, style: TextStyle(colour: true)).hasSuffix("\u{1B}[33m0 errors, 1 warning in 1 spec\u{1B}[0m"))
        XCTAssertEqual(CheckTextReport.text(CheckReport(specs: []), style: TextStyle(colour: false)), "0 errors, 0 warnings in 0 specs")
    }

    func testHostileTextCannotDriveTheTerminalOrForgeLines() {
        XCTAssertEqual(CheckTextReport.text(CheckReportFixtures.hostile, style: TextStyle(colour: false)), """
        we ird/a,b:c%25"<&>'é.txt (requirements), checked for py3.8 linux-64 glibc 2.28
        we ird/a,b:c%25"<&>'é.txt:2:5: error[package-not-found]: say "hi", <b>&amp; 100% done: yes
            line two\\r
            ::error::forged\\u{1B}[31m naïve ✓ 𝄞
            via: a,b:c → x<y>&"z"==1,2
            try: 100%, a,b
        inc/\\u{202E}txt.exe:1:1: warning[yanked]: tab\there\\u{0}nul

        1 error, 1 warning in 1 spec
        """)
    }

    func testNewlinesOutsideTheMessageAreEscaped() {
        let report = CheckReport(specs: [SpecReport(path: "a\nb.txt", kind: "requirements", targets: [], findings: [
            Finding(severity: .error, code: .invalidSpec, requirement: "x\ny", path: "a\nb.txt", line: 1,
                    via: ["p\nq"], message: "m", suggestions: ["s\nt"]),
        ])])
        XCTAssertEqual(CheckTextReport.text(report, style: TextStyle(colour: false)), """
        a\\nb.txt (requirements), checked for no target
        a\\nb.txt:1: error[invalid-spec]: m
            via: p\\nq → x\\ny
            try: s\\nt

        1 error, 0 warnings in 1 spec
        """)
    }
}
