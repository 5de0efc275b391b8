import Foundation

/// Which cache entries a run depended on, and whether it used anything that was not cached
/// (a `file://` channel, a `no-store` response): then its result cannot be replayed.
package final class CacheReadLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: String] = [:]
    private var uncacheable = false

    func record(key: String, sha256: String) {
        lock.lock(); entries[key] = sha256; lock.unlock()
    }

    /// Something the result depends on is not in the cache.
    package func markUncacheable(_ reason: @autoclosure () -> String = "", file: StaticString = #fileID, line: UInt = #line) {
        lock.lock()
        let first = !uncacheable
        uncacheable = true
        lock.unlock()
        if first { Trace.log("results of this run will not be replayed: \(reason()) (\(file):\(line))") }
    }

    /// Cache key → body SHA-256 of everything read so far; nil if something was not cacheable.
    package func snapshot() -> [String: String]? {
        lock.lock(); defer { lock.unlock() }
        return uncacheable ? nil : entries
    }
}
