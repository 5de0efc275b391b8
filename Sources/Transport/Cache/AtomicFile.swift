import Foundation

/// Files derived from cache entries (memos, parsed pages, name lists) are replaced whole: written
/// to a temporary sibling and renamed into place, so a reader or a killed writer never leaves a
/// half-written file behind.
package enum AtomicFile {
    @discardableResult
    package static func write(_ data: Data, to url: URL) -> Bool {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tmp = url.appendingPathExtension("\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard (try? data.write(to: tmp)) != nil else { return false }
        guard rename(tmp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: tmp)
            return false
        }
        return true
    }

    /// SHA-256 of a file's contents; nil when it cannot be read.
    package static func digest(ofFileAt path: String) -> String? {
        FileManager.default.contents(atPath: path).map(SHA256Digest.hex)
    }
}

extension HTTPCache {
    /// Whether a recorded entry still holds the body it had (same SHA-256) and is fresh — or,
    /// offline, merely present: what a replayed result may rely on.
    package func isCurrent(key: String, sha256: String, offline: Bool) -> Bool {
        guard let meta = loadMetadata(key: key) else { return false }
        return meta.bodySHA256 == sha256 && (offline || meta.isFresh())
    }
}
