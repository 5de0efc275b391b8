import Checks
import Foundation
import Reports
import Audit
import Resolver
import XCTest

/// New, fixed, unchanged and unverified findings between audits; first_seen; exit statuses;
/// sharding; report.json written and read back.
final class AuditDiffTests: XCTestCase {
    static let linux = Target(python: "3.8", platform: "linux-64", glibc: "2.28")
    static let mac = Target(python: "3.11", platform: "osx-arm64", macos: "11.0")

    static func finding(_ code: FindingCode, _ package: String?, line: Int?, path: String = "env/requirements.txt",
                        target: Target? = linux, message: String = "m") -> Finding {
        Finding(severity: code.defaultSeverity, code: code, source: "pypi", package: package, requirement: package.map { "\($0)==1" },
                path: path, line: line, column: 1, target: target, message: message)
    }

    static func report(_ findings: [Finding], path: String = "env/requirements.txt", others: [SpecReport] = []) -> CheckReport {
        CheckReport(specs: [SpecReport(path: path, kind: "pip-requirements", targets: [linux], findings: findings)] + others)
    }

    func testFirstRunMakesEverythingNew() {
        let run = AuditDiff.run(report: Self.report([Self.finding(.packageNotFound, "a", line: 1), Self.finding(.yanked, "b", line: 2)]),
                                generated: "2024-05-01T02:00:00Z", previous: nil)
        XCTAssertEqual(run.findingHistory, [[.init(firstSeen: "2024-05-01", isNew: true), .init(firstSeen: "2024-05-01", isNew: true)]])
        XCTAssertNil(run.previousGenerated)
        XCTAssertEqual(run.counts.new, 2)
        XCTAssertEqual(run.counts.newErrors, 1)
        XCTAssertEqual(run.exitStatus, 1, "on a first run every error is new")
        let clean = AuditDiff.run(report: Self.report([Self.finding(.yanked, "b", line: 2)]), generated: "2024-05-01T02:00:00Z", previous: nil)
        XCTAssertEqual(clean.exitStatus, 0, "warnings alone never fail")
    }

    func testNewFixedUnchangedAndFirstSeenCarriedOver() {
        let day1 = AuditDiff.run(report: Self.report([
            Self.finding(.packageNotFound, "gone", line: 1),
            Self.finding(.versionNotFound, "stays", line: 2, message: "old wording"),
            Self.finding(.yanked, "warned", line: 3),
        ]), generated: "2024-05-01T02:00:00Z", previous: nil)
        let day2 = AuditDiff.run(report: Self.report([
            Self.finding(.versionNotFound, "stays", line: 2, message: "new wording, new suggestions"),
            Self.finding(.yanked, "warned", line: 3),
            Self.finding(.requiresPython, "fresh", line: 4),
        ]), generated: "2024-05-02T02:00:00Z", previous: day1)
        XCTAssertEqual(day2.previousGenerated, "2024-05-01T02:00:00Z")
        XCTAssertEqual(day2.findingHistory[0], [
            .init(firstSeen: "2024-05-01", isNew: false),
            .init(firstSeen: "2024-05-01", isNew: false),
            .init(firstSeen: "2024-05-02", isNew: true),
        ])
        XCTAssertEqual(day2.fixed.map(\.finding.package), ["gone"])
        XCTAssertEqual(day2.fixed.first?.firstSeen, "2024-05-01")
        XCTAssertEqual(day2.counts, AuditCounts(errors: 2, warnings: 1, infos: 0, specs: 1, new: 1, newErrors: 1, fixed: 1, unchanged: 2, unverified: 0))
        XCTAssertEqual(day2.exitStatus, 1)

        // Day 3: nothing new; the dates of day 1 survive a second comparison.
        let day3 = AuditDiff.run(report: day2.report, generated: "2024-05-03T02:00:00Z", previous: day2)
        XCTAssertEqual(day3.findingHistory[0].map(\.firstSeen), ["2024-05-01", "2024-05-01", "2024-05-02"])
        XCTAssertEqual(day3.counts.new, 0)
        XCTAssertEqual(day3.exitStatus, 0)
    }

    func testIdentityIsSpecCodePackageLineAndTarget() {
        let base = Self.finding(.versionNotFound, "p", line: 2)
        let day1 = AuditDiff.run(report: Self.report([base]), generated: "2024-05-01T00:00:00Z", previous: nil)
        var moved = base; moved.line = 3
        var otherTarget = base; otherTarget.target = Self.mac
        var otherCode = base; otherCode.code = .noCompatibleDistribution
        var included = base; included.path = "env/base.txt"
        for changed in [moved, otherTarget, otherCode, included] {
            let day2 = AuditDiff.run(report: Self.report([changed]), generated: "2024-05-02T00:00:00Z", previous: day1)
            XCTAssertEqual(day2.counts.new, 1, "\(changed)")
            XCTAssertEqual(day2.counts.fixed, 1, "\(changed)")
        }
        let otherSpec = AuditDiff.run(report: Self.report([base], path: "other/requirements.txt"), generated: "2024-05-02T00:00:00Z", previous: day1)
        XCTAssertEqual(otherSpec.counts.new, 1)
    }

