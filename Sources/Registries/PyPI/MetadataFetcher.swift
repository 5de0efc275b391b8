import Foundation
import Transport

/// Per-version dependency metadata, from the cheapest source that has it:
/// the per-version JSON API → PEP 658/714 `.metadata` → HTTP range reads of the wheel's zip
/// directory and `METADATA` member → an sdist's `PKG-INFO` when its dependencies are static →
/// "unknown". Mirrors often lack the first two, so the later steps are a normal path.
package struct MetadataFetcher: Sendable {
    package enum Origin: String, Sendable {
        case jsonAPI = "json-api"
        case coreMetadataFile = "pep-658"
        case wheelRangeRead = "wheel-range-read"
        case wheelDownload = "wheel-download"
        case sdistPKGInfo = "sdist-pkg-info"
    }

    package enum Result: Sendable {
        case known(CoreMetadata, Origin)
        case unknown(String)
    }

    package let http: HTTPClient
    /// `https://pypi.org/pypi` for an index at `https://pypi.org/simple`; nil when the index is not PyPI-shaped.
    package let jsonAPIBase: String?
    /// Largest sdist or non-range-readable wheel downloaded whole.
    package var downloadCap = 32 << 20
    /// Endpoints this index turned out not to serve: a partial mirror answers 404 to every
    /// per-version JSON request, and a walk should not pay that round trip for every package.
    private let missing = MissingEndpoints()
    /// Answers already found in this run: an audit asks for the same versions' metadata from
    /// many specs, and reading, verifying and parsing the cached file again each time was
    /// a tenth of its CPU. (The cache entries behind them are in the run's read log already.)
    private let answers = Memo<String, Result>()
    /// Classifiers already read in this run: every spec that reaches an sdist-only package asks.
    private let classifierAnswers = Memo<String, [String]?>()

    package init(http: HTTPClient, indexURL: String) {
        self.http = http
        let trimmed = indexURL.hasSuffix("/") ? String(indexURL.dropLast()) : indexURL
        jsonAPIBase = trimmed.hasSuffix("/simple") ? String(trimmed.dropLast("/simple".count)) + "/pypi" : nil
    }

    package func metadata(project: String, version: String, file: DistributionFile) async throws -> Result {
        let key = project + "\n" + version + "\n" + file.url
        if let known = answers.value(for: key) { return known }
        let answer = try await lookUp(project: project, version: version, file: file)
        answers.store(answer, for: key)
        return answer
    }

    private func lookUp(project: String, version: String, file: DistributionFile) async throws -> Result {
        if !missing.isMissing(.jsonAPI) {
            let fromJSON = try await perVersionJSON(project: project, version: version)
            missing.record(.jsonAPI, found: fromJSON != nil)
            if let fromJSON { return .known(fromJSON, .jsonAPI) }
        }
        let isWheel = file.filename.hasSuffix(".whl")
        // An advertised metadata file is always asked for; an unadvertised one (some mirrors serve
        // them anyway) only until the index has shown it does not.
        if file.hasCoreMetadata || (isWheel && !missing.isMissing(.coreMetadataFile)) {
            let fromFile = try await coreMetadataFile(file)
            if !file.hasCoreMetadata { missing.record(.coreMetadataFile, found: fromFile != nil) }
            if let fromFile { return .known(fromFile, .coreMetadataFile) }
        }
        if isWheel {
            do {
                let (metadata, origin) = try await wheelMetadata(file)
                return .known(metadata, origin)
            } catch let error as RegistryError {
                throw error
            } catch {
                return .unknown("\(file.filename): \(error)")
            }
        }
        do {
            let metadata = try await sdistMetadata(file)
            guard metadata.hasStaticDependencies else {
                return .unknown("\(file.filename) declares its dependencies dynamically (Metadata-Version \(metadata.metadataVersion ?? "?")); they are only known after a build")
            }
            return .known(metadata, .sdistPKGInfo)
        } catch let error as RegistryError {
            throw error
        } catch {
            return .unknown("\(file.filename): \(error)")
        }
    }

    func get(_ url: String, range: ByteRange? = nil, cap: Int = 16 << 20, policy: CachePolicy = .immutable) async throws -> HTTPResponse {
        do {
            return try await http.fetch(HTTPRequest(url: url, range: range, maxBodyBytes: cap, cachePolicy: policy))
        } catch let error as TransportError {
            // The file's origin (port included: another port is another server) is the source.
            throw RegistryError(source: URLParts(url).map { $0.origin.description } ?? url, error)
        }
    }

    func perVersionJSON(project: String, version: String) async throws -> CoreMetadata? {
        // `requires_dist: null` is ambiguous on PyPI (none, or not extracted): fall through then.
        guard let info = try await perVersionInfo(project: project, version: version),
              let requires = info["requires_dist"] as? [String] else { return nil }
        return CoreMetadata(name: info["name"] as? String, version: info["version"] as? String, requiresDist: requires,
                            requiresPython: (info["requires_python"] as? String).flatMap { $0.isEmpty ? nil : $0 },
                            classifiers: info["classifiers"] as? [String] ?? [])
    }

    /// The `info` object of the per-version JSON API; nil when the index does not serve it.
    func perVersionInfo(project: String, version: String) async throws -> [String: Any]? {
        guard let base = jsonAPIBase, PyPIClient.pathSegment(project) != nil,
              version.allSatisfy({ $0.isLetter || $0.isNumber || ".!+-_".contains($0) }) else { return nil }
        let response = try await get("\(base)/\(project)/\(version)/json", policy: .standard)
        guard response.isSuccess, let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else { return nil }
        return object["info"] as? [String: Any]
    }

    /// The trove classifiers of a source distribution, from the JSON API, else its `PKG-INFO`
    /// (downloaded, up to `downloadCap`); nil when neither can be read. Unlike its dependencies,
    /// an sdist's classifiers are static whatever its Metadata-Version.
    package func classifiers(project: String, version: String, sdist: DistributionFile) async -> [String]? {
        if let known = classifierAnswers.value(for: sdist.url) { return known }
        let answer = await lookUpClassifiers(project: project, version: version, sdist: sdist)
        classifierAnswers.store(answer, for: sdist.url)
        return answer
    }

    private func lookUpClassifiers(project: String, version: String, sdist: DistributionFile) async -> [String]? {
        if !missing.isMissing(.jsonAPI) {
            let info = try? await perVersionInfo(project: project, version: version)
            missing.record(.jsonAPI, found: info != nil)
            if let classifiers = info?["classifiers"] as? [String] { return classifiers }
        }
        return (try? await sdistMetadata(sdist))?.classifiers
    }

    func coreMetadataFile(_ file: DistributionFile) async throws -> CoreMetadata? {
        let response = try await get(file.url + ".metadata", cap: 4 << 20)
        guard response.isSuccess, !response.body.isEmpty else { return nil }
        let metadata = CoreMetadata.parse(response.body)
        return metadata.metadataVersion == nil ? nil : metadata
    }

    func wheelMetadata(_ file: DistributionFile) async throws -> (CoreMetadata, Origin) {
        let tailLength: Int64 = 64 * 1024
        let tail = try await get(file.url, range: .suffix(tailLength), cap: Int(tailLength) + 1024)
        if tail.status == 200 {
            // The server ignored the range and sent the whole (small) wheel.
            return (try metadataFromWholeZip(tail.body, file: file), .wheelDownload)
        }
        guard tail.status == 206, let total = Self.totalLength(tail.header("content-range")) else {
            throw ZipDirectory.Failure(description: "range request answered \(tail.status)")
        }
        let location = try ZipDirectory.locate(tail: tail.body, fileSize: total)
        let tailStart = total - Int64(tail.body.count)
        let directoryData: Data
        if location.offset >= tailStart {
            let start = Int(location.offset - tailStart)
            directoryData = tail.body.subdata(in: start..<min(tail.body.count, start + Int(location.size)))
        } else {
            directoryData = try await get(file.url, range: .span(location.offset, location.offset + location.size - 1),
                                          cap: Int(location.size) + 1024).body
        }
        let entry = try Self.metadataEntry(in: try ZipDirectory.entries(directoryData), file: file)
        let span = Int64(30 + 1024) + entry.compressedSize
        let local = try await get(file.url, range: .span(entry.localHeaderOffset, min(total - 1, entry.localHeaderOffset + span - 1)),
                                  cap: Int(span) + 1024).body
        let headerLength = try ZipDirectory.localHeaderLength(local)
        guard local.count >= headerLength + Int(entry.compressedSize) else {
            throw ZipDirectory.Failure(description: "METADATA member is truncated")
        }
        let compressed = local.subdata(in: headerLength..<(headerLength + Int(entry.compressedSize)))
        return (CoreMetadata.parse(try ZipDirectory.extract(entry, compressed: compressed, limit: 4 << 20)), .wheelRangeRead)
    }

    func metadataFromWholeZip(_ data: Data, file: DistributionFile) throws -> CoreMetadata {
        let location = try ZipDirectory.locate(tail: data, fileSize: Int64(data.count))
        let directory = data.subdata(in: Int(location.offset)..<Int(location.offset + location.size))
        let entry = try Self.metadataEntry(in: try ZipDirectory.entries(directory), file: file)
        let start = Int(entry.localHeaderOffset)
        let headerLength = try ZipDirectory.localHeaderLength(data.subdata(in: start..<min(data.count, start + 30)) + Data(count: 0))
        let headerEnd = start + headerLength
        guard headerEnd + Int(entry.compressedSize) <= data.count else { throw ZipDirectory.Failure(description: "METADATA member is truncated") }
        let compressed = data.subdata(in: headerEnd..<(headerEnd + Int(entry.compressedSize)))
        return CoreMetadata.parse(try ZipDirectory.extract(entry, compressed: compressed, limit: 4 << 20))
    }

    static func metadataEntry(in entries: [ZipDirectory.Entry], file: DistributionFile) throws -> ZipDirectory.Entry {
        let candidates = entries.filter {
            let parts = $0.name.split(separator: "/")
            return parts.count == 2 && parts[0].hasSuffix(".dist-info") && parts[1] == "METADATA"
        }
        guard let entry = candidates.first else {
            throw ZipDirectory.Failure(description: "\(file.filename) has no *.dist-info/METADATA")
        }
        return entry
    }

    /// How much of a gzip sdist too large to download is read to find its PKG-INFO (build tools
    /// write it among the first members; pyspark's 300 MB sdist has it in the first kilobytes).
    static let sdistPrefixBytes = 4 << 20

    static func isPKGInfo(_ name: String) -> Bool {
        let parts = name.split(separator: "/")
        return parts.count == 2 && parts[1] == "PKG-INFO"
    }

    func sdistMetadata(_ file: DistributionFile) async throws -> CoreMetadata {
        if let size = file.size, size > downloadCap, TarCompression(filename: file.filename) == .gzip {
            return try await sdistMetadataFromPrefix(file)
        }
        let response = try await get(file.url, cap: downloadCap)
        guard response.isSuccess else { throw ZipDirectory.Failure(description: "download answered \(response.status)") }
        if file.filename.hasSuffix(".zip") {
            let location = try ZipDirectory.locate(tail: response.body, fileSize: Int64(response.body.count))
            let directory = response.body.subdata(in: Int(location.offset)..<Int(location.offset + location.size))
            guard let entry = try ZipDirectory.entries(directory).first(where: { Self.isPKGInfo($0.name) }) else {
                throw ZipDirectory.Failure(description: "no PKG-INFO in the sdist")
            }
            let start = Int(entry.localHeaderOffset)
            let headerEnd = start + (try ZipDirectory.localHeaderLength(response.body.subdata(in: start..<min(response.body.count, start + 30))))
            guard headerEnd + Int(entry.compressedSize) <= response.body.count else { throw ZipDirectory.Failure(description: "PKG-INFO is truncated") }
            return CoreMetadata.parse(try ZipDirectory.extract(entry, compressed: response.body.subdata(in: headerEnd..<(headerEnd + Int(entry.compressedSize))), limit: 4 << 20))
        }
        guard let compression = TarCompression(filename: file.filename) else {
            throw ZipDirectory.Failure(description: "cannot read PKG-INFO from this archive type")
        }
        let tar = try compression.decompress(response.body, limit: 256 << 20)
        guard let member = TarReader.first(in: tar, where: Self.isPKGInfo) else {
            throw ZipDirectory.Failure(description: "no PKG-INFO in the sdist")
        }
        return CoreMetadata.parse(member.contents)
    }

    /// PKG-INFO from the start of a gzip sdist over the download cap, read with a range request
    /// (cached like the file: its URL names immutable content).
    func sdistMetadataFromPrefix(_ file: DistributionFile) async throws -> CoreMetadata {
        let response: HTTPResponse
        do {
            response = try await get(file.url, range: .span(0, Int64(Self.sdistPrefixBytes - 1)), cap: Self.sdistPrefixBytes)
        } catch let error as RegistryError where error.underlying?.kind == .tooLarge {
            // The whole file came instead of its start.
            throw ZipDirectory.Failure(description: "the sdist is over the \(downloadCap >> 20) MiB download cap and the server does not serve a part of it")
        }
        guard response.status == 206 else {
            throw ZipDirectory.Failure(description: "the sdist is over the \(downloadCap >> 20) MiB download cap and the server does not serve a part of it (HTTP \(response.status))")
        }
        let tar = try Inflate.decompress(response.body, format: .gzip, limit: 64 << 20, truncatedInput: true)
        guard let member = TarReader.first(in: tar, where: Self.isPKGInfo) else {
            throw ZipDirectory.Failure(description: "no PKG-INFO in the first \(Self.sdistPrefixBytes >> 20) MiB of the sdist, and all of it is over the \(downloadCap >> 20) MiB download cap")
        }
        return CoreMetadata.parse(member.contents)
    }

    /// `bytes 100-199/5000` → 5000.
    static func totalLength(_ contentRange: String?) -> Int64? {
        guard let value = contentRange, let slash = value.lastIndex(of: "/") else { return nil }
        return Int64(value[value.index(after: slash)...].trimmingCharacters(in: .whitespaces))
    }
}

/// Per-run memory of metadata endpoints an index does not serve: after a few misses in a row
/// with no hit, they are not asked again.
final class MissingEndpoints: @unchecked Sendable {
    private let lock = NSLock()
    private var misses: [MetadataFetcher.Origin: Int] = [:]
    private var hits: Set<MetadataFetcher.Origin> = []
    static let threshold = 3

    func isMissing(_ origin: MetadataFetcher.Origin) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return !hits.contains(origin) && misses[origin, default: 0] >= Self.threshold
    }

    func record(_ origin: MetadataFetcher.Origin, found: Bool) {
        lock.lock(); defer { lock.unlock() }
        if found { hits.insert(origin) } else { misses[origin, default: 0] += 1 }
    }
}
