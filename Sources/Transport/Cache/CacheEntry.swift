import Foundation

/// What is known about a stored response besides its body.
package struct CacheMetadata: Codable, Sendable {
    /// The URL, credentials removed (kept for `cache info` and debugging, never with secrets).
    package var url: String
    package var status: Int
    package var etag: String?
    package var lastModified: String?
    package var cacheControl: String?
    package var contentType: String?
    /// For a stored 206: which bytes of how large a file the body is.
    package var contentRange: String?
    package var fetchedAt: Date
    /// Freshness lifetime in seconds decided when stored; nil = forever (immutable content).
    package var lifetime: Double?
    package var bodyLength: Int
    package var bodySHA256: String
    /// false: the entry keeps only this metadata (the body went to a caller's file); nil or
    /// true: the body follows the header.
    package var bodyStored: Bool?


    package func isFresh(now: Date = Date()) -> Bool {
        guard let lifetime else { return true }
        return now.timeIntervalSince(fetchedAt) < lifetime
    }
}

/// On-disk layout of one entry: `PFCACHE1\n`, the metadata JSON length (8 bytes, little endian),
/// the metadata JSON, then the body. The body's checksum lives in the metadata, so a truncated or
/// overwritten file is detected and never served. Metadata first lets callers check freshness of a
/// huge body (conda repodata) without reading it.
enum CacheEntryFormat {
    static let magic = Data("PFCACHE1\n".utf8)
    static let maxMetadataLength = 1 << 20

    /// Everything before the body: magic, metadata length, metadata.
    static func encodeHeader(metadata: CacheMetadata) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let meta = try encoder.encode(metadata)
        var out = Data(capacity: magic.count + 8 + meta.count)
        out.append(magic)
        var length = UInt64(meta.count).littleEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(meta)
        return out
    }

    /// The metadata length stored after the magic, from the first 17 bytes; nil if not an entry.
    static func metadataLength(_ prefix: Data) -> Int? {
        guard prefix.count >= magic.count + 8, prefix.prefix(magic.count) == magic else { return nil }
        var length: UInt64 = 0
        for (i, byte) in prefix[prefix.startIndex + magic.count ..< prefix.startIndex + magic.count + 8].enumerated() {
            length |= UInt64(byte) << (8 * UInt64(i))
        }
        return length <= UInt64(maxMetadataLength) ? Int(length) : nil
    }

    /// Decodes the header; returns the metadata and the offset of the body.
    static func decodeHeader(_ data: Data) -> (CacheMetadata, Int)? {
        guard let length = metadataLength(data) else { return nil }
        let metaStart = magic.count + 8
        guard data.count >= metaStart + length else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let metaBytes = data[data.startIndex + metaStart ..< data.startIndex + metaStart + Int(length)]
        guard let meta = try? decoder.decode(CacheMetadata.self, from: metaBytes) else { return nil }
        return (meta, metaStart + Int(length))
    }
}
