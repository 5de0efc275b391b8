import Checks
import Foundation
import Reports
import Resolver
import XCTest

final class CheckJSONReportTests: XCTestCase {
    func testRendersTheContractObjectWithKeysInOrder() {
        XCTAssertEqual(CheckJSONReport.json(CheckReportFixtures.report).rendered(), """
        {
          "version": 1,
          "specs": [
            {
              "path": "env/conda.yaml",
              "kind": "conda-environment",
              "targets": [
                {
                  "python": "3.8",
                  "platform": "linux-64",
                  "glibc": "2.28"
                }
              ],
              "findings": [
                {
                  "severity": "error",
                  "code": "dependency-not-found",
                  "source": "pypi",
                  "package": "bad-package",
                  "requirement": "bad-package==0.0",
                  "line": 9,
                  "column": 7,
                  "target": {
                    "python": "3.8",
                    "platform": "linux-64",
                    "glibc": "2.28"
                  },
                  "via": [
                    "good-package==1.0"
                  ],
                  "message": "bad-package has no version 0.0 on PyPI",
                  "suggestions": []
                },
                {
                  "severity": "warning",
                  "code": "pip-not-listed",
                  "source": null,
                  "package": null,
                  "requirement": null,
                  "line": 4,
                  "column": 3,
                  "target": null,
                  "via": [],
                  "message": "the environment has a pip: section but does not list pip",
                  "suggestions": []
                },
                {
                  "severity": "info",
                  "code": "pip-unpinned",
                  "source": "conda",
                  "package": "pip",
                  "requirement": "pip",
                  "line": 6,
                  "column": null,
                  "target": null,
                  "via": [],
                  "message": "pip is not pinned",
                  "suggestions": []
                }
              ]
            },
            {
              "path": "reqs/requirements.txt",
              "kind": "requirements",
              "targets": [
                {
                  "python": "3.8",
                  "platform": "linux-64",
                  "glibc": "2.28"
                },
                {
                  "python": "3.11",
                  "platform": "osx-arm64",
                  "macos": "11.0",
                  "cuda": "12.1"
                }
              ],
              "findings": [
                {
                  "severity": "error",
                  "code": "version-not-found",
                  "source": "pypi",
                  "package": "numpy",
                  "requirement": "numpy==1.99",
                  "path": "reqs/base.txt",
                  "line": 3,
                  "column": 1,
                  "target": {
                    "python": "3.11",
                    "platform": "osx-arm64",
                    "macos": "11.0",
                    "cuda": "12.1"
                  },
                  "via": [],
                  "message": "numpy has no version 1.99",
                  "suggestions": [
                    "numpy==1.24.4",
                    "numpy==1.26.4"
                  ]
                },
                {
                  "severity": "warning",
                  "code": "sdist-only",
                  "source": "pypi",
                  "package": "pyyaml",
                  "requirement": "pyyaml==5.4.1",
                  "line": null,
                  "column": null,
                  "target": {
                    "python": "3.8",
                    "platform": "linux-64",
                    "glibc": "2.28"
                  },
                  "via": [
                    "awesome-lib==2.0",
                    "pyyaml==5.4.1"
                  ],
                  "message": "only a source distribution fits",
                  "suggestions": []
                }
              ]
            },
            {
              "path": "clean/pyproject.toml",
              "kind": "pyproject",
              "targets": [
                {
                  "python": "3.12",
                  "platform": "win-64"
                }
              ],
              "findings": []
            }
          ],
          "summary": {
            "errors": 2,
            "warnings": 2,
            "specs": 3
          }
        }
        """)
    }

