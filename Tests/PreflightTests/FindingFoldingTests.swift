import Checks
import Foundation
import Reports
import Audit
import Resolver
import TestSupport
import XCTest

/// One cause, one finding: an unreachable source lists what it left unknown and is counted
/// apart from errors to fix; floods of copies fold into one finding with its count; a finding
/// identical on every target of a matrix is reported once with all of them; and audits diff
/// the folded findings against reports written before folding as if nothing had changed.
final class FindingFoldingTests: XCTestCase {
    static let py38 = Target(python: "3.8", platform: "linux-64", glibc: "2.28")
    static let py310 = Target(python: "3.10", platform: "linux-64", glibc: "2.28")

    static func finding(_ code: FindingCode, _ package: String?, line: Int, via: [String] = [], target: Target = py38,
                        message: String, requirement: String? = nil) -> Finding {
        Finding(severity: code.defaultSeverity, code: code, source: "pypi", package: package, requirement: requirement ?? package,
                path: "r.txt", line: line, column: 1, target: target, via: via, message: message)
    }

    static func json(_ result: CLIResult) -> [String: Any] { result.json() }
    static func findings(_ result: CLIResult) -> [[String: Any]] {
        (json(result)["specs"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
    }

    // MARK: - Unknown is not error

    /// An index that refuses connections: one finding for it, which lists every requirement
    /// whose verdict it left unknown (JSON and message), `summary.unknown` counts it, and the
    /// text summary counts it apart from the errors to fix. Exit 3 and `summary.errors` as before.
    func testRefusingIndexListsThePackagesItLeftUnknown() throws {
        let refusing = try LoopbackHTTPServer { _ in .reset }
        let index = refusing.url("/simple")
        refusing.stop()  // nothing listens on the port any more: connections are refused
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("requirements.txt")
        try "demo==2.0\nsdist-only\nparent==1.0\n".write(to: spec, atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent("c.yaml")
        try "network:\n  request_timeout: 3\n".write(to: config, atomically: true, encoding: .utf8)
        func run(_ format: String) throws -> CLIResult {
            try CLIRunner.run(["check", "--index-url", index, "--cache-dir", dir.appendingPathComponent("c").path,
                               "--config", config.path, "--format", format, spec.path])
        }
        let result = try run("json")
        XCTAssertEqual(result.status, 3, result.stderr)
        let unreachable = Self.findings(result).filter { $0["code"] as? String == "source-unreachable" }
        XCTAssertEqual(unreachable.count, 1, "\(unreachable)")
        XCTAssertEqual(unreachable.first?["unknown_packages"] as? [String], ["demo", "sdist-only", "parent"])
        let message = unreachable.first?["message"] as? String ?? ""
        XCTAssertTrue(message.hasSuffix("could not connect after 4 attempts (Couldn't connect to server); verdict unknown for: demo, sdist-only, parent"), message)
        let summary = Self.json(result)["summary"] as? [String: Int]
        XCTAssertEqual(summary?["errors"], 1, "still an error")
        XCTAssertEqual(summary?["unknown"], 1)
        let text = try run("text")
        XCTAssertEqual(text.status, 3)
        XCTAssertTrue(text.stdout.trimmingCharacters(in: .newlines).hasSuffix("0 errors, 1 unreachable source (3 packages left unknown), 0 warnings in 1 spec"), text.stdout)
        XCTAssertTrue(text.stdout.contains("checked for py3.10 linux-64 glibc 2.28; 1 unreachable source (3 packages left unknown)\n"), text.stdout)
        let github = try run("github")
        XCTAssertTrue(github.stdout.contains("::notice title=preflight::0 errors, 1 unreachable source (3 packages left unknown), 0 warnings in 1 spec"),
                      github.stdout)
        let junit = try run("junit")
        XCTAssertTrue(junit.stdout.contains("failures=\"0\" errors=\"1\""), junit.stdout)
        XCTAssertTrue(junit.stdout.contains("<error message="), "no verdict is a JUnit error, not a failure: \(junit.stdout)")
    }

    /// Copies of one unreachable source, each for another package and target, fold into the
    /// first, which lists every package once; a conda line's copy contributes its package name
    /// though the finding names no package.
    func testUnreachableCopiesCollectTheirPackages() {
        var conda = Finding(severity: .error, code: .sourceUnreachable, source: "conda", path: "e.yml", line: 4, target: Self.py38,
                            message: "channel https://c.example/forge could not be read: timeout; verdicts that need it are unknown")
        conda.unknownPackages = ["numpy"]
        var condaAgain = conda
        condaAgain.line = 5
        condaAgain.target = Self.py310
        condaAgain.unknownPackages = ["scipy"]
        let pip = [("a", 7), ("b", 8), ("a", 7)].map { name, line in
            Self.finding(.sourceUnreachable, name, line: line, message: "https://i.example/simple could not be reached: refused; the verdict for \(name) is unknown")
        }
        // A dependency's lookup names only the page that failed: its origin is the source.
        let dependency = Self.finding(.sourceUnreachable, "c", line: 8, via: ["b==1"], message: "https://i.example/simple/c/: refused")
        let otherDependency = Self.finding(.sourceUnreachable, "d", line: 8, via: ["b==1"], message: "https://i.example/simple/d/: refused")
        let folded = FindingFolding.folded([conda, condaAgain] + pip + [dependency, otherDependency])
        XCTAssertEqual(folded.map(\.unknownPackages), [["numpy", "scipy"], ["a", "b"], ["c", "d"]])
        XCTAssertEqual(folded.map(\.line), [4, 7, 8], "the first copy stands for them")
        XCTAssertTrue(folded[0].message.hasSuffix("; verdict unknown for: numpy, scipy"), folded[0].message)
        XCTAssertEqual(CheckReport(specs: [SpecReport(path: "e.yml", kind: "conda-environment", targets: [], findings: folded)]).unreachableSources, 3)
    }

    // MARK: - Floods

    /// The corpus's flood: a Python list pasted into requirements.txt gives one parse error per
    /// line. It folds into one finding at the first line with every line; two unrelated
    /// top-level failures stay two findings.
    func testOneParseErrorOnEveryLineIsOneFinding() {
        let lines = (1...17).map { (n: Int) in
            Finding(severity: .error, code: .invalidSpec, source: "pypi", requirement: "'pkg\(n)',", path: "r.txt", line: n, column: 5,
                    message: "not a valid PEP 508 requirement: Expected package name at the start of dependency specifier\n    'pkg\(n)',\n    ^")
        }
        let distinct = [
            Self.finding(.versionNotFound, "numpy", line: 20, message: "numpy has no version 9.9"),
            Self.finding(.versionNotFound, "scipy", line: 21, message: "scipy has no version 9.9"),
        ]
        let folded = FindingFolding.folded(lines + distinct)
        XCTAssertEqual(folded.count, 3, "\(folded.map(\.message))")
        XCTAssertEqual(folded[0].lines, Array(1...17))
        XCTAssertEqual(folded[0].line, 1)
        XCTAssertTrue(folded[0].message.hasPrefix("not a valid PEP 508 requirement: Expected package name at the start of dependency specifier (the same on 17 lines: 1, 2, 3, 4, 5, 6, 7, 8 …(+9))\n    'pkg1',"), folded[0].message)
        XCTAssertEqual(folded[1...].map(\.package), ["numpy", "scipy"], "distinct packages with distinct fixes are not a flood")
        XCTAssertTrue(folded[1...].allSatisfy { $0.packages.isEmpty && $0.lines.isEmpty })
        let two = FindingFolding.folded(Array(lines.prefix(2)))
        XCTAssertEqual(two.count, 2, "two bad lines are likelier two typos than one cause")
    }

    /// The same through `check`: the corpus's Python list pasted into requirements.txt is one
    /// `invalid-spec` error with every line, and the rest of the file is still checked.
    func testAPastedPythonListIsOneInvalidSpecFinding() throws {
        let server = try FakeIndex.start()
        let dir = CLIRunner.temporaryDirectory()
        defer { server.stop(); try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("requirements.txt")
        try "    'jsonpickle',\n    'mlflow==2.3.1',\n    'azureml-core>=1.43.0',\n    'Pillow==9.4.0'\nno-such-project-anywhere\n"
            .write(to: spec, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("c").path,
                                        "--format", "json", "--python", "3.8", spec.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        let invalid = Self.findings(result).filter { $0["code"] as? String == "invalid-spec" }
        XCTAssertEqual(invalid.count, 1, "\(invalid)")
        XCTAssertEqual(invalid.first?["line"] as? Int, 1)
        XCTAssertEqual(invalid.first?["lines"] as? [Int], [1, 2, 3, 4])
        XCTAssertTrue((invalid.first?["message"] as? String ?? "").contains("(the same on 4 lines: 1, 2, 3, 4)"), "\(invalid)")
        XCTAssertEqual(Self.findings(result).filter { $0["code"] as? String == "package-not-found" }.count, 1)
        XCTAssertEqual((Self.json(result)["summary"] as? [String: Int])?["errors"], 2)
    }

    /// One dependency reached from three lines, and many dependencies of one requirement that
    /// fail alike: one finding each, with its lines or packages.
    func testOneDependencyThroughManyChainsAndManyDependenciesOfOneRoot() {
        let wrapt = [(17, "azureml-defaults==1.48.0"), (28, "azureml-inference-server-http==0.7.7"), (29, "inference-schema==1.4.2.1")].map { line, root in
            Self.finding(.sdistOnly, "wrapt", line: line, via: [root], message: "wrapt (needed by \(root)) has only a source distribution")
        }
        let family = ["libfoo", "libbar", "libbaz", "libqux"].map { (name: String) in
            Self.finding(.dependencyNotFound, name, line: 3, via: ["tool==1.0"], message: "\(name) (needed by tool==1.0): no package named \(name) in the channels searched")
        }
        let folded = FindingFolding.folded(wrapt + family)
        XCTAssertEqual(folded.count, 2, "\(folded.map(\.message))")
        XCTAssertEqual(folded[0].lines, [17, 28, 29])
        XCTAssertTrue(folded[0].message.hasSuffix("; also needed by azureml-inference-server-http==0.7.7, inference-schema==1.4.2.1"), folded[0].message)
        XCTAssertEqual(folded[1].package, "libfoo")
        XCTAssertEqual(folded[1].packages, ["libfoo", "libbar", "libbaz", "libqux"])
        XCTAssertTrue(folded[1].message.hasSuffix("; the same for 3 more dependencies of tool==1.0: libbar, libbaz, libqux"), folded[1].message)
    }

    // MARK: - Target matrix

    /// `--python 3.8 --python 3.10`: a verdict the same on both targets (a package that does not
    /// exist; a dependency that is sdist-only, whose message names its target) is one finding
    /// with both targets, once in the text, the annotations and the SARIF results.
    func testAMatrixReportsAFindingOnceWithAllItsTargets() throws {
        let server = try FakeIndex.start()
        let dir = CLIRunner.temporaryDirectory()
        defer { server.stop(); try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("requirements.txt")
        try "no-such-project-anywhere==1.0\nneeds-sdist==1.0\n".write(to: spec, atomically: true, encoding: .utf8)
        func run(_ format: String) throws -> CLIResult {
            try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("c").path,
                               "--python", "3.8", "--python", "3.10", "--platform", "linux-64", "--format", format, spec.path])
        }
        let json = try run("json")
        XCTAssertEqual(json.status, 1, json.stderr)
        let all = Self.findings(json)
        for (line, code) in [(1, "package-not-found"), (2, "sdist-only")] {
            let here = all.filter { $0["line"] as? Int == line && $0["code"] as? String == code }
            XCTAssertEqual(here.count, 1, "line \(line) once for both targets: \(all)")
            XCTAssertEqual((here.first?["target"] as? [String: Any])?["python"] as? String, "3.8", "target is the first")
            XCTAssertEqual((here.first?["targets"] as? [[String: Any]])?.compactMap { $0["python"] as? String }, ["3.8", "3.10"])
        }
        let sdist = all.first { $0["code"] as? String == "sdist-only" }?["message"] as? String ?? ""
        XCTAssertTrue(sdist.contains("py3.8 linux-64 glibc 2.28, py3.10 linux-64 glibc 2.28"), sdist)
        let text = try run("text")
        XCTAssertTrue(text.stdout.contains("    for: py3.8 linux-64 glibc 2.28, py3.10 linux-64 glibc 2.28"), text.stdout)
        let github = try run("github")
        XCTAssertEqual(github.stdout.components(separatedBy: "title=package-not-found").count - 1, 1, github.stdout)
        // SARIF for code scanning has a run per target (each its own category of alerts): the
        // merged finding is in each, once, stated for that run's target.
        let runs = try run("sarif").json()["runs"] as? [[String: Any]] ?? []
        XCTAssertEqual(runs.count, 2)
        for (run, python) in zip(runs, ["3.8", "3.10"]) {
            let results = (run["results"] as? [[String: Any]] ?? []).filter { $0["ruleId"] as? String == "package-not-found" }
            XCTAssertEqual(results.count, 1, "\(results)")
            XCTAssertEqual(((results.first?["properties"] as? [String: Any])?["target"] as? [String: Any])?["python"] as? String, python)
        }
    }

    // MARK: - Audit diff

    /// A report written before findings were folded (one finding per target and per line)
    /// and one written after describe the same problems: diffing either way round finds
    /// nothing new and nothing fixed, and the first-seen date carries over.
    func testFoldedFindingsDiffAgainstUnfoldedReports() throws {
        let invalid = (1...4).map { (n: Int) in
            Finding(severity: .error, code: .invalidSpec, path: "r.txt", line: n, column: 1, message: "bad line\n  x\(n)")
        }
        let perTarget = [Self.py38, Self.py310].map { target in
            Self.finding(.packageNotFound, "nope", line: 9, target: target, message: "no package named nope")
        }
        let family = ["libfoo", "libbar", "libbaz"].map { (name: String) in
            Self.finding(.dependencyNotFound, name, line: 3, via: ["tool==1.0"], message: "\(name) is missing")
        }
        let unfolded = invalid + perTarget + family
        func report(_ findings: [Finding]) -> CheckReport {
            CheckReport(specs: [SpecReport(path: "r.txt", kind: "pip-requirements", targets: [Self.py38, Self.py310], findings: findings)])
        }
        let folded = FindingFolding.folded(unfolded)
        XCTAssertEqual(folded.count, 3, "\(folded)")
        // Written before: every finding on its own, read back from its report.json.
        let before = AuditDiff.run(report: report(unfolded), generated: "2024-05-01T02:00:00Z", previous: nil)
        let written = AuditJSONReport.json(before).rendered()
        let readBack = try AuditReportReader.run(fromJSON: Data(written.utf8), path: "report.json", fallbackGenerated: "x")
        let after = AuditDiff.run(report: report(folded), generated: "2024-05-02T02:00:00Z", previous: readBack)
        XCTAssertEqual(after.counts.new, 0, "\(after.findingHistory)")
        XCTAssertEqual(after.counts.fixed, 0, "\(after.fixed.map(\.finding))")
        XCTAssertTrue(after.findingHistory.joined().allSatisfy { $0.firstSeen == "2024-05-01" })
        // And back: folded findings read back from JSON keep what they stand for.
        let foldedBack = try AuditReportReader.run(fromJSON: Data(AuditJSONReport.json(after).rendered().utf8), path: "report.json", fallbackGenerated: "x")
        let unfoldedAgain = AuditDiff.run(report: report(unfolded), generated: "2024-05-03T02:00:00Z", previous: foldedBack)
        XCTAssertEqual(unfoldedAgain.counts.new, 0)
        XCTAssertEqual(unfoldedAgain.counts.fixed, 0)
        // A member that was not there before makes the folded finding new, but not its cause's date.
        let grown = FindingFolding.folded(unfolded + [Self.finding(.dependencyNotFound, "libnew", line: 3, via: ["tool==1.0"], message: "libnew is missing")])
        let grownRun = AuditDiff.run(report: report(grown), generated: "2024-05-02T02:00:00Z", previous: readBack)
        XCTAssertEqual(grownRun.counts.new, 1, "\(grown.map(\.message))")
        XCTAssertEqual(grownRun.findingHistory.joined().map(\.firstSeen), ["2024-05-01", "2024-05-01", "2024-05-01"], "\(grown.map(\.message))")
    }

    // MARK: - Trend

    /// The chart draws errors to fix and unreachable sources as two lines, a point per run.
    func testTrendChartPlotsUnreachableSourcesApartFromErrors() throws {
        var history = AuditHistory()
        for (time, errors, unknown) in [("2024-05-01T02:00:00Z", 5, 3), ("2024-05-01T14:00:00Z", 4, 0), ("2024-05-02T02:00:00Z", 7, 6)] {
            history = history.appending(.init(generated: time, specs: 3, errors: errors, warnings: 1, new: 0, fixed: 0, unknown: unknown))
        }
        let svg = try XCTUnwrap(AuditTrendChart.svg(history))
        XCTAssertEqual(svg.components(separatedBy: "<circle class=\"dot unknown\"").count - 1, 3)
        XCTAssertEqual(svg.components(separatedBy: "<circle class=\"dot errors\"").count - 1, 3)
        XCTAssertTrue(svg.contains("2024-05-01 02:00 UTC: 2 errors<"), "errors to fix, not counting the outage: \(svg)")
        XCTAssertTrue(svg.contains("2024-05-01 02:00 UTC: 3 unreachable sources<"), svg)
        XCTAssertTrue(svg.contains("unreachable sources (6)"))
        // The count survives history.json.
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("history.json")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try AuditJSONReport.historyJSON(history).rendered().write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try AuditReportReader.history(fromFile: file.path).entries.map(\.unknown), [3, 0, 6])
    }
}
