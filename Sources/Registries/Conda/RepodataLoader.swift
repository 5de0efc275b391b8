import Foundation
import Transport

/// Loads one channel subdir, preferring the cheapest form the channel offers:
/// CEP-16 sharded repodata, then `repodata.json.zst`, then `repodata.json`. A subdir that has
/// none of them (404) holds no packages. Monolithic repodata goes through a compact index kept
/// under the cache root, so a warm lookup neither reads nor parses the document again.
struct RepodataLoader: Sendable {
    let http: HTTPClient

    /// Repodata bodies as downloaded (conda-forge's linux-64 `repodata.json` is a few hundred MB).
    static let maxBodyBytes = 512 << 20
    /// Decompressed documents beyond this are refused (a decompression bomb, not repodata).
    static let maxDocumentBytes = 2 << 30

    static let shardIndexFile = "repodata_shards.msgpack.zst"
    static let zstdFile = "repodata.json.zst"
    static let jsonFile = "repodata.json"

    /// `forceRebuild`: the compact index found earlier was damaged; build it again.
    func load(channel: CondaChannel, subdir: String, forceRebuild: Bool = false) async throws -> SubdirRepodata {
        if channel.url.lowercased().hasPrefix("file://") {
            return try await loadLocal(channel: channel, subdir: subdir, forceRebuild: forceRebuild)
        }
        if !forceRebuild, let warm = loadFromFreshCache(channel: channel, subdir: subdir) {
            return warm
        }
        let shardsURL = channel.url(subdir: subdir, file: Self.shardIndexFile)
        if let response = try await fetchOptional(shardsURL, channel: channel) {
            return try sharded(response.body, url: shardsURL, channel: channel, subdir: subdir)
        }
        return try await loadMonolithic(channel: channel, subdir: subdir, forceRebuild: forceRebuild)
    }

    /// `repodata.json.zst`, else `repodata.json`: downloaded to a file (never whole in memory)
    /// and indexed from it; the raw document is not kept once its index exists.
    private func loadMonolithic(channel: CondaChannel, subdir: String, forceRebuild: Bool) async throws -> SubdirRepodata {
        for (file, compressed) in [(Self.zstdFile, true), (Self.jsonFile, false)] {
            let url = channel.url(subdir: subdir, file: file)
            guard let loaded = try await downloadAndIndex(url: url, compressed: compressed, channel: channel, subdir: subdir,
                                                          optional: compressed, forceRebuild: forceRebuild) else { continue }
            return loaded
        }
        return SubdirRepodata(channel: channel, subdir: subdir, content: .empty,
                              source: Redaction.stripCredentials(channel.url(subdir: subdir, file: Self.jsonFile)))
    }

    /// nil when the form is not offered (404/410, or for an optional form any client error or an
    /// offline miss).
    private func downloadAndIndex(url: String, compressed: Bool, channel: CondaChannel, subdir: String,
                                  optional: Bool, forceRebuild: Bool, reload: Bool = false) async throws -> SubdirRepodata? {
        let scratch = http.cache.map { Self.indexRoot($0).appendingPathComponent("tmp", isDirectory: true) } ?? Self.privateTemporaryDirectory
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let bodyPath = scratch.appendingPathComponent(CompactIndexBuilder.temporaryName()).path
        defer { try? FileManager.default.removeItem(atPath: bodyPath) }
        // Plain JSON lands after room for the index header: the download then becomes the index.
        var request = HTTPRequest(url: url, maxBodyBytes: Self.maxBodyBytes, cachePolicy: reload ? .reload : .standard, bodyFile: bodyPath)
        if !compressed { request.bodyFileOffset = CompactIndexFormat.headerSize }
        var input: CompactIndexBuilder.Input = compressed ? .zstdFile(bodyPath) : .jsonInPlace(bodyPath)
        // Plain JSON is scanned while it arrives (zstd is decoded and scanned in one pass after).
        let scan = compressed ? nil : DownloadScan()
        request.bodyObserver = scan
        let response: HTTPResponse
        do {
            Trace.log("downloading \(Redaction.stripCredentials(url))")
            response = try await http.fetch(request)
            Trace.log("downloaded \(Redaction.stripCredentials(url))")
        } catch let error as TransportError {
            if optional {
                if error.kind == .offlineMiss { return nil }
                if error.kind == .http, let status = error.status, (400..<500).contains(status), status != 408, status != 429 { return nil }
                throw RegistryError(source: channel.displayURL, error)
            }
            throw RegistryError(source: channel.displayURL + "/" + subdir, error)
        }
        guard response.isSuccess else { return nil }
        let source = Redaction.stripCredentials(url)
        if let scan, response.bodyFile != nil, let size = Self.fileSize(bodyPath),
           let (scanner, length) = scan.scanned(length: size - request.bodyFileOffset) {
            input = .scannedInPlace(bodyPath, scanner, length: length)
        }
        guard let cache = http.cache else {
            return try build(input, destination: nil, temporary: Self.privateTemporaryDirectory, channel: channel, subdir: subdir, source: source)
        }
        let key = Self.cacheKey(cache, url)
        guard let version = response.bodySHA256 ?? SHA256Digest.hex(fileAt: bodyPath, from: request.bodyFileOffset) else {
            throw RegistryError(source: source, detail: "the downloaded repodata could not be read back")
        }
        let existing = indexPath(cache: cache, key: key, version: version)
        if !forceRebuild, let index = CompactRepodataIndex(path: existing.path) {
            return SubdirRepodata(channel: channel, subdir: subdir, content: .indexed(index, indexPath: existing.path), source: source)
        }
        guard response.bodyFile != nil else {
            // The cache vouched for the body (fresh or 304) but its index is gone or damaged: fetch the body again.
            guard !reload else { throw RegistryError(source: source, detail: "the server confirmed a cached copy that is no longer here") }
            return try await downloadAndIndex(url: url, compressed: compressed, channel: channel, subdir: subdir,
                                              optional: optional, forceRebuild: forceRebuild, reload: true)
        }
        return try reuseOrBuild(input, cache: cache, key: key, version: version, channel: channel, subdir: subdir,
                                source: source, forceRebuild: forceRebuild)
    }

