import Foundation
import TestSupport
import XCTest

/// `check` solves a conda environment the way conda does, then resolves its `pip:` section on top
/// of what conda installs. Channels are the real snapshots in ../shared/fixtures/conda.
final class CondaResolutionTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = CLIRunner.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func channel(_ name: String) throws -> String {
        let path = CLIRunner.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/conda/\(name)")
        guard FileManager.default.fileExists(atPath: path.path) else {
            throw XCTSkip("../shared/fixtures/conda is absent (a plain clone outside the workspace)")
        }
        return "file://" + path.path
    }

    func check(channels: [String], dependencies: [String], pip: [String] = [], _ extra: [String] = []) throws -> CLIResult {
        var yaml = "name: t\nchannels:\n" + channels.map { "  - \($0)\n" }.joined() + "dependencies:\n"
        yaml += dependencies.map { "  - \($0)\n" }.joined()
        if !pip.isEmpty { yaml += "  - pip:\n" + pip.map { "    - \($0)\n" }.joined() }
        let spec = dir.appendingPathComponent("environment.yml")
        try yaml.write(to: spec, atomically: true, encoding: .utf8)
        return try CLIRunner.run(["check", "--format", "json", "--platform", "linux-64", "--cache-dir", dir.appendingPathComponent("cache").path]
                                 + extra + [spec.path])
    }

    func spec(_ result: CLIResult) -> [String: Any] { (result.json()["specs"] as? [[String: Any]])?.first ?? [:] }
    func entry(_ result: CLIResult) -> [String: Any] { (spec(result)["resolution"] as? [[String: Any]])?.first ?? [:] }
    func packages(_ result: CLIResult, source: String) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for package in entry(result)["packages"] as? [[String: Any]] ?? [] where package["source"] as? String == source {
            out[package["name"] as! String] = package
        }
        return out
    }
    func conflicts(_ result: CLIResult) -> [[String: Any]] {
        (spec(result)["findings"] as? [[String: Any]] ?? []).filter { $0["code"] as? String == "unsatisfiable" }
    }

    func testAnEnvironmentSolvesToRecordsWithChannelAndBuild() throws {
        let index4 = try channel("index4")
        let result = try check(channels: [index4], dependencies: ["python=3.6", "numpy", "pandas"])
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertEqual(entry(result)["status"] as? String, "resolved")
        let conda = packages(result, source: "conda")
        XCTAssertEqual(conda["python"]?["version"] as? String, "3.6.6")
        XCTAssertEqual(conda["numpy"]?["version"] as? String, "1.15.0")
        XCTAssertEqual(conda["numpy"]?["build"] as? String, "py36h1b885b7_0")
        XCTAssertEqual(conda["numpy"]?["channel"] as? String, index4)
        XCTAssertEqual(conda["pandas"]?["filename"] as? String, "pandas-0.23.4-py36h04863e7_0.tar.bz2")
        XCTAssertNotNil(conda["mkl"], "dependencies of dependencies are solved too")
    }

    /// With no `pip:` section pip installs nothing, so what conda installed is not resolved again
    /// against PyPI: an index that cannot be reached changes nothing.
    func testACondaOnlyEnvironmentDoesNotNeedThePythonIndex() throws {
        let gone = try LoopbackHTTPServer(routes: [:])
        let port = gone.port
        gone.stop()
        let result = try check(channels: [try channel("index4")], dependencies: ["python=3.6", "numpy", "pandas"],
                               ["--index-url", "http://127.0.0.1:\(port)/simple"])
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertEqual(entry(result)["status"] as? String, "resolved")
        XCTAssertEqual(packages(result, source: "conda")["numpy"]?["version"] as? String, "1.15.0")
        XCTAssertFalse(result.stdout.contains("source-unreachable"), result.stdout)
    }

    func testConflictingCondaPinsAreUnsatisfiable() throws {
        let result = try check(channels: [try channel("index4")], dependencies: ["python=3.6", "numpy=1.15", "numpy-base=1.14"])
        XCTAssertEqual(result.status, 1, result.stdout)
        let conflict = try XCTUnwrap(conflicts(result).first, result.stdout)
        XCTAssertEqual(conflict["source"] as? String, "conda")
        let message = conflict["message"] as? String ?? ""
        XCTAssertTrue(message.contains("numpy-base"), message)
        XCTAssertTrue(message.contains("your requirements are unsatisfiable"), message)
        let lines = (conflict["related"] as? [[String: Any]] ?? []).compactMap { $0["line"] as? Int }
        XCTAssertTrue(lines.contains(6) && lines.contains(7), "\(lines)")
        XCTAssertEqual(entry(result)["status"] as? String, "unsatisfiable")
    }

    func testAVirtualPackageTheTargetLacksIsExplained() throws {
        let index = try channel("index")
        let without = try check(channels: [index], dependencies: ["cudatoolkit=10.0"])
        XCTAssertEqual(entry(without)["status"] as? String, "unsatisfiable", without.stdout)
        // The requirement's own finding explains it, so it is not repeated as unsatisfiable.
        let findings = spec(without)["findings"] as? [[String: Any]] ?? []
        XCTAssertEqual(findings.compactMap { $0["code"] as? String }, ["no-compatible-distribution"], without.stdout)
        XCTAssertTrue((findings.first?["message"] as? String ?? "").contains("__cuda"), without.stdout)
        let with = try check(channels: [index], dependencies: ["cudatoolkit=10.0"], ["--cuda", "10.2"])
        XCTAssertEqual(entry(with)["status"] as? String, "resolved", with.stdout)
        XCTAssertNil(packages(with, source: "conda")["__cuda"], "virtual packages are not installed")
    }

    func testThePipSectionIsResolvedOnTopOfWhatCondaInstalls() throws {
        let server = try ResolutionIndex.start()
        defer { server.stop() }
        let index4 = try channel("index4")
        let conflict = try check(channels: [index4], dependencies: ["python=3.6", "numpy=1.11", "pip"], pip: ["numpy>=1.19"],
                                 ["--index-url", server.url("/simple")])
        XCTAssertEqual(conflict.status, 1, conflict.stdout)
        let finding = try XCTUnwrap(conflicts(conflict).first { $0["source"] as? String == "pypi" }, conflict.stdout)
        XCTAssertTrue((finding["message"] as? String ?? "").contains("numpy==1.11.3 (installed by conda)"), "\(finding)")
        XCTAssertEqual((finding["related"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }, [6, 9],
                       "the conda line and the pip line")

        // Every pandas on the index needs numpy>=1.18.5, and conda's numpy 1.15.0 stays: pip has no pandas that fits.
        let held = try check(channels: [index4], dependencies: ["python=3.6", "numpy=1.15", "pip"], pip: ["pandas"],
                             ["--index-url", server.url("/simple")])
        XCTAssertEqual(entry(held)["status"] as? String, "unsatisfiable", held.stdout)

        let fine = try check(channels: [index4], dependencies: ["python=3.6", "numpy=1.15", "pip"], pip: ["cyc-a"],
                             ["--index-url", server.url("/simple")])
        XCTAssertEqual(entry(fine)["status"] as? String, "resolved", fine.stdout)
        XCTAssertEqual(packages(fine, source: "pypi")["cyc-a"]?["version"] as? String, "1.0")
        XCTAssertEqual(packages(fine, source: "conda")["numpy"]?["version"] as? String, "1.15.0")
    }

    func testStrictPriorityTakesANameFromTheFirstChannelOnly() throws {
        let (index2, index4) = (try channel("index2"), try channel("index4"))
        let strict = try check(channels: [index2, index4], dependencies: ["python=3.6", "psutil"])
        let flexible = try check(channels: [index2, index4], dependencies: ["python=3.6", "psutil"], ["--channel-priority", "flexible"])
        let fromStrict = packages(strict, source: "conda")["psutil"]
        let fromFlexible = packages(flexible, source: "conda")["psutil"]
        XCTAssertEqual(fromStrict?["channel"] as? String, index2, strict.stdout)
        XCTAssertNotNil(fromFlexible, flexible.stdout)
    }
}

