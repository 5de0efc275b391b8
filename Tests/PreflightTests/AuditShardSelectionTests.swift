import Audit
import Resolver
import XCTest

/// `--shard K/N`, `auto/N` and `auto`: the shard from the job engine's environment.
final class AuditShardSelectionTests: XCTestCase {
    func shard(_ text: String, _ environment: [String: String]) throws -> AuditShard {
        let selection = try XCTUnwrap(AuditShardSelection(parsing: text), text)
        return try selection.resolve(environment: environment).shard
    }

    func failure(_ text: String, _ environment: [String: String]) -> String {
        guard let selection = AuditShardSelection(parsing: text) else { return "does not parse" }
        do {
            _ = try selection.resolve(environment: environment)
            return "no failure"
        } catch {
            return error.description
        }
    }

    func testParsing() {
        XCTAssertEqual(AuditShardSelection(parsing: "2/3"), .fixed(AuditShard(index: 2, count: 3)!))
        XCTAssertEqual(AuditShardSelection(parsing: "auto/300"), .fromEnvironment(count: 300))
        XCTAssertEqual(AuditShardSelection(parsing: " auto "), .fromEnvironment(count: nil))
        for bad in ["4/3", "0/3", "auto/0", "auto/x", "auto/", "auto/3/1", "k8s", ""] {
            XCTAssertNil(AuditShardSelection(parsing: bad), bad)
        }
    }

    func testKubernetesIndexedJobCountsFromZero() throws {
        XCTAssertEqual(try shard("auto/300", ["JOB_COMPLETION_INDEX": "0"]), AuditShard(index: 1, count: 300))
        XCTAssertEqual(try shard("auto/300", ["JOB_COMPLETION_INDEX": "299"]), AuditShard(index: 300, count: 300))
        let resolved = try AuditShardSelection.fromEnvironment(count: 5).resolve(environment: ["JOB_COMPLETION_INDEX": "4"])
        XCTAssertEqual(resolved.source, "JOB_COMPLETION_INDEX=4")
        XCTAssertTrue(failure("auto/300", ["JOB_COMPLETION_INDEX": "300"]).contains("outside the 300 shards"))
        XCTAssertTrue(failure("auto", ["JOB_COMPLETION_INDEX": "3"]).contains("use --shard auto/N"), "the Job does not state its completions")
        XCTAssertTrue(failure("auto/3", ["JOB_COMPLETION_INDEX": "one"]).contains("not a job index"))
    }

    func testEnginesThatStateTheCount() throws {
        XCTAssertEqual(try shard("auto", ["CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "4"]), AuditShard(index: 1, count: 4), "GitLab counts from 1")
        XCTAssertEqual(try shard("auto", ["CLOUD_RUN_TASK_INDEX": "3", "CLOUD_RUN_TASK_COUNT": "4"]), AuditShard(index: 4, count: 4))
        XCTAssertEqual(try shard("auto/4", ["CIRCLE_NODE_INDEX": "2", "CIRCLE_NODE_TOTAL": "4"]), AuditShard(index: 3, count: 4))
        XCTAssertEqual(try shard("auto", ["BUILDKITE_PARALLEL_JOB": "0", "BUILDKITE_PARALLEL_JOB_COUNT": "2"]), AuditShard(index: 1, count: 2))
        XCTAssertTrue(failure("auto/3", ["CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "4"]).contains("does not match CI_NODE_TOTAL=4"))
        XCTAssertTrue(failure("auto", ["CI_NODE_INDEX": "0", "CI_NODE_TOTAL": "4"]).contains("outside"), "GitLab has no job 0")
    }

    func testFixedShardsIgnoreTheEnvironmentAndAutoNeedsIt() throws {
        XCTAssertEqual(try shard("2/3", ["JOB_COMPLETION_INDEX": "0"]), AuditShard(index: 2, count: 3))
        XCTAssertTrue(failure("auto/3", [:]).contains("JOB_COMPLETION_INDEX"))
        XCTAssertTrue(failure("auto/3", ["JOB_COMPLETION_INDEX": " "]).contains("none of"), "an empty value is unset")
        // The first engine in the documented order wins.
        XCTAssertEqual(try shard("auto/4", ["CI_NODE_INDEX": "4", "JOB_COMPLETION_INDEX": "0"]), AuditShard(index: 1, count: 4))
    }
}
