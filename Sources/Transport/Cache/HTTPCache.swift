import Foundation

/// The disk cache of HTTP responses. Entries are named by a SHA-256 of the credential-free URL
/// (plus the request variant such as `Accept`), so no piece of a URL or package name ever becomes
/// a path component. Writes go to a temporary file and are renamed into place, so readers never
/// see a half-written entry; a damaged entry fails its checksum and is dropped.
package final class HTTPCache: @unchecked Sendable {
    package let root: URL
    /// Lifetime of a response whose headers do not say (`max-age`), e.g. a mirror sending no validators.
    package let defaultLifetime: Double
    private let entries: URL
    private let temporary: URL
    private let locks: URL

    package init(directory: String, defaultLifetime: Double = 600) throws {
        root = URL(fileURLWithPath: directory, isDirectory: true)
        self.defaultLifetime = defaultLifetime
        entries = CacheFolder.http.url(in: root)
        temporary = CacheFolder.temporary.url(in: root)
        locks = CacheFolder.locks.url(in: root)
        for dir in [entries, temporary, locks] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
    }

    package func key(url: String, variant: String = "") -> String {
        SHA256Digest.hex(Redaction.stripCredentials(url) + "\n" + variant)
    }

    private func entryURL(_ key: String) -> URL {
        entries.appendingPathComponent(String(key.prefix(2)), isDirectory: true).appendingPathComponent(key)
    }

    /// The entry, verified; nil when absent or damaged (a damaged entry is removed).
    package func load(key: String) -> (CacheMetadata, Data)? {
        let url = entryURL(key)
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
        guard let (meta, offset) = CacheEntryFormat.decodeHeader(data) else {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        if meta.bodyStored == false { return nil }  // metadata only: not an answer with a body
        guard data.count - offset == meta.bodyLength else {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        let body = Data(data[data.startIndex + offset ..< data.endIndex])
        guard SHA256Digest.hex(body) == meta.bodySHA256 else {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        readLog.record(key: key, sha256: meta.bodySHA256)
        return (meta, body)
    }

    /// Only the metadata (cheap even for a 200 MB body); the body is not verified here.
    package func loadMetadata(key: String) -> CacheMetadata? {
        guard let handle = try? FileHandle(forReadingFrom: entryURL(key)) else { return nil }
        defer { try? handle.close() }
        let fixed = CacheEntryFormat.magic.count + 8
        guard let prefix = try? handle.read(upToCount: fixed), prefix.count == fixed,
              let length = CacheEntryFormat.metadataLength(prefix),
              let rest = try? handle.read(upToCount: length),
              let meta = CacheEntryFormat.decodeHeader(prefix + rest)?.0 else { return nil }
        readLog.record(key: key, sha256: meta.bodySHA256)
        return meta
    }

    /// Every entry this process read or wrote, with the body checksum it had: what a result
    /// computed from them depends on (see `CheckMemo`).
    package let readLog = CacheReadLog()

    /// Keeps only the metadata (validators, lifetime, body checksum) of a response whose body
    /// the caller holds in a file of its own.
    package func storeMetadataOnly(key: String, metadata: CacheMetadata) {
        var meta = metadata
        meta.bodyStored = false
        store(key: key, metadata: meta, body: Data())
    }

    package func store(key: String, metadata: CacheMetadata, body: Data) {
        readLog.record(key: key, sha256: metadata.bodySHA256)
        // Header and body are written one after the other, never concatenated in memory: a
        // 200 MB repodata body must not be held twice.
        guard let header = try? CacheEntryFormat.encodeHeader(metadata: metadata) else { return }
        let final = entryURL(key)
        let tmp = temporary.appendingPathComponent("\(key).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: final.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else { return }
            let handle = try FileHandle(forWritingTo: tmp)
            defer { try? handle.close() }
            try handle.write(contentsOf: header)
            try handle.write(contentsOf: body)
            try handle.close()
            if rename(tmp.path, final.path) != 0 { try? FileManager.default.removeItem(at: tmp) }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
        }
    }

    /// Serialises fetches of one URL across processes; nil when the lock could not be had in time.
    func lock(key: String, timeout: Double) -> FileLock? {
        FileLock(directory: locks, key: key, timeout: timeout)
    }

    /// Freshness lifetime for a response about to be stored; nil means forever; 0 means revalidate every time.
    func lifetime(cacheControl: String?, policy: CachePolicy) -> Double? {
        if policy == .immutable { return nil }
        let directives = (cacheControl ?? "").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if directives.contains("immutable") { return nil }
        if directives.contains("no-cache") { return 0 }
        if let maxAge = directives.first(where: { $0.hasPrefix("max-age=") }), let seconds = Double(maxAge.dropFirst(8)) {
            return max(0, seconds)
        }
        return defaultLifetime
    }

    static func isStorable(cacheControl: String?) -> Bool {
        !(cacheControl ?? "").lowercased().contains("no-store")
    }
}
