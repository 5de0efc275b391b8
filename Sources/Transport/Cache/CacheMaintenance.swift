import Foundation

/// What `preflight cache info` prints.
package struct CacheSummary: Sendable {
    package var location: String
    package var entries: Int
    package var bytes: Int64
    package var oldest: Date?
    package var newest: Date?
}

extension HTTPCache {
    /// Walks every file under the cache root (HTTP entries and the indexes built from them).
    package func summary() -> CacheSummary {
        var summary = CacheSummary(location: root.path, entries: 0, bytes: 0, oldest: nil, newest: nil)
        for (_, size, modified) in files() {
            summary.entries += 1
            summary.bytes += size
            if summary.oldest.map({ modified < $0 }) ?? true { summary.oldest = modified }
            if summary.newest.map({ modified > $0 }) ?? true { summary.newest = modified }
        }
        return summary
    }

    /// Removes entries last written before `cutoff` (all when nil); returns how many files went.
    @discardableResult
    package func clean(olderThan cutoff: Date?) -> Int {
        var removed = 0
        for (url, _, modified) in files() where cutoff.map({ modified < $0 }) ?? true {
            if (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }

    private func files() -> [(URL, Int64, Date)] {
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { return [] }
        var out: [(URL, Int64, Date)] = []
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
            if url.deletingLastPathComponent().lastPathComponent == CacheFolder.locks.rawValue { continue }
            if url.lastPathComponent == "README.md" { continue }
            out.append((url, Int64(values.fileSize ?? 0), values.contentModificationDate ?? .distantPast))
        }
        return out
    }
}
