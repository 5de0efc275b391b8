import Foundation
import PythonPackaging
import Transport

/// The names of every project an index serves, for "did you mean" suggestions. The root page is
/// large (~40 MB on PyPI), so it is fetched at most once per lifetime and kept as a compact,
/// newline-separated list of normalized names, not re-parsed on every miss.
package struct ProjectNameIndex: Sendable {
    package let http: HTTPClient
    package let lifetime: Double

    package init(http: HTTPClient, lifetime: Double) {
        self.http = http
        self.lifetime = lifetime
    }

    package func names(index: String) async throws -> [String] {
        let store = compactFile(for: index)
        if let store, let attributes = try? FileManager.default.attributesOfItem(atPath: store.path),
           let modified = attributes[.modificationDate] as? Date,
           http.settings.offline || Date().timeIntervalSince(modified) < lifetime,
           let text = try? String(contentsOf: store, encoding: .utf8) {
            return text.split(separator: "\n").map(String.init)
        }
        let root = index.hasSuffix("/") ? index : index + "/"
        let response: HTTPResponse
        var request = HTTPRequest(url: root, headers: ["Accept": PyPIClient.acceptHeader], maxBodyBytes: 256 << 20, cachePolicy: .bypass)
        request.decidesVerdicts = false
        do {
            response = try await http.fetch(request)
        } catch let error as TransportError {
            throw RegistryError(source: index, error)
        }
        guard response.isSuccess else { return [] }
        let names = try Self.parse(response.body, contentType: response.header("content-type"), pageURL: root)
        if let store { AtomicFile.write(Data(names.joined(separator: "\n").utf8), to: store) }
        return names
    }

    static func parse(_ body: Data, contentType: String?, pageURL: String) throws -> [String] {
        if (contentType ?? "").contains("json") {
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
                  let projects = object["projects"] as? [[String: Any]] else {
                throw RegistryError(source: pageURL, detail: "the project list is not a PEP 691 JSON index")
            }
            return Array(Set(projects.compactMap { ($0["name"] as? String).map(normalizeProjectName) })).sorted()
        }
        var names = Set<String>()
        try HTMLAnchors.forEach(in: body, pageURL: pageURL) { anchor in
            let text = anchor.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { names.insert(normalizeProjectName(text)) }
        }
        return names.sorted()
    }

    private func compactFile(for index: String) -> URL? {
        guard let cache = http.cache else { return nil }
        let dir = CacheFolder.pypiNames.url(in: cache.root)
        return dir.appendingPathComponent(SHA256Digest.hex(Redaction.stripCredentials(index)) + ".txt")
    }
}