    func testUnreachableSourcesNeitherFixNorResetFindings() {
        let day1 = AuditDiff.run(report: Self.report([Self.finding(.packageNotFound, "p", line: 1)]),
                                 generated: "2024-05-01T00:00:00Z", previous: nil)
        let outage = Self.finding(.sourceUnreachable, "q", line: 2)
        let day2 = AuditDiff.run(report: Self.report([outage]), generated: "2024-05-02T00:00:00Z", previous: day1)
        XCTAssertEqual(day2.counts.fixed, 0)
        XCTAssertEqual(day2.unverified.map(\.finding.package), ["p"])
        XCTAssertEqual(day2.exitStatus, 3, "the only new error is an unreachable source")
        // Day 3 the index is back and the problem is still there: not new, first seen on day 1.
        let day3 = AuditDiff.run(report: Self.report([Self.finding(.packageNotFound, "p", line: 1)]),
                                 generated: "2024-05-03T00:00:00Z", previous: day2)
        XCTAssertEqual(day3.findingHistory[0], [.init(firstSeen: "2024-05-01", isNew: false)])
        XCTAssertEqual(day3.exitStatus, 0)
        XCTAssertEqual(day3.fixed.map(\.finding.code), [.sourceUnreachable], "the outage is over")
    }

    func testUnreadableNamedSpecExitsTwo() {
        let run = AuditDiff.run(report: Self.report([]), generated: "2024-05-01T00:00:00Z", previous: nil,
                                unreadable: [.init(path: "x.yml", message: "binary")])
        XCTAssertEqual(run.exitStatus, 2)
    }

    func testShardComparesOnlyItsOwnSpecs() {
        let paths = (0..<12).map { "envs/\($0)/requirements.txt" }
        let previous = AuditDiff.run(report: CheckReport(specs: paths.map {
            SpecReport(path: $0, kind: "pip-requirements", targets: [Self.linux], findings: [Self.finding(.packageNotFound, "p", line: 1, path: $0)])
        }), generated: "2024-05-01T00:00:00Z", previous: nil)
        var fixedTotal = 0
        for k in 1...3 {
            let shard = AuditShard(index: k, count: 3)!
            let mine = paths.filter(shard.contains)
            // Today every spec of the shard is clean.
            let today = CheckReport(specs: mine.map { SpecReport(path: $0, kind: "pip-requirements", targets: [Self.linux], findings: []) })
            let run = AuditDiff.run(report: today, generated: "2024-05-02T00:00:00Z", previous: previous, shard: shard)
            XCTAssertEqual(Set(run.fixed.map(\.spec)), Set(mine), "shard \(k)")
            fixedTotal += run.counts.fixed
        }
        XCTAssertEqual(fixedTotal, paths.count, "every previous finding is fixed in exactly one shard")
    }

    func testShardAssignmentIsStableAndTotal() {
        XCTAssertEqual(AuditShard(parsing: "2/3")?.description, "2/3")
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/3", "1/3/5", ""] { XCTAssertNil(AuditShard(parsing: bad), bad) }
        let paths = (0..<300).map { "repo/dir\($0 % 17)/spec\($0).yml" }
        var seen = [String: Int]()
        for k in 1...4 {
            for path in paths where AuditShard(index: k, count: 4)!.contains(path) { seen[path, default: 0] += 1 }
        }
        XCTAssertEqual(seen.count, paths.count)
        XCTAssertTrue(seen.values.allSatisfy { $0 == 1 })
        // FNV-1a is fixed: these assignments must never change between versions or machines.
        func shardOf(_ path: String, _ n: Int) -> Int? { (1...n).first { AuditShard(index: $0, count: n)!.contains(path) } }
        XCTAssertEqual(shardOf("environment.yml", 3), 2)
        XCTAssertEqual(shardOf("environment.yml", 7), 6)
        XCTAssertEqual(shardOf("envs/gpu/conda.yaml", 7), 2)
        XCTAssertEqual(shardOf("requirements.txt", 7), 7)
        XCTAssertTrue(AuditShard(index: 1, count: 1)!.contains("anything"))
    }

    func testMergeOfShardsEqualsTheWholeRun() {
        let paths = (0..<10).map { "e\($0)/requirements.txt" }
        let whole = CheckReport(specs: paths.map { path in
            SpecReport(path: path, kind: "pip-requirements", targets: [Self.linux],
                       findings: path.hasPrefix("e3") ? [] : [Self.finding(.packageNotFound, "p\(path.prefix(2))", line: 1, path: path)])
        })
        let unsharded = AuditDiff.run(report: whole, generated: "2024-05-01T00:00:00Z", previous: nil)
        let shards = (1...3).map { k -> AuditRun in
            let shard = AuditShard(index: k, count: 3)!
            return AuditDiff.run(report: CheckReport(specs: whole.specs.filter { shard.contains($0.path) }),
                                 generated: "2024-05-01T00:00:00Z", previous: nil, shard: shard)
        }
        let merged = AuditMerge.merge(shards.reversed())
        XCTAssertEqual(merged.warnings, [])
        XCTAssertEqual(AuditJSONReport.json(merged.run).rendered(), AuditJSONReport.json(unsharded).rendered())
        let partial = AuditMerge.merge(Array(shards.prefix(2)))
        XCTAssertTrue(partial.warnings.contains { $0.contains("3/3 missing") }, "\(partial.warnings)")
    }

