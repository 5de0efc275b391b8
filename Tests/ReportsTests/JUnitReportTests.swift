import Checks
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reports
import Resolver
import XCTest

final class JUnitReportTests: XCTestCase {
    func testSuitePerSpecCasePerFinding() {
        XCTAssertEqual(JUnitReport.xml(CheckReportFixtures.report), """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="preflight check" tests="6" failures="2" errors="0">
          <testsuite name="env/conda.yaml" tests="3" failures="1" errors="0" skipped="0">
            <properties>
              <property name="kind" value="conda-environment"/>
              <property name="target" value="py3.8 linux-64 glibc 2.28"/>
            </properties>
            <testcase name="dependency-not-found: bad-package==0.0" classname="env/conda.yaml">
              <failure message="bad-package has no version 0.0 on PyPI" type="dependency-not-found">env/conda.yaml:9:7: error[dependency-not-found]: bad-package has no version 0.0 on PyPI
        via: good-package==1.0 → bad-package==0.0</failure>
            </testcase>
            <testcase name="pip-not-listed: env/conda.yaml:4:3" classname="env/conda.yaml">
              <system-out>env/conda.yaml:4:3: warning[pip-not-listed]: the environment has a pip: section but does not list pip</system-out>
            </testcase>
            <testcase name="pip-unpinned: pip" classname="env/conda.yaml">
              <system-out>env/conda.yaml:6: info[pip-unpinned]: pip is not pinned</system-out>
            </testcase>
          </testsuite>
          <testsuite name="reqs/requirements.txt" tests="2" failures="1" errors="0" skipped="0">
            <properties>
              <property name="kind" value="requirements"/>
              <property name="target" value="py3.8 linux-64 glibc 2.28"/>
              <property name="target" value="py3.11 osx-arm64 macos 11.0 cuda 12.1"/>
            </properties>
            <testcase name="version-not-found: numpy==1.99 [py3.11 osx-arm64 macos 11.0 cuda 12.1]" classname="reqs/requirements.txt">
              <failure message="numpy has no version 1.99" type="version-not-found">reqs/base.txt:3:1: error[version-not-found]: numpy has no version 1.99
        for: py3.11 osx-arm64 macos 11.0 cuda 12.1
        try: numpy==1.24.4, numpy==1.26.4</failure>
            </testcase>
            <testcase name="sdist-only: pyyaml==5.4.1 [py3.8 linux-64 glibc 2.28]" classname="reqs/requirements.txt">
              <system-out>reqs/requirements.txt: warning[sdist-only]: only a source distribution fits
        via: awesome-lib==2.0 → pyyaml==5.4.1
        for: py3.8 linux-64 glibc 2.28</system-out>
            </testcase>
          </testsuite>
          <testsuite name="clean/pyproject.toml" tests="1" failures="0" errors="0" skipped="0">
            <properties>
              <property name="kind" value="pyproject"/>
              <property name="target" value="py3.12 win-64"/>
            </properties>
            <testcase name="no problems found" classname="clean/pyproject.toml"/>
          </testsuite>
        </testsuites>

        """)
    }

    func testParsesWithXMLDocument() throws {
        let document = try XMLDocument(xmlString: JUnitReport.xml(CheckReportFixtures.report), options: [])
        let root = try XCTUnwrap(document.rootElement())
        XCTAssertEqual(root.name, "testsuites")
        XCTAssertEqual(root.attribute(forName: "tests")?.stringValue, "6")
        let suites = root.elements(forName: "testsuite")
        XCTAssertEqual(suites.map { $0.attribute(forName: "name")?.stringValue }, ["env/conda.yaml", "reqs/requirements.txt", "clean/pyproject.toml"])
        XCTAssertEqual(suites.map { $0.elements(forName: "testcase").count }, [3, 2, 1])
        XCTAssertEqual(try document.nodes(forXPath: "//failure").count, 2)
        XCTAssertEqual(try document.nodes(forXPath: "//system-out").count, 3)
        let failure = try XCTUnwrap(try document.nodes(forXPath: "//failure").first as? XMLElement)
        XCTAssertEqual(failure.attribute(forName: "type")?.stringValue, "dependency-not-found")
        XCTAssertEqual(failure.stringValue, "env/conda.yaml:9:7: error[dependency-not-found]: bad-package has no version 0.0 on PyPI\nvia: good-package==1.0 → bad-package==0.0")
    }

    func testHostileTextIsEscapedAndParsesBack() throws {
        let xml = JUnitReport.xml(CheckReportFixtures.hostile)
        XCTAssertTrue(xml.contains(#"<testsuite name="we ird/a,b:c%25&quot;&lt;&amp;&gt;&apos;é.txt" tests="2" failures="1" errors="0" skipped="0">"#), xml)
        XCTAssertTrue(xml.contains(#"<failure message="say &quot;hi&quot;, &lt;b&gt;&amp;amp; 100% done: yes&#10;line two&#13;&#10;::error::forged\u{1B}[31m naïve ✓ 𝄞" type="package-not-found">"#), xml)
        XCTAssertTrue(xml.contains("<system-out>inc/\u{202E}txt.exe:1:1: warning[yanked]: tab\there\\u{0}nul</system-out>"), xml)

        let document = try XMLDocument(xmlString: xml, options: [])
        let suite = try XCTUnwrap(document.rootElement()?.elements(forName: "testsuite").first)
        XCTAssertEqual(suite.attribute(forName: "name")?.stringValue, CheckReportFixtures.hostilePath)
        let cases = suite.elements(forName: "testcase")
        XCTAssertEqual(cases.first?.attribute(forName: "name")?.stringValue, "package-not-found: x<y>&\"z\"==1,2")
        let failure = try XCTUnwrap(cases.first?.elements(forName: "failure").first)
        let visible = CheckReportFixtures.hostileMessage.replacingOccurrences(of: "\u{1B}", with: "\\u{1B}")
        XCTAssertEqual(failure.attribute(forName: "message")?.stringValue, visible, "newlines and CR survive in attributes")
        XCTAssertEqual(failure.stringValue, "\(CheckReportFixtures.hostilePath):2:5: error[package-not-found]: \(visible)\nvia: a,b:c → x<y>&\"z\"==1,2\ntry: 100%, a,b")
        XCTAssertEqual(cases.last?.elements(forName: "system-out").first?.stringValue,
                       "inc/\u{202E}txt.exe:1:1: warning[yanked]: tab\there\\u{0}nul")
    }

    func testCharactersXMLCannotCarryAreMadeVisible() throws {
        let report = CheckReport(specs: [SpecReport(path: "a\u{1}.txt", kind: "requirements", targets: [], findings: [
            Finding(severity: .error, code: .invalidSpec, path: "a\u{1}.txt", message: "bad \u{FFFE}\u{FFFF}\u{8} end ]]> \u{10FFFF}"),
        ])])
        let xml = JUnitReport.xml(report)
        XCTAssertTrue(xml.contains(#"<testsuite name="a\u{1}.txt""#), xml)
        XCTAssertTrue(xml.contains(#"message="bad \u{FFFE}\u{FFFF}\u{8} end ]]&gt; "#), xml)
        XCTAssertNoThrow(try XMLDocument(xmlString: xml, options: []))
    }
}
