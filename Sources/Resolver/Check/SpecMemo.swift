import Checks
import Configuration
import Foundation
import Specs
import Transport

/// Per-spec results of earlier runs, replayed when the spec, its included files, the options
/// and every cache entry the run had read are unchanged (and fresh, unless offline). This is
/// what makes a warm audit over hundreds of specs cheap.
///
/// The cache entries are those the whole run had read when it finished (a superset of what each
/// spec needed, so a replay is never based on less than the real inputs), written once per run as
/// a manifest that every spec's record names: writing each spec's own growing copy was 90 MB and
/// a tenth of a cold audit's CPU. Records wait in memory until `flush()` at the end of the run.
final class SpecMemo: @unchecked Sendable {
    struct Record: Codable {
        var report: SpecReport
        /// File name of the entries manifest (cache key → body SHA-256) in the memo folder.
        var manifest: String
        var files: [String: String]
    }

    let cache: HTTPCache
    let offline: Bool
    let context: String
    /// Manifest → whether every entry in it is still present, unchanged and fresh (checked once per run).
    private let verified = Memo<String, Bool>()
    private let lock = NSLock()
    // Guarded by `lock`.
    private var pending: [(key: String, report: SpecReport, files: [String: String])] = []

    init(cache: HTTPCache, offline: Bool, context: String) {
        self.cache = cache
        self.offline = offline
        self.context = context
    }

    private var folder: URL { CacheFolder.specMemo.url(in: cache.root) }

    private func url(_ key: String) -> URL {
        folder.appendingPathComponent(key + ".json")
    }

    func key(path: String, files: [String]) -> String {
        SHA256Digest.hex(context + "\n" + path + "\n" + RecordedInputs.keyMaterial(files: files))
    }

    func replay(key: String) -> SpecReport? {
        guard let data = try? Data(contentsOf: url(key)), let record = try? JSONDecoder().decode(Record.self, from: data) else { return nil }
        if let file = RecordedInputs.changedFile(among: record.files) {
            Trace.log("spec memo: \(file) changed")
            return nil
        }
        guard manifestIsCurrent(record.manifest) else {
            Trace.log("spec memo: a cache entry of \(record.manifest) changed or is stale")
            return nil
        }
        return record.report
    }

    private func manifestIsCurrent(_ name: String) -> Bool {
        verified.value(for: name) {
            // The name is the manifest's own digest: a damaged or foreign file does not pass.
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                  name == "entries-" + SHA256Digest.hex(data) + ".json",
                  let entries = try? JSONDecoder().decode([String: String].self, from: data) else { return false }
            return cache.areCurrent(entries, offline: offline)
        }
    }

    /// Keeps a spec's result until `flush()`.
    func store(key: String, report: SpecReport, files: [String]) {
        guard let digests = RecordedInputs.digests(of: files) else { return }
        lock.lock(); pending.append((key, report, digests)); lock.unlock()
    }

    /// Writes the run's manifest and the records waiting for it; nothing when the run read
    /// something that is not in the cache (a `file://` source, a `no-store` response).
    func flush() {
        lock.lock()
        let records = pending
        pending.removeAll()
        lock.unlock()
        guard !records.isEmpty, let entries = cache.readLog.snapshot() else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let manifest = try? encoder.encode(entries) else { return }
        let name = "entries-" + SHA256Digest.hex(manifest) + ".json"
        guard AtomicFile.write(manifest, to: folder.appendingPathComponent(name)) else { return }
        for record in records {
            guard let data = try? JSONEncoder().encode(Record(report: record.report, manifest: name, files: record.files)) else { continue }
            AtomicFile.write(data, to: url(record.key))
        }
        removeManifests(olderThan: Self.manifestLifetime, keeping: name)
    }

    /// A nightly audit writes a manifest a night; one a week old only costs its specs a recompute.
    static let manifestLifetime: TimeInterval = 7 * 86_400

    private func removeManifests(olderThan age: TimeInterval, keeping current: String) {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder.path) else { return }
        let cutoff = Date().addingTimeInterval(-age)
        for name in names where name.hasPrefix("entries-") && name != current {
            let path = folder.appendingPathComponent(name).path
            if let modified = (try? fileManager.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < cutoff {
                try? fileManager.removeItem(atPath: path)
            }
        }
    }
}
