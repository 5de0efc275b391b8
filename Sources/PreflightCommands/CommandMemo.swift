import Configuration
import Foundation
import Resolver
import Transport

/// Replays a command's output when nothing it depended on has changed: the same arguments,
/// configuration and spec files, and every cache entry it read still fresh with the same body.
/// A warm `check` or `exists` then costs a few header reads instead of re-parsing index pages.
/// Runs whose answer depended on something outside the cache (an unreachable source, a
/// `file://` channel, a `no-store` response) are never recorded.
struct CommandMemo {
    struct Record: Codable {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Cache key → body SHA-256.
        var entries: [String: String]
        /// Spec and included file → SHA-256 of its contents.
        var files: [String: String]
    }

    let cache: HTTPCache
    let key: String
    private var url: URL { CacheFolder.commandMemo.url(in: cache.root).appendingPathComponent(key + ".json") }

    init(cache: HTTPCache, arguments: [String], config: PreflightConfiguration, files: [String]) {
        self.cache = cache
        var material = "preflight \(PreflightVersion.current) \(CheckRunner.verdictGeneration)\n" + FileManager.default.currentDirectoryPath + "\n"
        material += arguments.joined(separator: "\u{1F}") + "\n"
        // The JUnit timestamp follows SOURCE_DATE_EPOCH: a replay must not print another clock's.
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] { material += "SOURCE_DATE_EPOCH=\(epoch)\n" }
        // What each configured setting is and where it came from (a new PIP_INDEX_URL is
        // another run), and every configuration file's contents.
        for (setting, origin) in config.provenance.sorted {
            material += "\(setting)=\(origin.value) (\(origin.source))\u{1F}"
        }
        material += "\n"
        material += RecordedInputs.keyMaterial(files: config.provenance.filesRead)
        material += RecordedInputs.keyMaterial(files: files)
        key = SHA256Digest.hex(material)
    }

    /// The recorded output, if every dependency is unchanged (and fresh, unless offline).
    func replay(offline: Bool) -> Record? {
        guard let data = try? Data(contentsOf: url), let record = try? JSONDecoder().decode(Record.self, from: data) else { return nil }
        guard RecordedInputs.changedFile(among: record.files) == nil, cache.areCurrent(record.entries, offline: offline) else { return nil }
        return record
    }

    /// Records the output with what the run read; does nothing when the run used anything uncacheable.
    func store(status: Int32, stdout: String, stderr: String, files: [String]) {
        guard let entries = cache.readLog.snapshot(), let digests = RecordedInputs.digests(of: files) else { return }
        let record = Record(status: status, stdout: stdout, stderr: stderr, entries: entries, files: digests)
        guard let data = try? JSONEncoder().encode(record) else { return }
        AtomicFile.write(data, to: url)
    }
}
