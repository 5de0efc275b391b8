import Foundation
import TestSupport
import XCTest
import Yams

/// `Config/examples/audit-indexed-job.yaml` stays in step with itself and with preflight: the
/// shard count is the same in the Job's completions, its pods' `--shard auto/N` and the merge's
/// wait, and every flag it passes is one the commands accept.
final class IndexedJobExampleTests: XCTestCase {
    func documents() throws -> [[String: Any]] {
        let url = CLIRunner.packageRoot.appendingPathComponent("Config/examples/audit-indexed-job.yaml")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "${RUN_ID}", with: "20240501-0200")
        return try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
    }

    static func containers(_ job: [String: Any], _ key: String = "containers") -> [[String: Any]] {
        (((job["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])?[key] as? [[String: Any]] ?? []
    }

    static func env(_ container: [String: Any], _ name: String) -> String? {
        (container["env"] as? [[String: Any]])?.first { $0["name"] as? String == name }?["value"] as? String
    }

    static func script(_ container: [String: Any]) -> String {
        (container["args"] as? [String] ?? []).joined(separator: "\n")
    }

    func testShardCountAndFlagsAgree() throws {
        let docs = try documents()
        XCTAssertEqual(docs.compactMap { $0["kind"] as? String }, ["PersistentVolumeClaim", "Job", "Job"])
        let shards = try XCTUnwrap(docs.first { (($0["metadata"] as? [String: Any])?["name"] as? String ?? "").contains("shards") })
        let spec = try XCTUnwrap(shards["spec"] as? [String: Any])
        XCTAssertEqual(spec["completionMode"] as? String, "Indexed")
        let completions = try XCTUnwrap(spec["completions"] as? Int)
        let audit = try XCTUnwrap(Self.containers(shards).first)
        XCTAssertEqual(Self.env(audit, "SHARDS"), String(completions))
        let shardScript = Self.script(audit)
        XCTAssertTrue(shardScript.contains("--shard \"auto/$SHARDS\""), shardScript)
        XCTAssertTrue(shardScript.contains("$JOB_COMPLETION_INDEX"), shardScript)

        let merge = try XCTUnwrap(docs.first { (($0["metadata"] as? [String: Any])?["name"] as? String ?? "").contains("merge") })
        let wait = try XCTUnwrap(Self.containers(merge, "initContainers").first)
        XCTAssertEqual(Self.env(wait, "SHARDS"), String(completions))
        let mergeScript = Self.script(try XCTUnwrap(Self.containers(merge).first))
        XCTAssertTrue(mergeScript.contains("preflight audit merge"), mergeScript)

        // Every --flag the scripts give preflight is in the command's help.
        let runHelp = try CLIRunner.run(["audit", "run", "--help"]).stdout
        let mergeHelp = try CLIRunner.run(["audit", "merge", "--help"]).stdout
        for (script, help) in [(shardScript, runHelp), (mergeScript, mergeHelp)] {
            let flags = script.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\"" }).filter { $0.hasPrefix("--") }
            XCTAssertFalse(flags.isEmpty)
            for flag in Set(flags.map(String.init)) { XCTAssertTrue(help.contains(flag + " "), "\(flag) is not an option: \(help)") }
        }
    }
}
