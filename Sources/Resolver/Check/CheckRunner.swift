import Checks
import Configuration
import Foundation
import PythonPackaging
import Registries
import Specs
import Transport

/// `check`: reads specs, works out their targets, and turns every requirement's verdict into
/// findings. One `HTTPClient` serves every spec and target, so each URL is fetched once, and one
/// `CheckSession` keeps what is worked out from the answers (an audit checks every spec through
/// one runner, so its specs share both).
package final class CheckRunner: Sendable {
    /// Codable, so that every stored property is part of the spec memo's key (`fingerprint`).
    package struct Options: Sendable, Codable {
        package var matrix = TargetMatrix()
        package var kind: SpecKind?
        package var allowSdist = false
        package var transitive = true
        /// Resolve each spec's requirements together (`--no-resolve` turns it off).
        package var resolve = true
        /// Conda's `channel_priority`: strict takes a name from the first channel that has it;
        /// flexible and disabled let every channel offer it, preferring the channel's rank
        /// (flexible) or the newest version whatever the channel (disabled).
        package var strictChannelPriority = true
        package var flexibleChannelOrder = true
        /// `--index-url` / `--extra-index-url` from the command line (win over the spec's own).
        package var indexURLs: [String]?
        /// `--channel`: added before the spec's own channels, as conda's `-c` is.
        package var channels: [String]?
        /// `--override-channels`: the given channels replace the spec's.
        package var overrideChannels = false
        /// `--find-links` from the command line (added to the spec's own).
        package var findLinks: [String] = []
        package init() {}

        /// Names these options for memo keys: the SHA-256 of their JSON, so that every option
        /// counts, one added later too, and none can be forgotten.
        package var fingerprint: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            // Strings, numbers and flags always encode; were one not to, describing the value
            // still names every field.
            return SHA256Digest.hex((try? encoder.encode(self)) ?? Data(String(reflecting: self).utf8))
        }
    }

    /// A spec that could not be read at all (exit 2). The report still lists it, with an
    /// `invalid-spec` error (`SpecReport.unreadable`), so that no output format reads as clean.
    package struct ReadFailure: Error, Sendable, CustomStringConvertible {
        package var path: String
        /// Why, without the path (`no such file`, `not a text file …`).
        package var message: String
        package var description: String { "\(path): \(message)" }

        package init(path: String, message: String) {
            self.path = path
            self.message = message
        }

        init(path: String, error: any Error) {
            self.init(path: path, message: (error as? SpecReadError)?.reason ?? "\(error)")
        }
    }

    let http: HTTPClient
    let config: PreflightConfiguration
    let options: Options
    /// The run's memos: parsed listings and pages, verdicts, tag sets, probes.
    let session: CheckSession
    /// Channel repodata shared by every spec and target of the run.
    let condaStore: CondaRepodataStore
    /// One PyPI client per index configuration, so specs sharing indexes share parsed listings.
    let pypiClients = PyPIClientPool()

    package init(http: HTTPClient, config: PreflightConfiguration, options: Options, session: CheckSession) {
        self.http = http
        self.config = config
        self.options = options
        self.session = session
        self.condaStore = CondaRepodataStore(http: http)
        // The context's number changes whenever the pip side's findings do, so that memos of an
        // older build are not replayed (3: local-build pins and local projects).
        self.specMemo = http.cache.map {
            SpecMemo(cache: $0, offline: http.settings.offline,
                     context: "preflight-check-\(Self.verdictGeneration)|\(options.fingerprint)|\(String(describing: config))")
        }
    }

    let specMemo: SpecMemo?

    /// Raised whenever the same inputs give different findings (a fix, a new code, new wording),
    /// so that answers recorded by an earlier build are not replayed. 4: resolution, unreadable
    /// specs in every report, local-build pins, the new-user fixes (placeholders, unverifiable references); 5: findings
    /// folded per cause and merged across targets, unknown packages of unreachable sources.
    package static let verdictGeneration = 5

    /// The report over `paths` in their order, and the specs that could not be read at all.
    /// Those are in the report too, each as a spec with one `invalid-spec` error, so that the
    /// summary counts them and every format shows them; the failures decide the exit status (2).
    /// `inheriting`: targets from including specs read elsewhere (an audit checks its specs one
    /// by one); by default, those of the specs among `paths`.
    package func check(paths: [String], inheriting: InheritedTargets? = nil) async -> (CheckReport, [ReadFailure]) {
        await check(read: read(paths: paths), inheriting: inheriting)
    }

    /// The same over specs already read (`read(paths:)`).
    package func check(read: [Result<ParsedSpec, ReadFailure>], inheriting: InheritedTargets? = nil) async -> (CheckReport, [ReadFailure]) {
        let inherited = inheriting ?? inheritedTargets(of: read)
        let reports = await withTaskGroup(of: (Int, SpecReport).self) { group in
            for (i, item) in read.enumerated() {
                switch item {
                case .success(let spec):
                    let targets = inherited.targets(for: spec.path) ?? self.targets(for: spec)
                    group.addTask { (i, await self.check(spec, targets: targets)) }
                case .failure(let failure):
                    group.addTask { (i, SpecReport.unreadable(failure)) }
                }
            }
            var out: [(Int, SpecReport)] = []
            for await item in group { out.append(item) }
            return out.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let failures = read.compactMap { item -> ReadFailure? in
            if case .failure(let failure) = item { return failure }
            return nil
        }
        return (CheckReport(specs: reports), failures)
    }

    /// Writes what later runs may replay (the spec memos); call once the run's checks are done.
    package func finish() {
        specMemo?.flush()
    }

    /// Each path read as a spec, in order, or why it could not be; what each read touched is
    /// recorded (`filesRead`).
    package func read(paths: [String]) -> [Result<ParsedSpec, ReadFailure>] {
        paths.map { path in
            do {
                let spec = try SpecReader.read(path: path, kind: options.kind)
                specFiles.store(Self.files(of: spec), for: path)
                return .success(spec)
            } catch {
                specFiles.store([path], for: path)
                return .failure(ReadFailure(path: path, error: error))
            }
        }
    }

    /// The targets that the readable specs among `read` pass on to the files they include.
    package func inheritedTargets(of read: [Result<ParsedSpec, ReadFailure>]) -> InheritedTargets {
        InheritedTargets(specs: read.compactMap { try? $0.get() }, targets: { self.targets(for: $0) })
    }

    /// Spec path → the files the run's reading of it touched (`files(of:)`; the path alone when it
    /// could not be read).
    private let specFiles = Memo<String, [String]>()

    /// Every file the specs checked so far were read from — each spec and the files it includes,
    /// as this run read them — for a record of the run's output (`CommandMemo`).
    package var filesRead: [String] {
        specFiles.values.flatMap { $0 }
    }

    /// The spec's file and those it includes: what its findings were read from.
    static func files(of spec: ParsedSpec) -> [String] {
        [spec.path] + spec.includedFiles
    }

    /// The spec's targets; `solved` replaces their Python with the one a conda solve chose.
    func targets(for spec: ParsedSpec, python solved: String? = nil) -> [Target] {
        let targets = SpecTargets(matrix: options.matrix, config: config).targets(for: spec)
        guard let solved else { return targets }
        return targets.map { target in
            var chosen = target
            chosen.python = PythonVersion(solved)
            return chosen
        }
    }

    /// The pip side (with the file-level findings) is replayed from the spec memo when nothing it
    /// read changed; the conda side is always asked again (its warm lookups are index reads, and an
    /// unreachable channel should be retried, not remembered).
    func check(_ spec: ParsedSpec, targets: [Target]) async -> SpecReport {
        let started = Date()
        defer { Trace.log(String(format: "checked %@ in %.2f s", spec.path, Date().timeIntervalSince(started))) }
        var targets = targets
        let condaSolver = CondaResolutionCheck(store: condaStore, channels: CondaChannelResolver(settings: condaSettings).resolve(channels(for: spec)),
                                               strictPriority: options.strictChannelPriority, flexibleOrder: options.flexibleChannelOrder,
                                               maxSeconds: config.resolver.maxSeconds)
        let pinsPython = spec.pythonPin?.version != nil || !options.matrix.pythons.isEmpty
        // No Python is pinned: the image gets the one conda chooses, so that is the target. The
        // solve that tells does not depend on the target's Python, so the first target keeps it.
        var presolved: CondaResolutionCheck.Result?
        if options.resolve, !spec.condaRequirements.isEmpty, !pinsPython, let first = targets.first {
            let result = await condaSolver.resolve(spec, target: first, pinPython: false, availability: { [] })
            if let python = result.python {
                let (major, minor) = PythonVersion(python).majorMinor
                targets = self.targets(for: spec, python: "\(major).\(minor)")
                if result.status == .resolved { presolved = result }
            }
        }
        let files = Self.files(of: spec)
        // The targets are part of the key: inherited ones come from files this spec does not read.
        let memoKey = specMemo?.key(path: spec.path + "|" + targets.map(\.description).joined(separator: ","), files: files)
        let conda = CondaRequirementChecker(store: condaStore, settings: condaSettings, channels: channels(for: spec),
                                            transitive: options.transitive)
        var pipFindings: [Finding]
        var resolution: [ResolutionEntry]
        var condaFindings: [Finding]
        let settled = targets
        // The pip side (with the file-level findings) is replayed when nothing it read changed.
        func replayablePipSide() async -> ([Finding], [ResolutionEntry]) {
            let targets = settled
            if let memoKey, let replayed = specMemo?.replay(key: memoKey) { return (replayed.findings, replayed.resolution) }
            let (findings, entries) = await pipSide(spec, targets: targets)
            let all = SpecFindings.fileLevel(spec) + findings
            if let memoKey, !all.contains(where: { $0.code == .sourceUnreachable }), !entries.contains(where: { $0.status == .unknown }) {
                specMemo?.store(key: memoKey, report: SpecReport(path: spec.path, kind: spec.kind.rawValue, targets: targets,
                                                                 findings: all, resolution: entries), files: files)
            }
            return (all, entries)
        }
        if options.resolve && !spec.condaRequirements.isEmpty {
            // conda installs first and pip on top of it: the pip side is resolved against what the
            // conda solve chose, so it waits for it. The availability walk and the solves read the
            // same records (loaded once): they run side by side, and a solve waits for the walk
            // only to explain a failure.
            let walk = Task { [targets] in await condaSide(spec, conda: conda, targets: targets) }
            var solved: [Target: CondaResolutionCheck.Result] = [:]
            for (i, target) in targets.enumerated() {
                if i == 0, let presolved {
                    solved[target] = presolved
                } else {
                    solved[target] = await condaSolver.resolve(spec, target: target, pinPython: pinsPython, availability: { await walk.value })
                }
            }
            condaFindings = await walk.value
            for target in targets {
                guard let result = solved[target] else { continue }
                if result.status == .resolved {
                    // A set that installs exists, so no conda dependency is really missing: the walk gave up too early.
                    condaFindings.removeAll { $0.code == .dependencyNotFound && $0.source == "conda" && $0.target == target }
                }
                condaFindings += result.findings
            }
            let entries: [ResolutionEntry]
            if solved.values.contains(where: { $0.status == .resolved }) {
                // What pip finds installed comes from channels, which the memo does not follow.
                let (findings, pipEntries) = await pipSide(spec, targets: targets, conda: solved)
                pipFindings = SpecFindings.fileLevel(spec) + findings
                entries = pipEntries
            } else {
                // conda installs nothing known (a channel down, a conflict): pip's side stands alone.
                (pipFindings, entries) = await replayablePipSide()
            }
            // The pip to pin is the one the channels give this environment, not a fixed number.
            if let target = targets.first, let pip = solved[target]?.packages.first(where: { $0.name == "pip" }) {
                for i in pipFindings.indices where pipFindings[i].code == .pipUnpinned {
                    pipFindings[i].suggestions = ["pip=\(pip.version)"]
                    pipFindings[i].message += " (today \(pip.version), the newest \(pip.channel ?? "the channels") has for py\(target.python))"
                }
            }
            resolution = targets.map { target in
                Self.joined(conda: solved[target], pip: entries.first { $0.target == target }, target: target)
            }
        } else {
            async let condaSide = condaSide(spec, conda: conda, targets: settled)
            (pipFindings, resolution) = await replayablePipSide()
            condaFindings = await condaSide
        }
        let findings = pipFindings + condaFindings
        let ordered = FindingFolding.folded(findings).enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.path != y.path { return x.path < y.path }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            if (x.column ?? 0) != (y.column ?? 0) { return (x.column ?? 0) < (y.column ?? 0) }
            return a.offset < b.offset  // stable: keep the order the checks produced
        }.map(\.element)
        return SpecReport(path: spec.path, kind: spec.kind.rawValue, targets: targets, findings: ordered, resolution: resolution)
    }

    /// One target's resolution of a conda environment: conda's records, then pip's on top.
    static func joined(conda: CondaResolutionCheck.Result?, pip: ResolutionEntry?, target: Target) -> ResolutionEntry {
        let statuses = [conda?.status, pip?.status].compactMap { $0 }
        let status: ResolutionEntry.Status = statuses.contains(.unsatisfiable) ? .unsatisfiable
            : statuses.contains(.unknown) ? .unknown : .resolved
        let packages = status == .resolved ? (conda?.packages ?? []) + (pip?.packages ?? []) : []
        return ResolutionEntry(target: target, status: status, packages: packages)
    }

    func pipSide(_ spec: ParsedSpec, targets: [Target], conda: [Target: CondaResolutionCheck.Result] = [:]) async -> ([Finding], [ResolutionEntry]) {
        let pypi = pypiClients.client(indexURLs: indexURLs(for: spec), findLinks: options.findLinks + findLinks(for: spec)) {
            PyPIClient(http: http, parsedPages: session.parsedPages, indexURLs: $0, findLinks: $1,
                       projectListLifetime: config.cache.projectListLifetime)
        }
        let names = ProjectNameIndex(http: http, lifetime: config.cache.projectListLifetime)
        let checker = PipRequirementChecker(client: pypi, names: names, allowSdist: options.allowSdist,
                                            transitive: options.transitive, session: session)
        let resolver = PipResolutionCheck(client: pypi, maxSeconds: config.resolver.maxSeconds, session: session)
        var findings: [Finding] = []
        var entries: [ResolutionEntry] = []
        for target in targets {
            // Resolution first: it loads the whole likely dependency tree concurrently, and the
            // availability walk then reads it from memory.
            let solved = conda[target].flatMap { $0.status == .resolved ? $0 : nil }
            let held = solved?.held ?? []
            // pip runs in the Python conda installed (3.6.6, not the 3.6.0 that `3.6` means to pip).
            var interpreter = target
            if let python = solved?.python, Version.parse(python) != nil { interpreter.python = PythonVersion(python) }
            let run = options.resolve ? await resolver.resolve(spec, target: interpreter, held: held) : nil
            var found = await checker.findings(for: spec, target: interpreter)
            if let run {
                var result = await resolver.judge(run, availability: found)
                if result.resolved {
                    // A set that installs exists, so no dependency is really missing: the walk gave up too early.
                    found.removeAll { Self.disprovedByResolution.contains($0.code) && $0.target == interpreter }
                }
                for i in found.indices where found[i].code == .dependenciesUnknown && found[i].target == interpreter
                    && result.assumedWithoutDependencies.contains(found[i].package ?? "") {
                    found[i].message += "; the resolution treated it as having none"
                }
                // What conda put there is conda's: pip installs only the rest.
                let heldNames = Set(held.map(\.name))
                result.entry.packages.removeAll { heldNames.contains($0.name) }
                result.entry.target = target
                found += result.findings
                entries.append(result.entry)
            }
            for i in found.indices where found[i].target == interpreter { found[i].target = target }
            findings += found
        }
        return (findings, entries)
    }

    /// What the availability walk says about dependencies that a successful resolution disproves.
    static let disprovedByResolution: Set<FindingCode> = [.dependencyNotFound, .backtrackLimit]

    func condaSide(_ spec: ParsedSpec, conda: CondaRequirementChecker, targets: [Target]) async -> [Finding] {
        var findings: [Finding] = []
        for target in targets { findings += await conda.findings(for: spec, target: target) }
        return findings
    }

    var condaSettings: CondaChannelSettings {
        CondaChannelSettings(channelAlias: config.conda.channelAlias, defaultsChannels: config.conda.defaultsChannels,
                             customChannels: config.conda.customChannels)
    }

    func channels(for spec: ParsedSpec) -> [String] {
        ChannelOrder(given: options.channels ?? [], overrideSpec: options.overrideChannels, defaults: config.conda.defaultChannels,
                     defaultsFollowSpec: config.conda.defaultChannelsFollowSpecChannels)
            .channels(for: spec.channels)
    }

    /// The spec's `--find-links`, relative paths taken from the spec's folder.
    func findLinks(for spec: ParsedSpec) -> [String] {
        let folder = URL(fileURLWithPath: spec.path).deletingLastPathComponent()
        return spec.indexOptions.findLinks.map { link in
            link.contains("://") || link.hasPrefix("/") ? link : folder.appendingPathComponent(link).path
        }
    }

    func indexURLs(for spec: ParsedSpec) -> [String] {
        if let given = options.indexURLs { return given }
        let main = spec.indexOptions.indexURL ?? config.pypi.indexURL
        return [main] + spec.indexOptions.extraIndexURLs + config.pypi.extraIndexURLs
    }

}

/// PyPI clients by index configuration, created on first use.
final class PyPIClientPool: Sendable {
    private let clients = Memo<[String], PyPIClient>()

    func client(indexURLs: [String], findLinks: [String], make: ([String], [String]) -> PyPIClient) -> PyPIClient {
        // A client made by two askers at once is kept once: both get the same one.
        clients.value(for: indexURLs + ["--find-links"] + findLinks) { make(indexURLs, findLinks) }
    }
}
