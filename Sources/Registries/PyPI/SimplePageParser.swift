import ByteJSON
import CLibXML2
import Foundation

/// Parses a project page of a simple repository: PEP 691 JSON or PEP 503 HTML (through libxml2,
/// because mirrors such as Artifactory, devpi, Nexus and `--find-links` pages serve only HTML).
package enum SimplePageParser {
    package struct Failure: Error, CustomStringConvertible, Sendable {
        package var description: String
    }

    package static func parse(body: Data, contentType: String?, pageURL: String, indexURL: String) throws -> [DistributionFile] {
        let type = (contentType ?? "").lowercased()
        if type.contains("json") || (type.isEmpty && body.first.map { $0 == UInt8(ascii: "{") } == true) {
            return try parseJSON(body, pageURL: pageURL, indexURL: indexURL)
        }
        return try parseHTML(body, pageURL: pageURL, indexURL: indexURL)
    }

    // MARK: PEP 691

    /// PEP 691 project page, read straight from its bytes: `Codable` took several times longer
    /// on pages with thousands of files (numpy, torch, botocore), and a cold audit reads hundreds.
    /// Tolerant where a typed decoder would refuse the whole page (a hash that is not a string is
    /// skipped, a non-string `requires-python` ignored); a file without `filename` or `url`, or a
    /// page without `files`, is not PEP 691.
    static func parseJSON(_ body: Data, pageURL: String, indexURL: String) throws -> [DistributionFile] {
        do {
            return try body.withUnsafeBytes { bytes throws -> [DistributionFile] in
                var reader = JSONByteReader(bytes)
                guard let files = try ProjectPageReader.files(&reader, pageURL: pageURL, indexURL: indexURL) else {
                    throw Failure(description: "the project page has no `files` list (not a PEP 691 response)")
                }
                return files
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "the project page is not valid PEP 691 JSON (\(error))")
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
        if let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) {
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
