import Foundation
import Audit
import Resolver
import TestSupport
import XCTest

/// `preflight audit` and `preflight audit merge` through the real binary, against the fake index.
final class AuditCommandTests: XCTestCase {
    var server: LoopbackHTTPServer!
    var work: URL!
    var specs: URL { work.appendingPathComponent("specs") }
    var cache: URL { work.appendingPathComponent("cache") }

    /// 2024-05-01T02:00:00Z
    static let firstDay = 1_714_528_800

    override func setUpWithError() throws {
        server = try FakeIndex.start()
        work = CLIRunner.temporaryDirectory()
        try write("a/requirements.txt", "demo==2.0\nnope-package==1.0\n")
        try write("b/requirements-dev.txt", "sdist-only==0.1\n")
        try write("c/pyproject.toml", "[project]\nname = \"c\"\ndependencies = [\"demo==3.0\"]\n")
        try write("d/requirements.txt", "demo==2.0\n")
        try write("e/requirements.txt", "demo==9.9\n")
        try write("f/requirements.txt", "winonly==1.0\n")
        try write("g/requirements.txt", "nope-package\n")
        try write("notes.txt", "nope-package\n")
        try write(".gitignore", "g/\n")
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: work)
    }

    func write(_ relative: String, _ text: String) throws {
        let url = specs.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func out(_ name: String) -> URL { work.appendingPathComponent(name) }

    func audit(_ arguments: [String], day: Int = 0, index: String? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        try CLIRunner.run(["audit"] + arguments + ["--index-url", index ?? server.url("/simple"), "--cache-dir", cache.path,
                                                   "--python", "3.8", "--platform", "linux-64"],
                          environment: ["SOURCE_DATE_EPOCH": String(Self.firstDay + day * 86_400)].merging(environment) { _, given in given })
    }

    /// The job engines' index and count variables all empty (as unset), whatever CI runs these
    /// tests, with `set` on top.
    func jobEnvironment(_ set: [String: String]) -> [String: String] {
        var environment: [String: String] = [:]
        for engine in AuditShardSelection.engines {
            environment[engine.indexVariable] = ""
            if let count = engine.countVariable { environment[count] = "" }
        }
        return environment.merging(set) { _, given in given }
    }

    func json(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], url.path)
    }

    func report(_ dir: String) throws -> [String: Any] { try json(out(dir).appendingPathComponent("report.json")) }

    func findings(_ report: [String: Any]) -> [[String: Any]] {
        (report["specs"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
    }

    func text(_ dir: String, _ file: String) throws -> String {
        try String(contentsOf: out(dir).appendingPathComponent(file), encoding: .utf8)
    }

    /// A JSON value with the audit's additions taken out, for comparing with `check --format json`.
    func withoutAuditFields(_ value: Any) -> Any { ReportComparison.withoutAuditFields(value) }

    func canonical(_ value: Any) throws -> String { try ReportComparison.canonical(value) }

    /// A second audit replays each spec from its memo without a request; every record names one
    /// manifest of the run's cache entries, and a damaged manifest means recomputing, not trusting it.
    func testWarmAuditReplaysFromSpecMemosSharingOneManifest() throws {
        // The specs include a missing package: its "did you mean" reads the index's project list
        // past the cache, which must not stop the verdicts from being replayed.
        XCTAssertEqual(try audit([specs.path, "--out", out("cold").path]).status, 1)
        let requestsAfterCold = server.requests.count
        let memoFolder = cache.appendingPathComponent("spec-memo-v2")
        let names = try FileManager.default.contentsOfDirectory(atPath: memoFolder.path)
        let manifests = names.filter { $0.hasPrefix("entries-") }
        XCTAssertEqual(manifests.count, 1, "\(names)")
        XCTAssertEqual(names.count - manifests.count, 6, "one record per spec: \(names)")
        XCTAssertEqual(try audit([specs.path, "--out", out("warm").path]).status, 1)
        XCTAssertEqual(server.requests.count, requestsAfterCold, "a warm audit replays without requests")
        XCTAssertEqual(findings(try report("warm")).count, findings(try report("cold")).count)
        let manifest = memoFolder.appendingPathComponent(manifests[0])
        try Data("{}".utf8).write(to: manifest)
        XCTAssertEqual(try audit([specs.path, "--out", out("recomputed").path]).status, 1)
        XCTAssertEqual(findings(try report("recomputed")).count, findings(try report("cold")).count)
        XCTAssertNotEqual(try Data(contentsOf: manifest), Data("{}".utf8), "the recomputed run wrote its manifest again")
    }

    func testFirstRunWritesTheReportsAndEveryErrorIsNew() throws {
        let result = try audit([specs.path, "--out", out("day1").path])
        XCTAssertEqual(result.status, 1, "on a first run every error is new: \(result.stderr)")
        XCTAssertEqual(result.stdout, "", "audit writes files, not stdout")
        for file in ["report.json", "report.md", "report.html", "history.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out("day1").appendingPathComponent(file).path), file)
        }
        let report = try report("day1")
        let paths = (report["specs"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        XCTAssertEqual(paths, ["a/requirements.txt", "b/requirements-dev.txt", "c/pyproject.toml", "d/requirements.txt",
                               "e/requirements.txt", "f/requirements.txt"].map { specs.appendingPathComponent($0).path })
        let codes = Set(findings(report).compactMap { $0["code"] as? String })
        XCTAssertTrue(codes.isSuperset(of: ["package-not-found", "sdist-only", "requires-python", "version-not-found", "no-compatible-distribution"]), "\(codes)")
        XCTAssertTrue(findings(report).allSatisfy { $0["first_seen"] as? String == "2024-05-01" && $0["new"] as? Bool == true })
        let audit = try XCTUnwrap(report["audit"] as? [String: Any])
        XCTAssertEqual(audit["generated"] as? String, "2024-05-01T02:00:00Z")
        XCTAssertTrue(audit["previous"] is NSNull)
        XCTAssertEqual(audit["new"] as? Int, findings(report).count)

        // The check JSON, unchanged apart from the audit's additions.
        let check = try CLIRunner.run(["check", "--format", "json", "--index-url", server.url("/simple"), "--cache-dir", cache.path,
                                       "--python", "3.8", "--platform", "linux-64"] + paths)
        XCTAssertEqual(try canonical(withoutAuditFields(report)), try canonical(check.json()))

        // Progress: one line per spec when stderr is not a terminal.
        XCTAssertTrue(result.stderr.contains("[1/6] "), result.stderr)
        XCTAssertTrue(result.stderr.contains("[6/6] "), result.stderr)
        let markdown = try text("day1", "report.md")
        XCTAssertTrue(markdown.contains("First audit"), markdown)
        XCTAssertTrue(markdown.contains("## Specs (6)"), markdown)
    }

    func testLaterRunsReportNewAndFixedAndKeepFirstSeen() throws {
        XCTAssertEqual(try audit([specs.path, "--out", out("day1").path]).status, 1)
        // Pretend the findings were first seen long ago.
        let reportFile = out("day1").appendingPathComponent("report.json")
        let old = try String(contentsOf: reportFile, encoding: .utf8)
        try old.replacingOccurrences(of: "\"first_seen\": \"2024-05-01\"", with: "\"first_seen\": \"2020-01-31\"")
            .write(to: reportFile, atomically: true, encoding: .utf8)

        let day2 = try audit([specs.path, "--out", out("day2").path, "--previous", out("day1").path], day: 1)
        XCTAssertEqual(day2.status, 0, "nothing new: \(day2.stderr)")
        let report2 = try report("day2")
        XCTAssertTrue(findings(report2).allSatisfy { $0["first_seen"] as? String == "2020-01-31" && $0["new"] as? Bool == false })
        let audit2 = try XCTUnwrap(report2["audit"] as? [String: Any])
        XCTAssertEqual(audit2["previous"] as? String, "2024-05-01T02:00:00Z")
        XCTAssertEqual(audit2["new"] as? Int, 0)
        XCTAssertEqual(audit2["fixed"] as? Int, 0)
        XCTAssertEqual(audit2["unchanged"] as? Int, findings(report2).count)
        let history = try json(out("day2").appendingPathComponent("history.json"))
        XCTAssertEqual((history["runs"] as? [[String: Any]])?.count, 2)
        XCTAssertTrue(try text("day2", "report.md").contains("Nothing new."))

        // Day 3: e/ is fixed, d/ breaks.
        try write("e/requirements.txt", "demo==2.0\n")
        try write("d/requirements.txt", "demo==2.0\nnope-package==2.0\n")
        let day3 = try audit([specs.path, "--out", out("day3").path, "--previous", out("day2").path], day: 2)
        XCTAssertEqual(day3.status, 1, day3.stderr)
        let report3 = try report("day3")
        let audit3 = try XCTUnwrap(report3["audit"] as? [String: Any])
        XCTAssertEqual(audit3["new_errors"] as? Int, 1)
        XCTAssertEqual(audit3["fixed"] as? Int, 1)
        let fixed = try XCTUnwrap((audit3["fixed_findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(fixed["code"] as? String, "version-not-found")
        XCTAssertEqual(fixed["first_seen"] as? String, "2020-01-31")
        let new = findings(report3).filter { $0["new"] as? Bool == true }
        XCTAssertEqual(new.map { $0["package"] as? String }, ["nope-package"])
        XCTAssertEqual(new.first?["first_seen"] as? String, "2024-05-03")
        let markdown = try text("day3", "report.md")
        XCTAssertTrue(markdown.contains("## New since the previous run (1)"), markdown)
        XCTAssertTrue(markdown.contains("## Fixed since the previous run (1)"), markdown)
        XCTAssertTrue(markdown.contains("errors `"), "a trend line once there is history: \(markdown)")

        // The same run written over its own previous directory is fine.
        XCTAssertEqual(try audit([specs.path, "--out", out("day3").path, "--previous", out("day3").path], day: 3).status, 0)
    }

    func testHTMLIsSelfContained() throws {
        XCTAssertEqual(try audit([specs.path, "--out", out("day1").path]).status, 1)
        try write("b/requirements-dev.txt", "sdist-only==0.1\n<script>alert(1)</script>==1\n")
        _ = try audit([specs.path, "--out", out("day2").path, "--previous", out("day1").path, "--repo-url", "https://github.com/org/repo",
                       "--repo-root", specs.path], day: 1)
        let html = try text("day2", "report.html")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<style>"))
        XCTAssertTrue(html.contains("<svg"), "a trend chart once there is history")
        // One inline script (the filters); spec text is escaped.
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 1)
        XCTAssertTrue(html.contains("<script>\n(function () {"))
        XCTAssertFalse(html.contains("<script>alert"), "spec text is escaped")
        XCTAssertFalse(html.contains("<link"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("@import"))
        XCTAssertFalse(html.contains("url("))
        XCTAssertFalse(html.contains(" src="))
        var repositoryLinks = 0
        for match in html.components(separatedBy: "href=\"").dropFirst() {
            if match.hasPrefix("https://github.com/org/repo/blob/HEAD/") { repositoryLinks += 1; continue }
            XCTAssertTrue(match.hasPrefix("#") || match.hasPrefix("https://pypi.org/project/") || match.hasPrefix("https://anaconda.org/"),
                          "links within the page, to the repository and to package pages only: \(match.prefix(60))")
        }
        XCTAssertGreaterThan(repositoryLinks, 0)
        XCTAssertTrue(html.contains("href=\"https://github.com/org/repo/blob/HEAD/b/requirements-dev.txt#L2\""), "the line of the new finding")
        XCTAssertEqual(try audit([specs.path, "--out", out("bad").path, "--repo-url", "file:///etc"]).status, 2, "--repo-url must be http(s)")
        for section in ["New since the previous run", "By cause and package", "Unknown: not verified", "Fixed since the previous run", "All specs", "Findings by spec"] {
            XCTAssertTrue(html.contains(section), section)
        }
    }

    func testShardsMergeIntoTheUnshardedReport() throws {
        XCTAssertEqual(try audit([specs.path, "--out", out("whole").path]).status, 1)
        var listed: [String] = []
        for k in 1...3 {
            let list = try audit([specs.path, "--shard", "\(k)/3", "--list"])
            XCTAssertEqual(list.status, 0, list.stderr)
            listed += list.stdout.split(separator: "\n").map(String.init)
            let status = try audit([specs.path, "--shard", "\(k)/3", "--out", out("shard\(k)").path]).status
            XCTAssertTrue(status == 0 || status == 1, "shard \(k): \(status)")
        }
        let whole = try report("whole")
        let wholePaths = (whole["specs"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        XCTAssertEqual(listed.sorted(), wholePaths.sorted(), "every spec in exactly one shard")

        let merge = try CLIRunner.run(["audit", "merge", out("shard3").path, out("shard1").path, out("shard2").path, "--out", out("merged").path],
                                      environment: ["SOURCE_DATE_EPOCH": String(Self.firstDay)])
        XCTAssertEqual(merge.status, 1, merge.stderr)
        let merged = try report("merged")
        XCTAssertEqual(try canonical(merged["specs"]!), try canonical(whole["specs"]!))
        XCTAssertEqual(try canonical(merged["summary"]!), try canonical(whole["summary"]!))
        XCTAssertEqual(try canonical(withoutAuditFields(merged)), try canonical(withoutAuditFields(whole)))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out("merged").appendingPathComponent("report.html").path))

        // Compared with the unsharded run, the merged shards bring nothing new.
        let compared = try CLIRunner.run(["audit", "merge", out("shard1").path, out("shard2").path, out("shard3").path,
                                          "--out", out("merged2").path, "--previous", out("whole").path],
                                         environment: ["SOURCE_DATE_EPOCH": String(Self.firstDay + 86_400)])
        XCTAssertEqual(compared.status, 0, compared.stderr)
        XCTAssertEqual((try report("merged2")["audit"] as? [String: Any])?["new"] as? Int, 0)

        let partial = try CLIRunner.run(["audit", "merge", out("shard1").path, "--out", out("partial").path])
        XCTAssertTrue(partial.stderr.contains("missing"), partial.stderr)
    }

    /// A Kubernetes Indexed Job: each pod has only JOB_COMPLETION_INDEX (0-based) and runs
    /// `--shard auto/N`; the shards are those of `--shard K/N` with K = index + 1, and merged
    /// they are the unsharded audit.
    func testIndexedJobShardsFromTheEnvironmentMergeIntoTheUnshardedReport() throws {
        XCTAssertEqual(try audit([specs.path, "--out", out("whole").path]).status, 1)
        var directories: [String] = []
        for index in 0..<3 {
            let pod = jobEnvironment(["JOB_COMPLETION_INDEX": String(index)])
            let list = try audit([specs.path, "--shard", "auto/3", "--list"], environment: pod)
            XCTAssertEqual(list.status, 0, list.stderr)
            XCTAssertEqual(list.stdout, try audit([specs.path, "--shard", "\(index + 1)/3", "--list"]).stdout, "pod \(index) is shard \(index + 1)/3")
            let directory = out("pod-\(index)")
            let result = try audit([specs.path, "--shard", "auto/3", "--out", directory.path], environment: pod)
            XCTAssertTrue(result.status == 0 || result.status == 1, "pod \(index): \(result.status) \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("shard \(index + 1)/3 (JOB_COMPLETION_INDEX=\(index))"), result.stderr)
            XCTAssertEqual((try report("pod-\(index)")["audit"] as? [String: Any])?["shard"] as? String, "\(index + 1)/3")
            directories.append(directory.path)
        }
        let merge = try CLIRunner.run(["audit", "merge"] + directories + ["--out", out("merged").path],
                                      environment: ["SOURCE_DATE_EPOCH": String(Self.firstDay)])
        XCTAssertEqual(merge.status, 1, merge.stderr)
        XCTAssertFalse(merge.stderr.contains("missing"), merge.stderr)
        let whole = try report("whole"), merged = try report("merged")
        XCTAssertEqual(try canonical(merged["specs"]!), try canonical(whole["specs"]!))
        XCTAssertEqual(try canonical(merged["summary"]!), try canonical(whole["summary"]!))
        XCTAssertEqual(try canonical(withoutAuditFields(merged)), try canonical(withoutAuditFields(whole)))

        // What the environment cannot answer is a usage error, before anything is checked.
        for (environment, why) in [([:], "none of"), (["JOB_COMPLETION_INDEX": "3"], "outside the 3 shards"),
                                   (["CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "2"], "does not match CI_NODE_TOTAL=2")] {
            let result = try audit([specs.path, "--shard", "auto/3", "--out", out("bad").path], environment: jobEnvironment(environment))
            XCTAssertEqual(result.status, 2, "\(environment): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(why), result.stderr)
        }
        let countless = try audit([specs.path, "--shard", "auto", "--list"], environment: jobEnvironment(["JOB_COMPLETION_INDEX": "0"]))
        XCTAssertEqual(countless.status, 2)
        XCTAssertTrue(countless.stderr.contains("--shard auto/N"), countless.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out("bad").path))
    }

    func testExitCodes() throws {
        let clean = work.appendingPathComponent("clean")
        try FileManager.default.createDirectory(at: clean, withIntermediateDirectories: true)
        try "demo==2.0\n".write(to: clean.appendingPathComponent("requirements.txt"), atomically: true, encoding: .utf8)
        let first = try audit([clean.path, "--out", out("clean1").path])
        XCTAssertEqual(first.status, 0, first.stderr)

        // The index is gone: the only new errors are unreachable sources.
        let dead = try LoopbackHTTPServer { _ in .notFound }
        let deadURL = dead.url("/simple")
        dead.stop()
        let config = work.appendingPathComponent("fast.yaml")
        try "network:\n  retries: 2\n  connect_timeout: 2\n".write(to: config, atomically: true, encoding: .utf8)
        let outage = try audit([clean.path, "--out", out("clean2").path, "--previous", out("clean1").path, "--config", config.path],
                               day: 1, index: deadURL)
        XCTAssertEqual(outage.status, 3, outage.stderr)

        XCTAssertEqual(try audit([work.appendingPathComponent("nope").path, "--out", out("x").path]).status, 2)
        XCTAssertEqual(try audit([clean.path, "--out", out("x").path, "--previous", work.appendingPathComponent("nope").path]).status, 2)
        XCTAssertEqual(try audit([clean.path, "--out", out("x").path, "--previous", clean.path]).status, 2, "no report.json there")
        XCTAssertEqual(try audit([clean.path, "--out", out("x").path, "--shard", "4/3"]).status, 2)
        XCTAssertEqual(try audit([clean.path]).status, 2, "--out is required")
        XCTAssertEqual(try CLIRunner.run(["audit", "merge", "--out", out("x").path]).status, 2)
        XCTAssertEqual(try CLIRunner.run(["audit", "merge", clean.path, "--out", out("x").path]).status, 2)

        // A named file that is no spec at all: exit 2, but the report is still written.
        let binary = work.appendingPathComponent("mystery.bin")
        try Data([0, 1, 2, 0xFF, 0]).write(to: binary)
        let unreadable = try audit([clean.path, binary.path, "--out", out("u").path])
        XCTAssertEqual(unreadable.status, 2, unreadable.stderr)
        let audit = try XCTUnwrap(try report("u")["audit"] as? [String: Any])
        XCTAssertEqual((audit["unreadable"] as? [[String: Any]])?.first?["path"] as? String, binary.path)
    }
}
