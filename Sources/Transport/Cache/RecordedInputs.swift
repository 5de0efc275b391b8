import Foundation

/// What a recorded result (a spec's findings, a whole command's output) was worked out from
/// besides its arguments and the cache entries it read: files, named by the SHA-256 of their
/// contents. The spec memo and the command memo key, record and check them the same way, here.
package enum RecordedInputs {
    /// Key material naming each file's current contents, a line each (`missing` for a file
    /// that cannot be read).
    package static func keyMaterial(files: [String]) -> String {
        files.map { $0 + "=" + (AtomicFile.digest(ofFileAt: $0) ?? "missing") + "\n" }.joined()
    }

    /// Each file's digest, to record with a result; nil when one cannot be read (the result is
    /// then not recorded at all).
    package static func digests(of files: [String]) -> [String: String]? {
        var digests: [String: String] = [:]
        for file in files {
            guard let digest = AtomicFile.digest(ofFileAt: file) else { return nil }
            digests[file] = digest
        }
        return digests
    }

    /// A recorded file whose contents are no longer those recorded (or that is gone); nil when
    /// every one is unchanged.
    package static func changedFile(among recorded: [String: String]) -> String? {
        recorded.first { AtomicFile.digest(ofFileAt: $0.key) != $0.value }?.key
    }
}

extension HTTPCache {
    /// Whether every recorded entry (cache key → body SHA-256) is still current (`isCurrent`).
    package func areCurrent(_ entries: [String: String], offline: Bool) -> Bool {
        entries.allSatisfy { isCurrent(key: $0.key, sha256: $0.value, offline: offline) }
    }
}
