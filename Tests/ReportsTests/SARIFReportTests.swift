import Checks
import Foundation
import Reports
import Resolver
import XCTest

final class SARIFReportTests: XCTestCase {
    private func parse(_ report: CheckReport) throws -> [String: Any] {
        let text = SARIFReport.sarif(report, toolVersion: "1.2.3").rendered()
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testOneFindingExactly() {
        let report = CheckReport(specs: [SpecReport(path: "env/conda.yaml", kind: "conda-environment",
                                                    targets: [CheckReportFixtures.linux38],
                                                    findings: [CheckReportFixtures.report.specs[0].findings[0]])])
        XCTAssertEqual(SARIFReport.sarif(report, toolVersion: "1.2.3", informationURI: "https://example.org/preflight").rendered(indent: nil),
                       #"{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{"name":"preflight","version":"1.2.3","informationUri":"https://example.org/preflight","rules":[{"id":"dependency-not-found","name":"DependencyNotFound","shortDescription":{"text":"A dependency cannot be satisfied for the target"},"fullDescription":{"text":"A dependency of an available package cannot be satisfied for the target; `via` holds the chain."},"help":{"text":"A dependency of an available package cannot be satisfied for the target; `via` holds the chain."},"defaultConfiguration":{"level":"error"}}]}},"columnKind":"unicodeCodePoints","results":[{"ruleId":"dependency-not-found","ruleIndex":0,"level":"error","message":{"text":"bad-package has no version 0.0 on PyPI\nvia: good-package==1.0 → bad-package==0.0"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"env/conda.yaml"},"region":{"startLine":9,"startColumn":7}}}],"properties":{"package":"bad-package","requirement":"bad-package==0.0","source":"pypi","via":["good-package==1.0"],"target":{"python":"3.8","platform":"linux-64","glibc":"2.28"},"suggestions":[]}}]}]}"#)
    }

    /// The keys the SARIF 2.1.0 schema requires, and the cross-references between rules and results.
    func testStructureMatchesTheSchemaRequirements() throws {
        let log = try parse(CheckReportFixtures.report)
        XCTAssertEqual(log["$schema"] as? String, "https://json.schemastore.org/sarif-2.1.0.json")
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let runs = try XCTUnwrap(log["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let driver = try XCTUnwrap((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "preflight")
        XCTAssertEqual(driver["version"] as? String, "1.2.3")
        XCTAssertNil(driver["informationUri"])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        XCTAssertEqual(ruleIDs, ["version-not-found", "sdist-only", "dependency-not-found", "pip-not-listed", "pip-unpinned"],
                       "one rule per code used, in FindingCode order")
        for rule in rules {
            let id = try XCTUnwrap(rule["id"] as? String)
            let code = try XCTUnwrap(FindingCode(rawValue: id))
            XCTAssertEqual((rule["fullDescription"] as? [String: Any])?["text"] as? String, code.help)
            XCTAssertEqual((rule["help"] as? [String: Any])?["text"] as? String, code.help)
            XCTAssertNotNil((rule["shortDescription"] as? [String: Any])?["text"] as? String)
            XCTAssertEqual((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String,
                           ["error": "error", "warning": "warning", "info": "note"][code.defaultSeverity.rawValue])
        }

        let results = try XCTUnwrap(runs[0]["results"] as? [[String: Any]])
        let findings = CheckReportFixtures.report.specs.flatMap(\.findings)
        XCTAssertEqual(results.count, findings.count)
        for (result, finding) in zip(results, findings) {
            XCTAssertEqual(result["ruleId"] as? String, finding.code.rawValue)
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(ruleIDs[index], finding.code.rawValue)
            XCTAssertTrue(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            let message = try XCTUnwrap((result["message"] as? [String: Any])?["text"] as? String)
            XCTAssertTrue(message.hasPrefix(finding.message))
            let location = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            XCTAssertEqual((location["artifactLocation"] as? [String: Any])?["uri"] as? String, finding.path)
            let region = location["region"] as? [String: Any]
            XCTAssertEqual(region?["startLine"] as? Int, finding.line)
            XCTAssertEqual(region?["startColumn"] as? Int, finding.column)
            let properties = try XCTUnwrap(result["properties"] as? [String: Any])
            XCTAssertEqual(properties["package"] as? String, finding.package)
            XCTAssertEqual(properties["source"] as? String, finding.source)
            XCTAssertEqual(properties["via"] as? [String], finding.via)
            XCTAssertEqual(properties["suggestions"] as? [String], finding.suggestions)
            XCTAssertEqual((properties["target"] as? [String: String])?["python"], finding.target?.python.text)
        }
        XCTAssertEqual(results.map { $0["level"] as? String }, ["error", "warning", "note", "error", "warning"])
        XCTAssertEqual((results[3]["message"] as? [String: Any])?["text"] as? String,
                       "numpy has no version 1.99\ntry: numpy==1.24.4, numpy==1.26.4")
        let sdist = (results[4]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        XCTAssertNil(sdist?["region"], "no region without a line")
    }

    func testEmptyReportHasARunWithoutRules() throws {
        XCTAssertEqual(SARIFReport.sarif(CheckReport(specs: []), toolVersion: "").rendered(indent: nil),
                       #"{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{"name":"preflight","rules":[]}},"columnKind":"unicodeCodePoints","results":[]}]}"#)
    }

    func testHostileTextAndPaths() throws {
        let log = try parse(CheckReportFixtures.hostile)
        let results = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        XCTAssertEqual((results[0]["message"] as? [String: Any])?["text"] as? String,
                       CheckReportFixtures.hostileMessage + "\nvia: a,b:c → x<y>&\"z\"==1,2\ntry: 100%, a,b")
        let uris = results.map { (((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String) }
        XCTAssertEqual(uris, ["we%20ird/a%2Cb%3Ac%2525%22%3C%26%3E%27%C3%A9.txt", "inc/%E2%80%AEtxt.exe"])
        XCTAssertEqual(uris[0].flatMap { $0.removingPercentEncoding }, CheckReportFixtures.hostilePath)
    }

    func testPathsBecomeURIReferences() {
        let report = CheckReport(specs: [SpecReport(path: "x", kind: "requirements", targets: [], findings: [
            Finding(severity: .error, code: .invalidSpec, path: "/abs/dir/req#1?.txt", line: 0, column: 3, message: "m"),
            Finding(severity: .error, code: .invalidSpec, path: "c:/x/a~b-c_d.e", line: 2, message: "m"),
        ])])
        let text = SARIFReport.sarif(report, toolVersion: "1").rendered(indent: nil)
        XCTAssertTrue(text.contains(#"{"physicalLocation":{"artifactLocation":{"uri":"file:///abs/dir/req%231%3F.txt"}}}"#), "line 0 is no region: \(text)")
        XCTAssertTrue(text.contains(#"{"physicalLocation":{"artifactLocation":{"uri":"c%3A/x/a~b-c_d.e"},"region":{"startLine":2}}}"#), text)
    }
}