    // MARK: - HTTP(S)

    /// A form the channel may not offer: 404/410 and other client errors mean "not offered", as
    /// does an offline cache miss (a cached sibling form may still answer).
    private func fetchOptional(_ url: String, channel: CondaChannel) async throws -> HTTPResponse? {
        do {
            let response = try await http.fetch(HTTPRequest(url: url, maxBodyBytes: Self.maxBodyBytes))
            return response.isSuccess ? response : nil
        } catch let error as TransportError {
            if error.kind == .offlineMiss { return nil }
            if error.kind == .http, let status = error.status, (400..<500).contains(status), status != 408, status != 429 {
                return nil
            }
            throw RegistryError(source: channel.displayURL, error)
        }
    }

    /// The warm path: when every form up to the one in use has fresh cache metadata, open its
    /// compact index (or shard index) without fetching or reading the repodata body.
    private func loadFromFreshCache(channel: CondaChannel, subdir: String) -> SubdirRepodata? {
        guard let cache = http.cache else { return nil }
        for file in [Self.shardIndexFile, Self.zstdFile, Self.jsonFile] {
            let url = channel.url(subdir: subdir, file: file)
            let key = Self.cacheKey(cache, url)
            guard let meta = cache.loadMetadata(key: key), http.settings.offline || meta.isFresh() else { return nil }
            if meta.status == 404 || meta.status == 410 { continue }
            guard (200..<300).contains(meta.status) else { return nil }
            if file == Self.shardIndexFile { return nil }  // small: the normal path reads it from the cache
            let path = indexPath(cache: cache, key: key, version: meta.bodySHA256)
            guard let index = CompactRepodataIndex(path: path.path) else { return nil }
            return SubdirRepodata(channel: channel, subdir: subdir, content: .indexed(index, indexPath: path.path),
                                  source: Redaction.stripCredentials(url))
        }
        return SubdirRepodata(channel: channel, subdir: subdir, content: .empty,
                              source: Redaction.stripCredentials(channel.url(subdir: subdir, file: Self.jsonFile)))
    }

    private func sharded(_ body: Data, url: String, channel: CondaChannel, subdir: String) throws -> SubdirRepodata {
        do {
            let index = try ShardedRepodataIndex(compressed: body, indexURL: url)
            return SubdirRepodata(channel: channel, subdir: subdir, content: .sharded(index), source: Redaction.stripCredentials(url))
        } catch {
            throw RegistryError(source: Redaction.stripCredentials(url), detail: "\(error)")
        }
    }

    /// The cached compact index for this exact body, or a new one built in its place (older
    /// indexes of the same URL are removed, so a refreshed channel does not pile up copies).
    private func reuseOrBuild(_ input: CompactIndexBuilder.Input, cache: HTTPCache, key: String, version: String,
                              channel: CondaChannel, subdir: String, source: String, forceRebuild: Bool) throws -> SubdirRepodata {
        let path = indexPath(cache: cache, key: key, version: version)
        if !forceRebuild, let index = CompactRepodataIndex(path: path.path) {
            return SubdirRepodata(channel: channel, subdir: subdir, content: .indexed(index, indexPath: path.path), source: source)
        }
        Self.removeOlderIndexes(besides: path)
        return try build(input, destination: path, temporary: Self.indexRoot(cache).appendingPathComponent("tmp", isDirectory: true),
                         channel: channel, subdir: subdir, source: source)
    }

    private func build(_ input: CompactIndexBuilder.Input, destination: URL?, temporary: URL,
                       channel: CondaChannel, subdir: String, source: String) throws -> SubdirRepodata {
        do {
            let started = Date()
            let index = try CompactIndexBuilder.build(input, destination: destination, temporaryDirectory: temporary,
                                                      maxDocumentBytes: Self.maxDocumentBytes)
            Trace.log(String(format: "indexed %@ in %.3f s after its download", source, Date().timeIntervalSince(started)))
            return SubdirRepodata(channel: channel, subdir: subdir, content: .indexed(index, indexPath: destination?.path), source: source)
        } catch {
            throw RegistryError(source: source, detail: "\(error)")
        }
    }