    func testReportJSONRoundTrip() throws {
        let day1 = AuditDiff.run(report: Self.report([Self.finding(.packageNotFound, "gone", line: 1)]),
                                 generated: "2024-05-01T02:00:00Z", previous: nil)
        let shard = try XCTUnwrap((1...5).compactMap { AuditShard(index: $0, count: 5) }.first { $0.contains("env/requirements.txt") })
        var included = Self.finding(.versionNotFound, "numpy", line: 3, path: "env/base.txt", target: Self.mac)
        included.via = ["a==1", "numpy==1.99"]
        included.suggestions = ["numpy==1.26.4"]
        let day2 = AuditDiff.run(report: Self.report([included, Self.finding(.pipUnpinned, nil, line: nil, target: nil)]),
                                 generated: "2024-05-02T02:00:00Z", previous: day1, shard: shard)
        let text = AuditJSONReport.json(day2).rendered()
        let back = try AuditReportReader.run(fromJSON: Data(text.utf8), path: "report.json", fallbackGenerated: "x")
        XCTAssertEqual(AuditJSONReport.json(back).rendered(), text)
        XCTAssertEqual(back.shard, shard)
        XCTAssertEqual(back.fixed.map(\.finding.package), ["gone"])

        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(object.keys.sorted(), ["audit", "specs", "summary", "version"])
        let audit = try XCTUnwrap(object["audit"] as? [String: Any])
        XCTAssertEqual(audit["previous"] as? String, "2024-05-01T02:00:00Z")
        XCTAssertEqual(audit["new"] as? Int, 2)
        XCTAssertEqual(audit["fixed"] as? Int, 1)
        let findings = ((object["specs"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]) ?? []
        XCTAssertEqual(findings.map { $0["first_seen"] as? String }, ["2024-05-02", "2024-05-02"])
        XCTAssertEqual(findings.first?["path"] as? String, "env/base.txt")

        let history = AuditHistory().appending(.init(run: day1)).appending(.init(run: day2))
        let historyText = AuditJSONReport.historyJSON(history).rendered()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("audit-history-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try historyText.write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try AuditReportReader.history(fromFile: file.path), history)
    }

    func testMalformedPreviousReportsAreRejected() {
        for text in ["", "[]", "{\"version\": 2, \"specs\": []}", "{\"version\": 1}", "{\"version\": 1, \"specs\": [{\"kind\": \"x\"}]}"] {
            XCTAssertThrowsError(try AuditReportReader.run(fromJSON: Data(text.utf8), path: "r.json", fallbackGenerated: "2024-01-01T00:00:00Z"), text)
        }
        // A plain `check --format json` report is a usable previous run.
        let plain = "{\"version\": 1, \"specs\": [{\"path\": \"r.txt\", \"kind\": \"pip-requirements\", \"targets\": [], \"findings\": [{\"severity\": \"error\", \"code\": \"package-not-found\", \"package\": \"x\", \"line\": 1, \"message\": \"m\"}, {\"severity\": \"error\", \"code\": \"from-the-future\", \"message\": \"m\"}]}], \"summary\": {}}"
        let run = try? AuditReportReader.run(fromJSON: Data(plain.utf8), path: "r.json", fallbackGenerated: "2024-01-01T00:00:00Z")
        XCTAssertEqual(run?.report.specs.first?.findings.count, 1)
        XCTAssertEqual(run?.findingHistory.first?.first?.firstSeen, "2024-01-01")
    }

    func testHistoryKeepsWholeAuditsAndABoundedLength() {
        var history = AuditHistory()
        for day in 1...(AuditHistory.limit + 5) {
            history = history.appending(.init(generated: String(format: "2024-%05d", day), specs: 1, errors: day, warnings: 0, new: 0, fixed: 0))
        }
        XCTAssertEqual(history.entries.count, AuditHistory.limit)
        XCTAssertEqual(history.entries.last?.errors, AuditHistory.limit + 5)
        let withShard = history.appending(.init(generated: "2025", specs: 1, errors: 0, warnings: 0, new: 0, fixed: 0, shard: "1/2"))
        XCTAssertEqual(withShard.entries.last?.shard, "1/2")
        XCTAssertEqual(withShard.wholeAudits.entries.last?.generated, history.entries.last?.generated)
        XCTAssertTrue(withShard.wholeAudits.entries.allSatisfy { $0.shard == nil })
        let again = history.appending(history.entries.last!)
        XCTAssertEqual(again.entries.count, history.entries.count, "the same run is not counted twice")
    }
}
