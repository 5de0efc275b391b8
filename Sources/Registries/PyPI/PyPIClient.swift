import Foundation
import PythonPackaging
import Transport

/// Reads projects from one or more simple repositories (the first is the main index, the others
/// are `--extra-index-url`s), merging their files as pip does.
package final class PyPIClient: Sendable {
    package let http: HTTPClient
    package let indexURLs: [String]
    /// Lifetime of the cached project list of an index (for suggestions).
    package let projectListLifetime: Double

    /// `--find-links` sources: HTML pages of links, or local directories (paths or `file://`).
    package let findLinks: [String]
    /// `--find-links` source → its files, read once per run.
    private let findLinksFiles = Memo<String, [DistributionFile]>()
    /// Parsed project pages, on disk and in the run's memory (nil without a disk cache).
    private let parsedPages: ParsedPageCache?

    /// `parsedPages`: the run's memory of parsed pages, shared with its other clients.
    package init(http: HTTPClient, parsedPages: ParsedPageMemory, indexURLs: [String], findLinks: [String] = [],
                 projectListLifetime: Double = 86400) {
        self.http = http
        self.parsedPages = ParsedPageCache(cache: http.cache, memory: parsedPages)
        self.indexURLs = indexURLs.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.findLinks = findLinks
        self.projectListLifetime = projectListLifetime
        self.metadata = MetadataFetcher(http: http, indexURL: self.indexURLs.first ?? "")
    }

    /// Per-version metadata from the main index (one per client, so it learns which endpoints
    /// the index lacks once per run).
    package let metadata: MetadataFetcher

    /// PEP 691 JSON preferred, HTML accepted: the index picks.
    static let acceptHeader = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1"

    /// Listings already read in this run: a dependency walk asks for the same project many times.
    /// Project name → listing (nil: known not to exist).
    private let memo = Memo<String, ProjectListing?>()

    /// The project's files across every index; nil when no index knows the name.
    package func listing(for name: String) async throws -> ProjectListing? {
        let normalized = normalizeProjectName(name)
        if let known = memo[normalized] { return known }
        let listing = try await fetchListing(normalized)
        memo.store(listing, for: normalized)
        return listing
    }

    private func fetchListing(_ normalized: String) async throws -> ProjectListing? {
        guard let segment = Self.pathSegment(normalized) else { return nil }
        var files: [DistributionFile] = []
        var indexes: [String] = []
        try await withThrowingTaskGroup(of: (Int, [DistributionFile]?).self) { group in
            for (position, index) in indexURLs.enumerated() {
                group.addTask { (position, try await self.files(of: segment, at: index)) }
            }
            var found: [(Int, [DistributionFile])] = []
            for try await (position, result) in group {
                if let result { found.append((position, result)) }
            }
            for (position, result) in found.sorted(by: { $0.0 < $1.0 }) {
                files += result
                indexes.append(Redaction.stripCredentials(indexURLs[position]))
            }
        }
        for source in findLinks {
            let matching = try await findLinksFiles(source).filter {
                DistributionFilename.parse($0.filename, projectName: normalized) != nil
            }
            if !matching.isEmpty {
                files += matching
                indexes.append(Redaction.stripCredentials(source))
            }
        }
        guard !indexes.isEmpty else { return nil }
        return ProjectListing(name: normalized, files: files, indexes: indexes)
    }

    private func files(of segment: String, at index: String) async throws -> [DistributionFile]? {
        let pageURL = "\(index)/\(segment)/"
        let response: HTTPResponse
        do {
            response = try await http.fetch(HTTPRequest(url: pageURL, headers: ["Accept": Self.acceptHeader]))
        } catch let error as TransportError {
            throw RegistryError(source: index, error)
        }
        if response.status == 404 || response.status == 410 { return nil }
        let publicPage = Redaction.stripCredentials(pageURL), publicIndex = Redaction.stripCredentials(index)
        if let digest = response.bodySHA256, let known = parsedPages?.load(digest: digest, pageURL: publicPage, indexURL: publicIndex) {
            return known
        }
        do {
            let files = try SimplePageParser.parse(body: response.body, contentType: response.header("content-type"),
                                                   pageURL: publicPage, indexURL: publicIndex)
            if let digest = response.bodySHA256 { parsedPages?.store(files, digest: digest, pageURL: publicPage) }
            return files
        } catch {
            throw RegistryError(source: index, detail: "\(publicPage): \(error)")
        }
    }

    /// Every file a `--find-links` source offers (read once per run).
    private func findLinksFiles(_ source: String) async throws -> [DistributionFile] {
        if let known = findLinksFiles[source] { return known }
        var files: [DistributionFile] = []
        let path = source.hasPrefix("file://") ? String(source.dropFirst("file://".count)) : (source.contains("://") ? nil : source)
        if let path {
            // A local directory: its distribution files.
            let directory = URL(fileURLWithPath: path, isDirectory: true)
            http.cache?.readLog.markUncacheable("\(path) is a local directory")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            files = names.sorted().map {
                DistributionFile(filename: $0, url: directory.appendingPathComponent($0).absoluteString, indexURL: source)
            }
        } else {
            let response: HTTPResponse
            do {
                response = try await http.fetch(HTTPRequest(url: source, headers: ["Accept": "text/html"]))
            } catch let error as TransportError {
                throw RegistryError(source: source, error)
            }
            if response.isSuccess {
                files = try SimplePageParser.parseHTML(response.body, pageURL: Redaction.stripCredentials(source),
                                                        indexURL: Redaction.stripCredentials(source))
            }
        }
        findLinksFiles.store(files, for: source)
        return files
    }

    /// A normalized name is `[a-z0-9-]`; anything else never reaches a URL (no `..`, `/`, `?`, `%`).
    static func pathSegment(_ normalized: String) -> String? {
        guard !normalized.isEmpty, normalized.utf8.allSatisfy({ byte in
            (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2d
        }) else { return nil }
        return normalized
    }
}
