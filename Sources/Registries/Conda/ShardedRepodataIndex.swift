import CMsgpack
import CondaPackaging
import Foundation

/// A CEP-16 shard index (`SUBDIR/repodata_shards.msgpack.zst`): zstd-compressed msgpack of
/// `{"info": {"base_url", "shards_base_url", "subdir"}, "version": 1, "shards": {NAME: sha256}}`.
/// Each shard `SHARDS_BASE/<sha256 hex>.msgpack.zst` holds one name's `packages` and
/// `packages.conda`. Only the shards of the names asked for are ever fetched.
final class ShardedRepodataIndex: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Where shard files live, ending in `/`.
    let shardsBaseURL: String
    /// The index's `info.base_url`, resolved; nil when it names none (packages live beside the index).
    let packageBaseURL: String?
    private let document: MsgpackDocument
    private let shards: msgpack_object

    /// Shard indexes of the largest channels are a few MB; anything beyond this cap is hostile.
    static let maxDecompressedBytes = 256 << 20

    /// Decodes a downloaded (compressed) shard index; `indexURL` is where it came from.
    init(compressed: Data, indexURL: String) throws {
        let raw: Data
        do {
            raw = try ZstdDecoder.decompress(compressed, maxOutputBytes: Self.maxDecompressedBytes)
        } catch {
            throw Failure(description: "shard index: \(error)")
        }
        let document: MsgpackDocument
        do { document = try MsgpackDocument(raw) } catch { throw Failure(description: "shard index: \(error)") }
        guard let shards = document.root.value(forKey: "shards"), shards.mapEntries != nil else {
            throw Failure(description: "shard index has no `shards` map")
        }
        let info = document.root.value(forKey: "info")
        let directory = Self.directory(of: indexURL)
        if let base = info?.value(forKey: "shards_base_url")?.text, !base.isEmpty {
            shardsBaseURL = Self.withSlash(URLResolver.resolve(base, against: indexURL))
        } else {
            shardsBaseURL = directory
        }
        if let base = info?.value(forKey: "base_url")?.text, !base.isEmpty {
            packageBaseURL = Self.withSlash(URLResolver.resolve(base, against: indexURL))
        } else {
            packageBaseURL = nil
        }
        self.document = document
        self.shards = shards
    }

    /// Every name the index lists.
    func allNames() -> [String] {
        (shards.mapEntries ?? UnsafeBufferPointer(start: nil, count: 0)).compactMap { $0.key.text }
    }

    func contains(_ name: String) -> Bool { shardHash(for: name) != nil }

    /// The lower-case hex sha256 of `name`'s shard; nil when the index does not list the name.
    func shardHash(for name: String) -> String? {
        guard let entries = shards.mapEntries else { return nil }
        for entry in entries where entry.key.hasText(name) {
            if let bytes = entry.val.binary, bytes.count == 32 { return msgpack_object.hex(bytes) }
            // Some writers store the hash as a hex string.
            if let text = entry.val.text, text.count == 64, text.allSatisfy(\.isHexDigit) { return text.lowercased() }
            return nil
        }
        return nil
    }

    func shardURL(hash: String) -> String { shardsBaseURL + hash + ".msgpack.zst" }

    /// Decodes a downloaded shard into its records, per section.
    static func recordGroups(ofShard compressed: Data) throws -> [RepodataRecordGroup] {
        let raw: Data
        do {
            raw = try ZstdDecoder.decompress(compressed, maxOutputBytes: maxDecompressedBytes)
        } catch {
            throw Failure(description: "shard: \(error)")
        }
        let document: MsgpackDocument
        do { document = try MsgpackDocument(raw) } catch { throw Failure(description: "shard: \(error)") }
        guard document.root.mapEntries != nil else { throw Failure(description: "shard is not a map") }
        var groups: [RepodataRecordGroup] = []
        for section in [RepodataSection.packages, .conda] {
            guard let map = document.root.value(forKey: section.key) else { continue }
            guard let entries = map.mapEntries else {
                throw Failure(description: "shard: `\(section.key)` is not a map of records")
            }
            var records: [PackageRecord] = []
            records.reserveCapacity(entries.count)
            for entry in entries {
                // An entry that is not a record is skipped, as in repodata.json.
                guard let filename = entry.key.text, let fields = entry.val.jsonValue() as? [String: Any],
                      let record = PackageRecordReader.record(fileName: filename, fields: fields) else { continue }
                records.append(record)
            }
            if !records.isEmpty { groups.append(RepodataRecordGroup(section: section, records: records)) }
        }
        return groups
    }

    /// `https://host/ch/linux-64/repodata_shards.msgpack.zst` → `https://host/ch/linux-64/`.
    static func directory(of url: String) -> String {
        guard let slash = url.lastIndex(of: "/") else { return url + "/" }
        return String(url[...slash])
    }

    static func withSlash(_ url: String) -> String { url.hasSuffix("/") ? url : url + "/" }
}
