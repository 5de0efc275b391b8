import Configuration
import Foundation
import PythonPackaging
import Registries
import Specs
import Transport

/// `check`: reads specs, works out their targets, and turns every requirement's verdict into
/// findings. One `HTTPClient` serves every spec and target, so each URL is fetched once.
public final class CheckRunner: Sendable {
    public struct Options: Sendable {
        public var matrix = TargetMatrix()
        public var kind: SpecKind?
        public var allowSdist = false
        public var transitive = true
        /// Resolve each spec's pip requirements together (`--no-resolve` turns it off).
        public var resolve = true
        /// `--index-url` / `--extra-index-url` from the command line (win over the spec's own).
        public var indexURLs: [String]?
        /// `--channel`: added before the spec's own channels, as conda's `-c` is.
        public var channels: [String]?
        /// `--override-channels`: the given channels replace the spec's.
        public var overrideChannels = false
        /// `--find-links` from the command line (added to the spec's own).
        public var findLinks: [String] = []
        public init() {}

        /// Everything here that changes a verdict, for memo keys.
        var memoDescription: String {
            "\(matrix.pythons)|\(matrix.platforms)|\(matrix.glibc ?? "")|\(matrix.macos ?? "")|\(matrix.cuda ?? "")|\(kind?.rawValue ?? "")|\(allowSdist)|\(transitive)|\(resolve)|\(indexURLs ?? [])|\(channels ?? [])|\(overrideChannels)|\(findLinks)"
        }
    }

    /// A spec that could not be read at all (exit 2).
    public struct ReadFailure: Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    let http: HTTPClient
    let config: PreflightConfiguration
    let options: Options
    /// Channel repodata shared by every spec and target of the run.
    let condaStore: CondaRepodataStore
    /// One PyPI client per index configuration, so specs sharing indexes share parsed listings.
    let pypiClients = PyPIClientPool()

    public init(http: HTTPClient, config: PreflightConfiguration, options: Options) {
        self.http = http
        self.config = config
        self.options = options
        self.condaStore = CondaRepodataStore(http: http)
        self.specMemo = http.cache.map {
            SpecMemo(cache: $0, offline: http.settings.offline,
                     context: "preflight-check-\(Self.verdictGeneration)|\(options.memoDescription)|\(String(describing: config))")
        }
    }

    let specMemo: SpecMemo?

    /// Raised whenever the same inputs give different findings (a fix, a new code, new wording),
    /// so that answers recorded by an earlier build are not replayed. 3: issue 17.
    public static let verdictGeneration = 3

    /// `inheriting`: targets from including specs read elsewhere (an audit checks its specs one
    /// by one); by default, those of the specs among `paths`.
    public func check(paths: [String], inheriting: InheritedTargets? = nil) async -> (CheckReport, [ReadFailure]) {
        var parsed: [ParsedSpec] = []
        var failures: [ReadFailure] = []
        for path in paths {
            do {
                parsed.append(try SpecReader.read(path: path, kind: options.kind))
            } catch {
                failures.append(ReadFailure(path: path, message: "\(error)"))
            }
        }
        let inherited = inheriting ?? InheritedTargets(specs: parsed, targets: targets(for:))
        let reports = await withTaskGroup(of: (Int, SpecReport).self) { group in
            for (i, spec) in parsed.enumerated() {
                let targets = inherited.targets(for: spec.path) ?? self.targets(for: spec)
                group.addTask { (i, await self.check(spec, targets: targets)) }
            }
            var out: [(Int, SpecReport)] = []
            for await item in group { out.append(item) }
            return out.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return (CheckReport(specs: reports), failures)
    }

    /// Writes what later runs may replay (the spec memos); call once the run's checks are done.
    public func finish() {
        specMemo?.flush()
    }

    /// The targets that the readable specs among `paths` pass on to the files they include.
    public func inheritedTargets(paths: [String]) -> InheritedTargets {
        InheritedTargets(specs: paths.compactMap { try? SpecReader.read(path: $0, kind: options.kind) }, targets: targets(for:))
    }

    /// Every file reading these specs touches (the specs and their includes), for memo keys.
    public static func filesRead(by paths: [String], kind: SpecKind?) -> [String] {
        var files = paths
        for path in paths {
            if let spec = try? SpecReader.read(path: path, kind: kind) { files += spec.includedFiles }
        }
        return files
    }

    func targets(for spec: ParsedSpec) -> [Target] {
        SpecTargets(matrix: options.matrix, config: config).targets(for: spec)
    }

    /// The pip side (with the file-level findings) is replayed from the spec memo when nothing it
    /// read changed; the conda side is always asked again (its warm lookups are index reads, and an
    /// unreachable channel should be retried, not remembered).
    func check(_ spec: ParsedSpec, targets: [Target]) async -> SpecReport {
        let started = Date()
        defer { Trace.log(String(format: "checked %@ in %.2f s", spec.path, Date().timeIntervalSince(started))) }
        let files = [spec.path] + spec.includedFiles
        // The targets are part of the key: inherited ones come from files this spec does not read.
        let memoKey = specMemo?.key(path: spec.path + "|" + targets.map(\.description).joined(separator: ","), files: files)
        let conda = CondaRequirementChecker(store: condaStore, settings: condaSettings, channels: channels(for: spec),
                                            transitive: options.transitive)
        async let condaFindings = condaSide(spec, conda: conda, targets: targets)
        var pipFindings: [Finding]
        var resolution: [ResolutionEntry]
        if let memoKey, let replayed = specMemo?.replay(key: memoKey) {
            pipFindings = replayed.findings
            resolution = replayed.resolution
        } else {
            let (findings, entries) = await pipSide(spec, targets: targets)
            pipFindings = SpecFindings.fileLevel(spec) + findings
            resolution = entries
            if let memoKey, !pipFindings.contains(where: { $0.code == .sourceUnreachable }),
               !resolution.contains(where: { $0.status == .unknown }) {
                specMemo?.store(key: memoKey, report: SpecReport(path: spec.path, kind: spec.kind.rawValue, targets: targets,
                                                                 findings: pipFindings, resolution: resolution), files: files)
            }
        }
        let findings = pipFindings + (await condaFindings)
        let ordered = Self.deduplicated(findings).enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.path != y.path { return x.path < y.path }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            if (x.column ?? 0) != (y.column ?? 0) { return (x.column ?? 0) < (y.column ?? 0) }
            return a.offset < b.offset  // stable: keep the order the checks produced
        }.map(\.element)
        return SpecReport(path: spec.path, kind: spec.kind.rawValue, targets: targets, findings: ordered, resolution: resolution)
    }

