import Checks
import CondaPackaging
import Registries

/// The transitive availability walk on the conda side: from the record a conda requirement
/// resolves to (the newest that fits the target), check each of its dependencies in the same
/// channels, and so on down. Like the pip walk it judges each dependency on its own (no solver).
/// It also collects every package name the environment's conda part pulls in, so that a `pip:`
/// line asking for one of them again can be reported.
actor CondaDependencyWalker {
    let store: any CondaChannelSource
    let channels: [CondaChannel]
    let target: Target
    let maxDepth = 30
    private var visited = Set<String>()
    private(set) var installed = Set<String>()
    private var issues: [DependencyIssue] = []
    /// What each dependency string came to. The records of a channel repeat the same few
    /// dependency strings, and the verdict on one depends only on the string (channels and
    /// target are the walker's): judged once, not once per record that asks for it.
    private var judged: [String: Judgement] = [:]
    private enum Judgement {
        /// Not a dependency the walk judges (no single name, unreadable, or the interpreter's).
        case skipped
        case judged(name: String, verdict: Availability)
    }

    init(store: any CondaChannelSource, channels: [CondaChannel], target: Target) {
        self.store = store
        self.channels = channels
        self.target = target
    }

    /// Walks below an available requirement; returns the problems found and every package name pulled in.
    /// The walker is shared by a spec's requirements (so shared dependencies are walked once):
    /// each call returns only the problems it found itself.
    func walk(name: String, best: Availability.Choice) async -> ([DependencyIssue], Set<String>) {
        installed.insert(name)
        let start = issues.count
        await expand(name: name, choice: best, via: [])
        return (Array(issues[start...]), installed)
    }

    /// Dependencies judged elsewhere: the interpreter (the target's Python) and virtual packages.
    static func isJudgedByCompatibility(_ name: String) -> Bool {
        name.hasPrefix("__") || name == "python" || name == "python_abi"
    }

    private func expand(name: String, choice: Availability.Choice, via: [String]) async {
        let label = "\(name)==\(choice.version)"
        guard via.count < maxDepth, visited.insert(label).inserted else { return }
        guard let records = try? await store.records(named: [name], channels: channels, target: target),
              let record = records.first(where: { $0.filename == choice.filename && $0.url == choice.url })
                ?? records.first(where: { $0.filename == choice.filename }) else { return }
        let chain = via + [label]
        var next: [(String, Availability.Choice)] = []
        for text in record.record.depends {
            let depName: String, verdict: Availability
            switch judged[text] {
            case .skipped?:
                continue
            case .judged(let name, let known)?:
                // The lookup is still awaited: the walk's branches run concurrently and add their
                // findings in the order they reach their dependencies, and that order (which the
                // report keeps) should not change with which verdicts happen to be known.
                _ = try? await store.records(named: [name], channels: channels, target: target)
                (depName, verdict) = (name, known)
            case nil:
                guard let spec = try? MatchSpec(text), let name = spec.name, !Self.isJudgedByCompatibility(name) else {
                    judged[text] = .skipped
                    continue
                }
                let depRecords: [ChannelRecord]
                do {
                    depRecords = try await store.records(named: [name], channels: channels, target: target)
                } catch {
                    issues.append(DependencyIssue(code: .sourceUnreachable, package: name, requirement: text, via: chain,
                                                  message: "\(error)", suggestions: [], unreachableSource: UnreachableSource.key(of: error)))
                    continue
                }
                (depName, verdict) = (name, CondaAvailability.evaluate(.init(spec: spec, requirement: text, target: target,
                                                                             channels: channels, records: depRecords)))
                judged[text] = .judged(name: name, verdict: verdict)
            }
            let needed = chain.joined(separator: " → ")
            // A conda record is there or not: `sdist-only` and `yanked` are pip's and do not occur.
            guard verdict.status.isFailure, verdict.status != .yanked else {
                installed.insert(depName)
                if let best = verdict.best { next.append((depName, best)) }
                continue
            }
            let reason = VerdictWords.condaDependency(verdict.status, name: depName, target: target)
            issues.append(DependencyIssue(code: .dependencyNotFound, package: depName, requirement: text, via: chain,
                                          message: "\(text) (needed by \(needed)): \(reason)", suggestions: verdict.suggestions))
        }
        await withTaskGroup(of: Void.self) { group in
            for (depName, best) in next {
                group.addTask { await self.expand(name: depName, choice: best, via: chain) }
            }
        }
    }
}

/// A problem found below a top-level requirement, with the chain that leads to it.
struct DependencyIssue: Sendable {
    var code: FindingCode
    /// The code's default, unless the issue says otherwise (a pure-Python sdist is only info).
    var severity: Finding.Severity
    var package: String
    var requirement: String
    var via: [String]
    var message: String
    var suggestions: [String]
    /// Of a `source-unreachable` issue: the source that failed (`UnreachableSource`).
    var unreachableSource: String?

    init(code: FindingCode, severity: Finding.Severity? = nil, package: String, requirement: String, via: [String],
         message: String, suggestions: [String], unreachableSource: String? = nil) {
        self.unreachableSource = unreachableSource
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.package = package
        self.requirement = requirement
        self.via = via
        self.message = message
        self.suggestions = suggestions
    }
}
