import Foundation
import TestSupport
import XCTest

/// `check` resolves a spec's pip requirements together: conflicts are `unsatisfiable` with the
/// explanation and the lines involved, and each spec states what would be installed per target.
final class ResolutionTests: XCTestCase {
    var server: LoopbackHTTPServer!
    var dir: URL!

    override func setUpWithError() throws {
        server = try ResolutionIndex.start()
        dir = CLIRunner.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    func check(_ lines: [String], _ extra: [String] = [], format: String = "json", file: String = "requirements.txt") throws -> CLIResult {
        let spec = dir.appendingPathComponent(file)
        try (lines.joined(separator: "\n") + "\n").write(to: spec, atomically: true, encoding: .utf8)
        let targets = extra.contains("--python") ? [] : ["--python", "3.8"]
        return try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                  "--format", format, "--platform", "linux-64"] + targets + extra + [spec.path])
    }

    func spec(_ result: CLIResult) -> [String: Any] { (result.json()["specs"] as? [[String: Any]])?.first ?? [:] }
    func findings(_ result: CLIResult, code: String) -> [[String: Any]] {
        (spec(result)["findings"] as? [[String: Any]] ?? []).filter { $0["code"] as? String == code }
    }
    func resolution(_ result: CLIResult) -> [[String: Any]] { spec(result)["resolution"] as? [[String: Any]] ?? [] }
    func versions(_ entry: [String: Any]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (entry["packages"] as? [[String: Any]] ?? []).map { ($0["name"] as! String, $0["version"] as! String) })
    }

    func testConflictingPinsAreUnsatisfiableWithTheExplanation() throws {
        let result = try check(["pandas==2.0.3", "numpy==1.19.5"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let conflict = try XCTUnwrap(findings(result, code: "unsatisfiable").first, "\(result.stdout)")
        XCTAssertEqual(conflict["message"] as? String, """
            Because you require pandas==2.0.3 which depends on numpy>=1.20.3, we can conclude that you require numpy>=1.20.3.
            And because you require numpy==1.19.5, we can conclude that your requirements are unsatisfiable.
            """)
        XCTAssertEqual(conflict["line"] as? Int, 1)
        XCTAssertEqual((conflict["related"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }, [1, 2])
        XCTAssertEqual((conflict["related"] as? [[String: Any]])?.compactMap { $0["requirement"] as? String }, ["pandas==2.0.3", "numpy==1.19.5"])
        XCTAssertEqual((conflict["suggestions"] as? [String])?.first,
                       "numpy>=1.20.3 would resolve instead of numpy==1.19.5 (the newest that does is 1.24.4)")
        XCTAssertEqual(resolution(result).first?["status"] as? String, "unsatisfiable")

        let sarif = try check(["pandas==2.0.3", "numpy==1.19.5"], format: "sarif")
        let results = ((sarif.json()["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let related = results.first { $0["ruleId"] as? String == "unsatisfiable" }?["relatedLocations"] as? [[String: Any]]
        XCTAssertEqual(related?.count, 2, sarif.stdout)

        let github = try check(["pandas==2.0.3", "numpy==1.19.5"], format: "github")
        let annotations = github.stdout.split(separator: "\n").filter { $0.contains("title=unsatisfiable") }
        XCTAssertEqual(annotations.count, 2, "one annotation per line involved:\n\(github.stdout)")
        XCTAssertTrue(annotations.contains { $0.contains(",line=2,") }, github.stdout)

        let text = try check(["pandas==2.0.3", "numpy==1.19.5"], format: "text")
        XCTAssertTrue(text.stdout.contains("these requirements cannot be installed together on py3.8 linux-64"), text.stdout)
        XCTAssertTrue(text.stdout.contains("    ╰─▶ Because you require pandas==2.0.3"), text.stdout)
        XCTAssertTrue(text.stdout.contains("    fix: numpy>=1.20.3 would resolve"), text.stdout)
    }

    func testTheResolvedSetNamesTheFileOfEachPackage() throws {
        let result = try check(["pandas==2.0.3"])
        XCTAssertEqual(result.status, 0, result.stdout)
        let entry = try XCTUnwrap(resolution(result).first)
        XCTAssertEqual(entry["status"] as? String, "resolved")
        XCTAssertEqual(versions(entry), ["pandas": "2.0.3", "numpy": "1.24.4", "python-dateutil": "2.8.2", "six": "1.16.0"])
        let numpy = (entry["packages"] as? [[String: Any]])?.first { $0["name"] as? String == "numpy" }
        XCTAssertEqual(numpy?["filename"] as? String, "numpy-1.24.4-py3-none-any.whl")
        XCTAssertEqual(numpy?["source"] as? String, "pypi")
    }

    func testAnOlderVersionIsChosenWhenTheNewestConflicts() throws {
        let result = try check(["pandas", "numpy==1.19.5"])
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertEqual(versions(try XCTUnwrap(resolution(result).first)), ["pandas": "1.4.4", "numpy": "1.19.5"])
    }

    func testAConflictThreeLevelsDeepNamesEveryPackageOfTheChain() throws {
        let result = try check(["top==1.0", "pandas==2.0.3"])
        XCTAssertEqual(result.status, 1)
        let message = try XCTUnwrap(findings(result, code: "unsatisfiable").first?["message"] as? String, result.stdout)
        for name in ["top", "mid>=1.0", "low>=1.0", "numpy<1.20", "pandas==2.0.3"] {
            XCTAssertTrue(message.contains(name), "\(name) missing from:\n\(message)")
        }
    }

    func testExtrasAreResolvedAsTheirOwnPackages() throws {
        let conflict = try check(["requests[socks]==2.28.1", "pysocks==1.5.7"])
        XCTAssertEqual(conflict.status, 1, conflict.stdout)
        XCTAssertTrue((findings(conflict, code: "unsatisfiable").first?["message"] as? String ?? "").contains("requests[socks]"), conflict.stdout)
        let plain = try check(["requests==2.28.1", "pysocks==1.5.7"])
        XCTAssertEqual(plain.status, 0, plain.stdout)
        let resolved = try check(["requests[socks]==2.28.1"])
        XCTAssertEqual(versions(try XCTUnwrap(resolution(resolved).first))["pysocks"], "1.7.1")
    }

    func testAMarkerMakesTheSpecUnsatisfiableOnOneTargetOnly() throws {
        let result = try check(["oldpy==1.0", "numpy==1.24.4"], ["--python", "3.8", "--python", "3.11"])
        XCTAssertEqual(result.status, 1)
        let statuses = resolution(result).map { "\(($0["target"] as? [String: Any])?["python"] ?? "")=\($0["status"] ?? "")" }
        XCTAssertEqual(statuses, ["3.8=unsatisfiable", "3.11=resolved"])
        let conflicts = findings(result, code: "unsatisfiable")
        XCTAssertEqual(conflicts.compactMap { ($0["target"] as? [String: Any])?["python"] as? String }, ["3.8"])
    }

    func testCyclesResolve() throws {
        let result = try check(["cyc-a"])
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertEqual(versions(try XCTUnwrap(resolution(result).first)), ["cyc-a": "1.0", "cyc-b": "1.0"])
    }

    func testAnInvalidDependencyIsReportedAndTheRestResolved() throws {
        let result = try check(["broken==1.0"])
        XCTAssertEqual(result.status, 0, result.stdout)
        let note = try XCTUnwrap(findings(result, code: "dependencies-unknown").first { ($0["message"] as? String ?? "").contains("numpy (>=> 1)") },
                                 result.stdout)
        XCTAssertEqual(note["severity"] as? String, "info")
        XCTAssertEqual(versions(try XCTUnwrap(resolution(result).first)), ["broken": "1.0", "six": "1.16.0"])
    }

    func testAPackageWhoseMetadataCannotBeReadIsResolvedAsHavingNoneAndSaysSo() throws {
        let result = try check(["opaque==1.0", "six"])
        XCTAssertEqual(versions(try XCTUnwrap(resolution(result).first)), ["opaque": "1.0", "six": "1.16.0"], result.stdout)
        let notes = findings(result, code: "dependencies-unknown").filter { $0["package"] as? String == "opaque" }
        XCTAssertFalse(notes.isEmpty, result.stdout)
        XCTAssertTrue(notes.allSatisfy { $0["severity"] as? String == "info" }, result.stdout)
        XCTAssertTrue(notes.allSatisfy { ($0["message"] as? String ?? "").contains("the resolution treated it as having none") }, result.stdout)
    }

    /// A wheel URL pins its project to that wheel, as pip installs exactly that file.
    func testAWheelURLTakesPartAsItsVersion() throws {
        let old = "numpy @ " + server.url("/files/numpy-1.19.5-py3-none-any.whl")
        let conflict = try check(["pandas==2.0.3", old])
        XCTAssertEqual(resolution(conflict).first?["status"] as? String, "unsatisfiable", conflict.stdout)
        let related = (findings(conflict, code: "unsatisfiable").first?["related"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }
        XCTAssertEqual(related, [1, 2], conflict.stdout)
        let fine = try check(["pandas==2.0.3", "numpy @ " + server.url("/files/numpy-1.24.4-py3-none-any.whl")])
        let entry = try XCTUnwrap(resolution(fine).first, fine.stdout)
        XCTAssertEqual(entry["status"] as? String, "resolved", fine.stdout)
        let numpy = (entry["packages"] as? [[String: Any]])?.first { $0["name"] as? String == "numpy" }
        XCTAssertEqual(numpy?["version"] as? String, "1.24.4")
        XCTAssertEqual(numpy?["filename"] as? String, "numpy-1.24.4-py3-none-any.whl")
    }

    func testConstraintsLimitWithoutInstalling() throws {
        try "numpy<1.24\npysocks<1.7\n".write(to: dir.appendingPathComponent("constraints.txt"), atomically: true, encoding: .utf8)
        let result = try check(["-c constraints.txt", "numpy"])
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertEqual(versions(try XCTUnwrap(resolution(result).first)), ["numpy": "1.20.3"])
    }

    func testNoResolveChecksAvailabilityOnly() throws {
        let result = try check(["pandas==2.0.3", "numpy==1.19.5"], ["--no-resolve"])
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertNil(spec(result)["resolution"])
        XCTAssertTrue(findings(result, code: "unsatisfiable").isEmpty)
    }

    func testAResolutionPastItsLimitIsUnknownAndSaysSo() throws {
        let config = dir.appendingPathComponent("preflight.yaml")
        try "resolver:\n  max_seconds: 0\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try check(["pandas==2.0.3", "numpy==1.19.5"], ["--config", config.path])
        XCTAssertEqual(resolution(result).first?["status"] as? String, "unknown", result.stdout)
        let warning = try XCTUnwrap(findings(result, code: "resolution-too-complex").first, result.stdout)
        XCTAssertEqual(warning["severity"] as? String, "warning")
        XCTAssertTrue(findings(result, code: "unsatisfiable").isEmpty)
    }

    /// The limit is on the search: an index that answers each metadata request late (a cold audit's
    /// queue) makes the resolution slow, not complex. Here every load outlasts the whole limit.
    func testWaitingForASlowIndexDoesNotCountAgainstTheSearchLimit() throws {
        server.stop()
        server = try ResolutionIndex.start(metadataDelay: 1.2)
        let config = dir.appendingPathComponent("preflight.yaml")
        try "resolver:\n  max_seconds: 1\n".write(to: config, atomically: true, encoding: .utf8)
        // Backtracking down the azure-monitor-opentelemetry releases loads their metadata in rounds.
        let result = try check(["azure-ai-ml"], ["--config", config.path])
        XCTAssertTrue(findings(result, code: "resolution-too-complex").isEmpty, result.stdout)
        XCTAssertEqual(versions(try XCTUnwrap(resolution(result).first))["azure-monitor-opentelemetry"], "1.0.0", result.stdout)
    }

    /// Issue 17.1: azure-ai-ml on Python 3.8. The walk tries 12 versions of
    /// azure-monitor-opentelemetry, each needing an opentelemetry-sdk for Python 3.9, and stops;
    /// pip (and the resolution) go on to 1.0.0, which installs. Stopping is not a missing dependency.
    func testTheWalkSaysWhereItStoppedInsteadOfCallingADependencyMissing() throws {
        let walked = try check(["azure-ai-ml"], ["--no-resolve"])
        XCTAssertEqual(walked.status, 0, walked.stdout)
        XCTAssertEqual(findings(walked, code: "dependency-not-found").count, 0, walked.stdout)
        let stopped = try XCTUnwrap(findings(walked, code: "backtrack-limit").first, walked.stdout)
        XCTAssertEqual(stopped["severity"] as? String, "warning")
        XCTAssertEqual(stopped["package"] as? String, "azure-monitor-opentelemetry")
        XCTAssertEqual(stopped["via"] as? [String], ["azure-ai-ml==1.32.0"])
        let message = stopped["message"] as? String ?? ""
        XCTAssertTrue(message.contains("the 12 newest of its 14 versions for py3.8 linux-64 glibc 2.28"), message)
        XCTAssertTrue(message.contains("not checked past 12 versions"), message)
        XCTAssertTrue(message.contains("azure-monitor-opentelemetry==1.8.10 needs opentelemetry-sdk~=1.44.0: no matching version supports Python 3.8"), message)

        let resolved = try check(["azure-ai-ml"])
        XCTAssertEqual(resolved.status, 0, resolved.stdout)
        XCTAssertEqual(versions(try XCTUnwrap(resolution(resolved).first))["azure-monitor-opentelemetry"], "1.0.0")
        XCTAssertTrue((spec(resolved)["findings"] as? [[String: Any]] ?? []).isEmpty, resolved.stdout)
    }

    /// A package whose every version lacks a dependency is still an error: the walk tried them all.
    func testAMissingDependencyOfEveryVersionIsStillAnError() throws {
        let result = try check(["azure-monitor-lite"], ["--no-resolve"])
        XCTAssertEqual(result.status, 1, result.stdout)
        let missing = try XCTUnwrap(findings(result, code: "dependency-not-found").first, result.stdout)
        XCTAssertEqual(missing["message"] as? String,
                       "opentelemetry-sdk~=1.44.0 (needed by azure-monitor-lite==1.8.0): no matching version supports Python 3.8")
        XCTAssertTrue(findings(result, code: "backtrack-limit").isEmpty, result.stdout)
    }
}