    func pipSide(_ spec: ParsedSpec, targets: [Target]) async -> ([Finding], [ResolutionEntry]) {
        let pypi = pypiClients.client(indexURLs: indexURLs(for: spec), findLinks: options.findLinks + findLinks(for: spec)) {
            PyPIClient(http: http, indexURLs: $0, findLinks: $1, projectListLifetime: config.cache.projectListLifetime)
        }
        let names = ProjectNameIndex(http: http, lifetime: config.cache.projectListLifetime)
        let checker = PipRequirementChecker(client: pypi, names: names, allowSdist: options.allowSdist,
                                            transitive: options.transitive)
        let resolver = PipResolutionCheck(client: pypi, maxSeconds: config.resolver.maxSeconds)
        var findings: [Finding] = []
        var entries: [ResolutionEntry] = []
        for target in targets {
            // Resolution first: it loads the whole likely dependency tree concurrently, and the
            // availability walk then reads it from memory.
            let run = options.resolve ? await resolver.resolve(spec, target: target) : nil
            var found = await checker.findings(for: spec, target: target)
            if let run {
                let result = await resolver.judge(run, availability: found)
                if result.resolved {
                    // A set that installs exists, so no dependency is really missing: the walk gave up too early.
                    found.removeAll { Self.disprovedByResolution.contains($0.code) && $0.target == target }
                }
                found += result.findings
                entries.append(result.entry)
            }
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
        ChannelOrder(given: options.channels ?? [], overrideSpec: options.overrideChannels, defaults: config.conda.defaultChannels)
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

    /// One source-unreachable per source and spec; identical findings for several targets once.
    static func deduplicated(_ findings: [Finding]) -> [Finding] {
        var seen = Set<String>()
        return findings.filter { f in
            // One per unreachable source: the message names it before " could not be ".
            let key = f.code == .sourceUnreachable
                ? "unreachable|\(f.message.components(separatedBy: " could not be ").first ?? f.message)"
                : "\(f.code.rawValue)|\(f.path)|\(f.line ?? 0)|\(f.column ?? 0)|\(f.package ?? "")|\(f.target?.description ?? "")|\(f.via)"
            return seen.insert(key).inserted
        }
    }
}

/// PyPI clients by index configuration, created on first use.
final class PyPIClientPool: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [[String]: PyPIClient] = [:]

    func client(indexURLs: [String], findLinks: [String], make: ([String], [String]) -> PyPIClient) -> PyPIClient {
        let key = indexURLs + ["--find-links"] + findLinks
        lock.lock(); defer { lock.unlock() }
        if let existing = clients[key] { return existing }
        let created = make(indexURLs, findLinks)
        clients[key] = created
        return created
    }
}
