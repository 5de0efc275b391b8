import Checks
import Foundation
import Reports
import Resolver
import XCTest

/// The SARIF layout for GitHub code scanning: a run per target with its category, fingerprints
/// that survive moved lines, repository-relative paths.
final class SARIFCodeScanningTests: XCTestCase {
    private func runs(_ report: CheckReport, _ codeScanning: SARIFCodeScanning = SARIFCodeScanning()) throws -> [[String: Any]] {
        let text = SARIFReport.sarif(report, toolVersion: "1.2.3", codeScanning: codeScanning).rendered()
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try XCTUnwrap(log["runs"] as? [[String: Any]])
    }

    private func ruleIDs(_ run: [String: Any]) -> [String] {
        ((run["results"] as? [[String: Any]]) ?? []).compactMap { $0["ruleId"] as? String }
    }

    private func fingerprint(_ result: [String: Any]) -> String? {
        (result["partialFingerprints"] as? [String: Any])?[SARIFCodeScanning.fingerprintKey] as? String
    }

    func testOneRunPerTargetNamedByItsCategory() throws {
        let runs = try runs(CheckReportFixtures.report)
        XCTAssertEqual(runs.map { ($0["automationDetails"] as? [String: Any])?["id"] as? String },
                       ["preflight/py3.8-linux-64/", "preflight/py3.11-osx-arm64/", "preflight/py3.12-win-64/"])
        // Each run is what checking its target alone reports: the conda spec's target-less
        // findings are in its target's run, the clean target has its (empty) run.
        XCTAssertEqual(runs.map(ruleIDs), [
            ["dependency-not-found", "pip-not-listed", "pip-unpinned", "sdist-only"],
            ["version-not-found"],
            [],
        ])
        for run in runs {
            let rules = (((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]) ?? []
            let ids = rules.compactMap { $0["id"] as? String }
            for result in (run["results"] as? [[String: Any]]) ?? [] {
                XCTAssertEqual(ids[result["ruleIndex"] as? Int ?? -1], result["ruleId"] as? String, "rule indexes are per run")
            }
        }
        let custom = try self.runs(CheckReportFixtures.report, SARIFCodeScanning(category: "nightly/"))
        XCTAssertEqual((custom[0]["automationDetails"] as? [String: Any])?["id"] as? String, "nightly/py3.8-linux-64/")
    }

    func testAReportWithoutTargetsIsOneAnyTargetRun() throws {
        let report = CheckReport(specs: [SpecReport(path: "bin.txt", kind: "requirements", targets: [], findings: [
            Finding(severity: .error, code: .invalidSpec, path: "bin.txt", message: "cannot read the spec: binary"),
        ])])
        let runs = try runs(report)
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual((runs[0]["automationDetails"] as? [String: Any])?["id"] as? String, "preflight/any-target/")
        XCTAssertEqual(ruleIDs(runs[0]), ["invalid-spec"])
    }

    func testFingerprintsIgnoreLinesAndTellTargetsApart() throws {
        let finding = CheckReportFixtures.report.specs[1].findings[0]
        var moved = finding
        moved.line = 40
        moved.column = 9
        XCTAssertEqual(SARIFCodeScanning.fingerprint(moved, path: "reqs/base.txt"),
                       SARIFCodeScanning.fingerprint(finding, path: "reqs/base.txt"))
        // The recipe is fixed (SHA-256 of code, package, requirement, target, path joined by NUL,
        // as `hashlib` computes it): a changed fingerprint would close and reopen every alert.
        XCTAssertEqual(SARIFCodeScanning.fingerprint(finding, path: "reqs/base.txt"),
                       "07a0ef17ee902b9326922af1123feaa9d86a08c12364cc4a2e820ec65ad41a22")
        var otherTarget = finding
        otherTarget.target = CheckReportFixtures.linux38
        XCTAssertNotEqual(SARIFCodeScanning.fingerprint(otherTarget, path: "reqs/base.txt"),
                          SARIFCodeScanning.fingerprint(finding, path: "reqs/base.txt"))
        var otherGlibc = finding
        otherGlibc.target?.glibc = "2.31"
        XCTAssertEqual(SARIFCodeScanning.fingerprint(otherGlibc, path: "reqs/base.txt"),
                       SARIFCodeScanning.fingerprint(finding, path: "reqs/base.txt"), "a changed glibc default reopens nothing")
        XCTAssertNotEqual(SARIFCodeScanning.fingerprint(finding, path: "reqs/other.txt"),
                          SARIFCodeScanning.fingerprint(finding, path: "reqs/base.txt"))

        let results = try runs(CheckReportFixtures.report).flatMap { ($0["results"] as? [[String: Any]]) ?? [] }
        let fingerprints = results.compactMap(fingerprint)
        XCTAssertEqual(fingerprints.count, results.count, "every result has one")
        XCTAssertEqual(Set(fingerprints).count, fingerprints.count)

        let brokenLines = CheckReport(specs: [SpecReport(path: "r.txt", kind: "requirements", targets: [], findings: [
            Finding(severity: .error, code: .invalidSpec, path: "r.txt", line: 1, message: "cannot parse 'a=='"),
            Finding(severity: .error, code: .invalidSpec, path: "r.txt", line: 2, message: "cannot parse 'b=='"),
        ])])
        let broken = try runs(brokenLines)[0]["results"] as? [[String: Any]] ?? []
        XCTAssertNotEqual(broken.first.flatMap(fingerprint), broken.last.flatMap(fingerprint),
                          "findings without a package are told apart by their message")
    }

    func testPathsAreRepositoryRelative() throws {
        let report = CheckReport(specs: [SpecReport(path: "./env/conda.yaml", kind: "conda-environment",
                                                    targets: [CheckReportFixtures.linux38], findings: [
            Finding(severity: .warning, code: .pipNotListed, path: "./env/./conda.yaml", line: 4, message: "m"),
            Finding(severity: .error, code: .invalidSpec, path: "/home/runner/work/r/r/reqs/a.txt", line: 2, message: "m"),
            Finding(severity: .error, code: .invalidSpec, path: "/elsewhere/a.txt", line: 2, message: "m"),
        ])])
        let results = try runs(report, SARIFCodeScanning(root: "/home/runner/work/r/r/"))[0]["results"] as? [[String: Any]] ?? []
        let uris = results.map { (((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String) }
        XCTAssertEqual(uris, ["env/conda.yaml", "reqs/a.txt", "file:///elsewhere/a.txt"])

        let plain = SARIFReport.sarif(report, toolVersion: "1").rendered(indent: nil)
        XCTAssertTrue(plain.contains(#""uri":"env/conda.yaml""#), "no ./ in the plain layout either: \(plain)")

        let annotations = GitHubAnnotations.lines(report, root: "/home/runner/work/r/r").split(separator: "\n")
        XCTAssertEqual(annotations.map { $0.split(separator: ",").first.map(String.init) }, [
            "::warning file=env/conda.yaml", "::error file=reqs/a.txt", "::error file=/elsewhere/a.txt",
        ])
    }

    func testRepositoryPath() {
        XCTAssertEqual(RepositoryPath.relative("./a/./b//c"), "a/b/c")
        XCTAssertEqual(RepositoryPath.relative("././a"), "a")
        XCTAssertEqual(RepositoryPath.relative("../a/b"), "../a/b")
        XCTAssertEqual(RepositoryPath.relative("/r/a", root: "/r"), "a")
        XCTAssertEqual(RepositoryPath.relative("/rr/a", root: "/r"), "/rr/a", "only beneath the root")
        XCTAssertEqual(RepositoryPath.relative("/a", root: "/"), "/a")
        XCTAssertEqual(RepositoryPath.relative("."), ".")
    }
}