    /// One CEP-16 shard: content-addressed (its name is the sha256 of the file), so a cached copy
    /// never needs revalidation, and a body with another hash is refused.
    func shard(url: String, hash: String, source: String) async throws -> [RepodataRecordGroup] {
        let response: HTTPResponse
        do {
            response = try await http.fetch(HTTPRequest(url: url, maxBodyBytes: Self.maxBodyBytes, cachePolicy: .immutable))
        } catch let error as TransportError {
            throw RegistryError(source: source, error)
        }
        let shardSource = Redaction.stripCredentials(url)
        guard response.isSuccess else {
            throw RegistryError(source: shardSource, detail: "the shard index lists this shard, but it is missing (HTTP \(response.status))")
        }
        guard SHA256Digest.hex(response.body) == hash else {
            throw RegistryError(source: shardSource, detail: "shard content does not match its sha256")
        }
        do {
            return try ShardedRepodataIndex.recordGroups(ofShard: response.body)
        } catch {
            throw RegistryError(source: shardSource, detail: "\(error)")
        }
    }

    // MARK: - file://

    /// Local channels are read straight from disk (streamed, never whole in memory); their compact
    /// index is keyed by the file's path, size, modification time and inode.
    private func loadLocal(channel: CondaChannel, subdir: String, forceRebuild: Bool) async throws -> SubdirRepodata {
        let shardsURL = channel.url(subdir: subdir, file: Self.shardIndexFile)
        if let path = Self.localPath(shardsURL), Self.isRegularFile(path) {
            let response: HTTPResponse
            do {
                response = try await http.fetch(HTTPRequest(url: shardsURL, maxBodyBytes: Self.maxBodyBytes))
            } catch let error as TransportError {
                throw RegistryError(source: channel.displayURL, error)
            }
            if response.isSuccess { return try sharded(response.body, url: shardsURL, channel: channel, subdir: subdir) }
        }
        for (file, compressed) in [(Self.zstdFile, true), (Self.jsonFile, false)] {
            let url = channel.url(subdir: subdir, file: file)
            guard let path = Self.localPath(url), let identity = Self.fileIdentity(path) else { continue }
            let source = Redaction.stripCredentials(url)
            let input: CompactIndexBuilder.Input = compressed ? .zstdFile(path) : .jsonFile(path)
            if let cache = http.cache {
                return try reuseOrBuild(input, cache: cache, key: SHA256Digest.hex("file-repodata\n" + path),
                                        version: SHA256Digest.hex(identity), channel: channel, subdir: subdir,
                                        source: source, forceRebuild: forceRebuild)
            }
            return try build(input, destination: nil, temporary: Self.privateTemporaryDirectory, channel: channel, subdir: subdir, source: source)
        }
        return SubdirRepodata(channel: channel, subdir: subdir, content: .empty,
                              source: Redaction.stripCredentials(channel.url(subdir: subdir, file: Self.jsonFile)))
    }

    static func localPath(_ url: String) -> String? {
        guard url.lowercased().hasPrefix("file://") else { return nil }
        var rest = String(url.dropFirst(7))
        if rest.lowercased().hasPrefix("localhost/") { rest = String(rest.dropFirst(9)) }
        guard rest.hasPrefix("/") else { return nil }
        return rest.removingPercentEncoding ?? rest
    }

    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// What changes when a local file is replaced or rewritten.
    static func fileIdentity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return "\(info.st_size)|\(modified.tv_sec).\(modified.tv_nsec)|\(info.st_ino)|\(info.st_dev)"
    }

    // MARK: - Index files

    /// The HTTP cache's key for a plain GET of `url` (the variant string is Transport's).
    static func cacheKey(_ cache: HTTPCache, _ url: String) -> String {
        cache.key(url: url, variant: "accept=|range=")
    }

    static func indexRoot(_ cache: HTTPCache) -> URL {
        CacheFolder.condaIndex.url(in: cache.root)
    }

    /// `conda-index-v1/<cache key>/<sha256 of cache key + body sha256>`: one folder per repodata
    /// URL, so the index of an older download can be removed when a newer one is built.
    func indexPath(cache: HTTPCache, key: String, version: String) -> URL {
        Self.indexRoot(cache).appendingPathComponent(key, isDirectory: true)
            .appendingPathComponent(SHA256Digest.hex(key + version))
    }

    static func removeOlderIndexes(besides path: URL) {
        let folder = path.deletingLastPathComponent()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for entry in entries where entry != path.lastPathComponent {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))
        }
    }

    /// Without a cache the index is built in the system's temporary folder and unlinked as soon as
    /// it is mapped, so nothing is left behind.
    static let privateTemporaryDirectory = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
}
