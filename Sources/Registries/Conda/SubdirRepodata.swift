import Foundation

/// The repodata of one channel subdir, loaded and ready for lookups by name.
final class SubdirRepodata: @unchecked Sendable {
    enum Content {
        /// The subdir does not exist (404 or no such folder): it holds no packages.
        case empty
        /// Monolithic repodata (`repodata.json[.zst]`), through its compact index.
        case indexed(CompactRepodataIndex, indexPath: String?)
        /// CEP-16 sharded repodata; shards are fetched per name.
        case sharded(ShardedRepodataIndex)
    }

    let channel: CondaChannel
    let subdir: String
    let content: Content
    /// The file that answered (credentials removed), for messages.
    let source: String
    /// Where package files live, ending in `/` (CEP-15 `base_url`, else the subdir's own URL).
    let packageBaseURL: String

    init(channel: CondaChannel, subdir: String, content: Content, source: String) {
        self.channel = channel
        self.subdir = subdir
        self.content = content
        self.source = source
        let subdirURL = channel.url + "/" + subdir + "/"
        switch content {
        case .empty:
            packageBaseURL = subdirURL
        case .sharded(let shards):
            packageBaseURL = shards.packageBaseURL ?? subdirURL
        case .indexed(let index, _):
            packageBaseURL = Self.baseURL(infoJSON: index.infoJSON, documentURL: channel.url + "/" + subdir + "/repodata.json")
                ?? subdirURL
        }
    }

    /// Every package name in the subdir.
    func allNames() throws -> [String] {
        switch content {
        case .empty: return []
        case .indexed(let index, _): return try index.allNames()
        case .sharded(let shards): return shards.allNames()
        }
    }

    func contains(_ name: String) throws -> Bool {
        switch content {
        case .empty: return false
        case .indexed(let index, _): return try index.contains(name)
        case .sharded(let shards): return shards.contains(name)
        }
    }

    /// CEP-15: `info.base_url`, absolute or relative to the repodata URL, is where packages live.
    static func baseURL(infoJSON: Data?, documentURL: String) -> String? {
        guard let infoJSON,
              let info = try? JSONSerialization.jsonObject(with: infoJSON) as? [String: Any],
              let base = info["base_url"] as? String, !base.isEmpty else { return nil }
        let resolved = URLResolver.resolve(base, against: documentURL)
        return resolved.hasSuffix("/") ? resolved : resolved + "/"
    }
}
