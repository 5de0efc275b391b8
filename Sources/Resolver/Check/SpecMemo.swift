import Configuration
import Foundation
import Specs
import Transport

/// Per-spec results of earlier runs, replayed when the spec, its included files, the options
/// and every cache entry the run had read are unchanged (and fresh, unless offline). This is
/// what makes a warm audit over hundreds of specs cheap. The recorded entries are everything
/// the process had read when the spec finished — a superset of what the spec needed, so a
/// replay is never based on less than the real inputs.
final class SpecMemo: @unchecked Sendable {
    struct Record: Codable {
        var report: SpecReport
        var entries: [String: String]
        var files: [String: String]
    }

    let cache: HTTPCache
    let offline: Bool
    let context: String
    private let lock = NSLock()
    /// Entry → whether it is still present, unchanged and fresh (checked once per process).
    private var verified: [String: Bool] = [:]

    init(cache: HTTPCache, offline: Bool, context: String) {
        self.cache = cache
        self.offline = offline
        self.context = context
    }

    private func url(_ key: String) -> URL {
        cache.root.appendingPathComponent("spec-memo-v1").appendingPathComponent(key + ".json")
    }

    func key(path: String, files: [String]) -> String {
        var material = context + "\n" + path + "\n"
        for file in files { material += file + "=" + (AtomicFile.digest(ofFileAt: file) ?? "missing") + "\n" }
        return SHA256Digest.hex(material)
    }

    func replay(key: String) -> SpecReport? {
        guard let data = try? Data(contentsOf: url(key)), let record = try? JSONDecoder().decode(Record.self, from: data) else { return nil }
        for (file, digest) in record.files where AtomicFile.digest(ofFileAt: file) != digest {
            Trace.log("spec memo: \(file) changed")
            return nil
        }
        for (entry, digest) in record.entries where !isCurrent(entry, digest) {
            Trace.log("spec memo: cache entry \(entry) changed or stale")
            return nil
        }
        return record.report
    }

    private func isCurrent(_ entry: String, _ digest: String) -> Bool {
        lock.lock()
        if let known = verified[entry + digest] { lock.unlock(); return known }
        lock.unlock()
        let current = cache.isCurrent(key: entry, sha256: digest, offline: offline)
        lock.lock(); verified[entry + digest] = current; lock.unlock()
        return current
    }

    func store(key: String, report: SpecReport, files: [String]) {
        guard let entries = cache.readLog.snapshot() else { return }
        var digests: [String: String] = [:]
        for file in files {
            guard let digest = AtomicFile.digest(ofFileAt: file) else { return }
            digests[file] = digest
        }
        guard let data = try? JSONEncoder().encode(Record(report: report, entries: entries, files: digests)) else { return }
        AtomicFile.write(data, to: url(key))
    }
}