    func testParsesWithJSONSerialization() throws {
        let text = CheckJSONReport.json(CheckReportFixtures.report).rendered(indent: nil)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(object["version"] as? Int, 1)
        let summary = try XCTUnwrap(object["summary"] as? [String: Int])
        XCTAssertEqual(summary, ["errors": 2, "warnings": 2, "specs": 3])
        let specs = try XCTUnwrap(object["specs"] as? [[String: Any]])
        XCTAssertEqual(specs.map { $0["path"] as? String }, ["env/conda.yaml", "reqs/requirements.txt", "clean/pyproject.toml"])
        let findings = try XCTUnwrap(specs[0]["findings"] as? [[String: Any]])
        XCTAssertTrue(findings[1]["source"] is NSNull)
        XCTAssertTrue(findings[1]["target"] is NSNull)
        XCTAssertNil(findings[0]["path"], "a finding in the spec's own file states no path")
    }

    func testEmptyReport() {
        XCTAssertEqual(CheckJSONReport.json(CheckReport(specs: [])).rendered(indent: nil),
                       #"{"version":1,"specs":[],"summary":{"errors":0,"warnings":0,"specs":0}}"#)
    }

    func testHostileTextSurvivesARoundTrip() throws {
        let text = CheckJSONReport.json(CheckReportFixtures.hostile).rendered()
        XCTAssertTrue(text.contains(#""message": "say \"hi\", <b>&amp; 100% done: yes\nline two\r\n::error::forged\u001b[31m naïve ✓ 𝄞""#), text)
        XCTAssertTrue(text.contains(#""message": "tab\there\u0000nul""#), text)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let spec = try XCTUnwrap((object["specs"] as? [[String: Any]])?.first)
        XCTAssertEqual(spec["path"] as? String, CheckReportFixtures.hostilePath)
        let findings = try XCTUnwrap(spec["findings"] as? [[String: Any]])
        XCTAssertEqual(findings[0]["message"] as? String, CheckReportFixtures.hostileMessage)
        XCTAssertEqual(findings[0]["requirement"] as? String, "x<y>&\"z\"==1,2")
        XCTAssertEqual(findings[0]["via"] as? [String], ["a,b:c", "x<y>&\"z\"==1,2"])
        XCTAssertNil(findings[0]["path"])
        XCTAssertEqual(findings[1]["path"] as? String, "inc/\u{202E}txt.exe")
        XCTAssertEqual(findings[1]["message"] as? String, "tab\there\u{0}nul")
    }

    func testExtraFindingFieldsFollowTheContractFields() {
        let finding = CheckReportFixtures.report.specs[0].findings[1]
        let json = CheckJSONReport.findingJSON(finding, specPath: "other.yml",
                                               extraFields: [("first_seen", .string("2024-05-01"))])
        XCTAssertEqual(json.rendered(indent: nil), #"{"severity":"warning","code":"pip-not-listed","source":null,"package":null,"requirement":null,"path":"env/conda.yaml","line":4,"column":3,"target":null,"via":[],"message":"the environment has a pip: section but does not list pip","suggestions":[],"first_seen":"2024-05-01"}"#)

        let report = CheckJSONReport.json(CheckReportFixtures.report) { spec, finding in
            [("first_seen", .string("\(spec.kind):\(finding.code.rawValue)"))]
        }.rendered(indent: nil)
        XCTAssertTrue(report.contains(#""suggestions":[],"first_seen":"conda-environment:dependency-not-found"}"#), report)
        XCTAssertTrue(report.contains(#""first_seen":"requirements:sdist-only"}"#), report)
    }

    func testTargetStatesTheFieldsThatApply() {
        XCTAssertEqual(CheckJSONReport.targetJSON(Target(python: "3.10", platform: "linux-aarch64", glibc: "2.17", macos: "11.0")).rendered(indent: nil),
                       #"{"python":"3.10","platform":"linux-aarch64","glibc":"2.17"}"#)
        XCTAssertEqual(CheckJSONReport.targetJSON(Target(python: "3.9", platform: "linux-64", glibc: "2.28", cuda: "11.8")).rendered(indent: nil),
                       #"{"python":"3.9","platform":"linux-64","glibc":"2.28","cuda":"11.8"}"#)
    }
}
