import CLibXML2
import Foundation

/// Parses a project page of a simple repository: PEP 691 JSON or PEP 503 HTML (through libxml2,
/// because mirrors such as Artifactory, devpi, Nexus and `--find-links` pages serve only HTML).
public enum SimplePageParser {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func parse(body: Data, contentType: String?, pageURL: String, indexURL: String) throws -> [DistributionFile] {
        let type = (contentType ?? "").lowercased()
        if type.contains("json") || (type.isEmpty && body.first.map { $0 == UInt8(ascii: "{") } == true) {
            return try parseJSON(body, pageURL: pageURL, indexURL: indexURL)
        }
        return try parseHTML(body, pageURL: pageURL, indexURL: indexURL)
    }

    // MARK: PEP 691

    /// PEP 691 project page. Decoded into typed structs: far cheaper than `JSONSerialization`
    /// on pages with thousands of files (numpy, torch).
    struct ProjectPage: Decodable {
        var files: [File]
        struct File: Decodable {
            var filename: String
            var url: String
            var hashes: [String: String]?
            var requiresPython: String?
            var yanked: Yanked?
            var coreMetadata: CoreMetadataFlag?
            var distInfoMetadata: CoreMetadataFlag?
            var size: Int?

            enum CodingKeys: String, CodingKey {
                case filename, url, hashes, yanked, size
                case requiresPython = "requires-python"
                case coreMetadata = "core-metadata"
                case distInfoMetadata = "dist-info-metadata"
            }
        }
        /// `false`, `true` or a reason string (PEP 592 / 691).
        enum Yanked: Decodable {
            case flag(Bool), reason(String)
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let b = try? c.decode(Bool.self) { self = .flag(b) } else { self = .reason((try? c.decode(String.self)) ?? "") }
            }
        }
        /// `false`, `true` or a hash map (PEP 714).
        struct CoreMetadataFlag: Decodable {
            var present: Bool
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let b = try? c.decode(Bool.self) { present = b } else { present = (try? c.decode([String: String].self)) != nil }
            }
        }
    }

    static func parseJSON(_ body: Data, pageURL: String, indexURL: String) throws -> [DistributionFile] {
        let page: ProjectPage
        do {
            page = try JSONDecoder().decode(ProjectPage.self, from: body)
        } catch DecodingError.keyNotFound(let key, _) where key.stringValue == "files" {
            throw Failure(description: "the project page has no `files` list (not a PEP 691 response)")
        } catch {
            throw Failure(description: "the project page is not valid PEP 691 JSON")
        }
        return page.files.map { file in
            let (url, fragmentHashes) = split(file.url, base: pageURL)
            var hashes = file.hashes ?? [:]
            hashes.merge(fragmentHashes, uniquingKeysWith: { a, _ in a })
            var yanked = false
            var reason: String?
            switch file.yanked {
            case .flag(let flag)?: yanked = flag
            case .reason(let text)?: yanked = true; reason = text.isEmpty ? nil : text
            case nil: break
            }
            return DistributionFile(filename: file.filename, url: url, hashes: hashes,
                                    requiresPython: file.requiresPython.flatMap { $0.isEmpty ? nil : $0 },
                                    yanked: yanked, yankedReason: reason,
                                    hasCoreMetadata: (file.coreMetadata ?? file.distInfoMetadata)?.present ?? false,
                                    size: file.size, indexURL: indexURL)
        }
    }

    // MARK: PEP 503

    static func parseHTML(_ body: Data, pageURL: String, indexURL: String) throws -> [DistributionFile] {
        var files: [DistributionFile] = []
        try HTMLAnchors.forEach(in: body, pageURL: pageURL) { anchor in
            let (url, hashes) = split(anchor.href, base: anchor.base)
            var filename = anchor.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if filename.isEmpty || filename.contains("/") {
                filename = url.split(separator: "/").last.map { String($0).removingPercentEncoding ?? String($0) } ?? ""
            }
            guard !filename.isEmpty else { return }
            let yankedAttribute = anchor.attributes["data-yanked"]
            let metadata = anchor.attributes["data-core-metadata"] ?? anchor.attributes["data-dist-info-metadata"]
            files.append(DistributionFile(
                filename: filename, url: url, hashes: hashes,
                requiresPython: anchor.attributes["data-requires-python"].flatMap { $0.isEmpty ? nil : $0 },
                yanked: yankedAttribute != nil, yankedReason: yankedAttribute.flatMap { $0.isEmpty ? nil : $0 },
                hasCoreMetadata: metadata.map { $0.lowercased() != "false" } ?? false,
                indexURL: indexURL))
        }
        return files
    }

    /// Resolves `href` against `base` and moves a `#sha256=…` fragment into the hash map.
    static func split(_ href: String, base: String) -> (String, [String: String]) {
        var url = URLResolver.resolve(href, against: base)
        var hashes: [String: String] = [:]
        if let hash = url.firstIndex(of: "#") {
            let fragment = url[url.index(after: hash)...]
            if let eq = fragment.firstIndex(of: "=") {
                let algorithm = fragment[..<eq].lowercased()
                let digest = fragment[fragment.index(after: eq)...].lowercased()
                if ["sha256", "sha384", "sha512", "md5", "sha1", "sha224"].contains(algorithm), !digest.isEmpty {
                    hashes[algorithm] = digest
                }
            }
            url = String(url[..<hash])
        }
        return (url, hashes)
    }
}
