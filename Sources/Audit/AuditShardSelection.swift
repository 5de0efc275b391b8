import Foundation
import Resolver

/// What `--shard` asks for: one fixed shard (`K/N`, 1-based), or the shard that the job engine
/// fanning out the audit names in each job's environment (`auto/N`, or `auto` where the engine
/// also states the count). A CI matrix is capped (GitHub Actions: 256 jobs), a Kubernetes
/// Indexed Job or a batch array is not, and there the index comes only from the environment.
/// Pure: the environment is passed in.
package enum AuditShardSelection: Sendable, Equatable {
    case fixed(AuditShard)
    /// The index from the environment; the count as given, or from the environment when nil.
    case fromEnvironment(count: Int?)

    /// A job engine's variables: which holds the job's index, counted from `base`, and which the
    /// number of jobs, when the engine sets one.
    package struct Engine: Sendable, Equatable {
        package var name: String
        package var indexVariable: String
        package var base: Int
        package var countVariable: String?
    }

    /// In the order they are looked for; the first whose index variable is set is used.
    package static let engines: [Engine] = [
        Engine(name: "Kubernetes Indexed Job", indexVariable: "JOB_COMPLETION_INDEX", base: 0, countVariable: nil),
        Engine(name: "AWS Batch array job", indexVariable: "AWS_BATCH_JOB_ARRAY_INDEX", base: 0, countVariable: nil),
        Engine(name: "Cloud Run job", indexVariable: "CLOUD_RUN_TASK_INDEX", base: 0, countVariable: "CLOUD_RUN_TASK_COUNT"),
        Engine(name: "GitLab CI parallel job", indexVariable: "CI_NODE_INDEX", base: 1, countVariable: "CI_NODE_TOTAL"),
        Engine(name: "Buildkite parallel job", indexVariable: "BUILDKITE_PARALLEL_JOB", base: 0, countVariable: "BUILDKITE_PARALLEL_JOB_COUNT"),
        Engine(name: "CircleCI parallel job", indexVariable: "CIRCLE_NODE_INDEX", base: 0, countVariable: "CIRCLE_NODE_TOTAL"),
    ]

    /// Why the environment names no usable shard (a usage error: exit 2).
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        package var description: String
    }

    /// `2/3`, `auto/3` or `auto`; nil for anything else (including K outside 1…N).
    package init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "auto" {
            self = .fromEnvironment(count: nil)
            return
        }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "auto" {
            guard let count = Int(parts[1].trimmingCharacters(in: .whitespaces)), AuditShard(index: 1, count: count) != nil else { return nil }
            self = .fromEnvironment(count: count)
            return
        }
        guard let shard = AuditShard(parsing: trimmed) else { return nil }
        self = .fixed(shard)
    }

    /// The shard this job runs, and where its index came from (`JOB_COMPLETION_INDEX=4`; nil for
    /// a fixed shard).
    package func resolve(environment: [String: String]) throws(Failure) -> (shard: AuditShard, source: String?) {
        switch self {
        case .fixed(let shard):
            return (shard, nil)
        case .fromEnvironment(let given):
            // An empty value counts as unset (a template that filled in nothing).
            func value(_ name: String) -> String? {
                environment[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            guard let engine = Self.engines.first(where: { value($0.indexVariable) != nil }),
                  let indexText = value(engine.indexVariable) else {
                throw Failure(description: "--shard auto takes the shard from the job's environment, but none of "
                    + Self.engines.map(\.indexVariable).joined(separator: ", ") + " is set; use --shard K/N")
            }
            guard let raw = Int(indexText) else {
                throw Failure(description: "\(engine.indexVariable) is '\(indexText)', not a job index")
            }
            let stated = engine.countVariable.flatMap(value).flatMap { Int($0) }
            if let given, let stated, given != stated, let variable = engine.countVariable {
                throw Failure(description: "--shard auto/\(given) does not match \(variable)=\(stated) (\(engine.name))")
            }
            guard let count = given ?? stated else {
                throw Failure(description: "\(engine.indexVariable) (\(engine.name)) gives the job's index but not the number of jobs: "
                    + "use --shard auto/N, N the number of jobs (a Kubernetes Indexed Job's completions)")
            }
            let index = raw - engine.base + 1
            guard let shard = AuditShard(index: index, count: count) else {
                throw Failure(description: "\(engine.indexVariable)=\(raw) is outside the \(count) shards of --shard auto/\(count) "
                    + "(\(engine.name) indexes count from \(engine.base))")
            }
            return (shard, "\(engine.indexVariable)=\(raw)")
        }
    }
}