/// A conda environment that pins pip below 20.3 gets the old resolver, which loops on conflicts.
final class OldResolverPipTests: XCTestCase {
    func testPipBelow20Point3IsAWarningAndNewerOrRangesAreNot() throws {
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func codes(_ pip: String) throws -> [String] {
            let spec = dir.appendingPathComponent("environment.yml")
            try "name: t\nchannels:\n  - file:///nonexistent\ndependencies:\n  - python=3.8\n  - \(pip)\n  - pip:\n    - six\n"
                .write(to: spec, atomically: true, encoding: .utf8)
            let result = try CLIRunner.run(["check", "--format", "json", "--no-resolve", "--no-transitive", "--offline",
                                            "--cache-dir", dir.appendingPathComponent("cache").path, spec.path])
            let findings = (result.json()["specs"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
            return findings.filter { $0["line"] as? Int == 6 }.compactMap { $0["code"] as? String }.filter { $0.hasPrefix("pip-") }
        }
        XCTAssertEqual(try codes("pip=20.2"), ["pip-old-resolver"])
        XCTAssertEqual(try codes("pip==19.3.1"), ["pip-old-resolver"])
        XCTAssertEqual(try codes("pip=23.1"), [])
        XCTAssertEqual(try codes("pip>=19"), [])
        XCTAssertEqual(try codes("pip"), ["pip-unpinned"])
    }
}
