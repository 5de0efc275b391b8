import CMsgpack
import Foundation
import Transport

/// One msgpack document unpacked by msgpack-c, for reading CEP-16 shard indexes and shards.
/// msgpack-c's objects point into the input, so the document owns a copy of it.
final class MsgpackDocument {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var unpacked = msgpack_unpacked()
    private let storage: UnsafeMutableRawBufferPointer
    let root: msgpack_object

    init(_ data: Data) throws {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 8)
        data.copyBytes(to: storage)
        msgpack_unpacked_init(&unpacked)
        var offset = 0
        let result = msgpack_unpack_next(&unpacked, storage.baseAddress!.assumingMemoryBound(to: CChar.self), data.count, &offset)
        guard result == MSGPACK_UNPACK_SUCCESS || result == MSGPACK_UNPACK_EXTRA_BYTES else {
            msgpack_unpacked_destroy(&unpacked)
            storage.deallocate()
            throw Failure(description: result == MSGPACK_UNPACK_NOMEM_ERROR ? "msgpack: document too large" : "msgpack: not a valid document")
        }
        root = unpacked.data
    }

    deinit {
        msgpack_unpacked_destroy(&unpacked)
        storage.deallocate()
    }
}

/// Read access to msgpack-c objects. Valid only while their `MsgpackDocument` lives.
extension msgpack_object {
    /// The text of a str (or, leniently, a bin) object.
    var text: String? {
        switch type {
        case MSGPACK_OBJECT_STR: return Self.string(via.str.ptr, via.str.size)
        case MSGPACK_OBJECT_BIN: return Self.string(via.bin.ptr, via.bin.size)
        default: return nil
        }
    }

    /// The bytes of a bin object.
    var binary: UnsafeRawBufferPointer? {
        guard type == MSGPACK_OBJECT_BIN else { return nil }
        return UnsafeRawBufferPointer(start: via.bin.ptr, count: Int(via.bin.size))
    }

    /// Key/value pairs of a map object.
    var mapEntries: UnsafeBufferPointer<msgpack_object_kv>? {
        guard type == MSGPACK_OBJECT_MAP else { return nil }
        return UnsafeBufferPointer(start: via.map.ptr, count: Int(via.map.size))
    }

    /// The value of a map object's string key.
    func value(forKey key: String) -> msgpack_object? {
        guard let entries = mapEntries else { return nil }
        for entry in entries where entry.key.hasText(key) { return entry.val }
        return nil
    }

    /// Compares a str key with `key` without creating a String.
    func hasText(_ key: String) -> Bool {
        guard type == MSGPACK_OBJECT_STR else { return false }
        var key = key
        return key.withUTF8 { utf8 in
            guard utf8.count == Int(via.str.size) else { return false }
            guard let pointer = via.str.ptr, let keyBase = utf8.baseAddress else { return utf8.isEmpty }
            return memcmp(pointer, keyBase, utf8.count) == 0
        }
    }

    /// A JSON-compatible Foundation value (maps with string keys, arrays, strings, numbers, bools,
    /// NSNull); bin becomes lower-case hex, as repodata.json spells md5 and sha256. Nil when a map
    /// has a non-string key or the nesting is absurd.
    func jsonValue(depth: Int = 0) -> Any? {
        guard depth < 64 else { return nil }
        switch type {
        case MSGPACK_OBJECT_NIL: return NSNull()
        case MSGPACK_OBJECT_BOOLEAN: return NSNumber(value: via.boolean)
        case MSGPACK_OBJECT_POSITIVE_INTEGER: return via.u64 <= UInt64(Int64.max) ? NSNumber(value: Int64(via.u64)) : NSNumber(value: via.u64)
        case MSGPACK_OBJECT_NEGATIVE_INTEGER: return NSNumber(value: via.i64)
        case MSGPACK_OBJECT_FLOAT32, MSGPACK_OBJECT_FLOAT64: return via.f64.isFinite ? via.f64 : NSNull()
        case MSGPACK_OBJECT_STR: return text
        case MSGPACK_OBJECT_BIN: return binary.map(Self.hex)
        case MSGPACK_OBJECT_ARRAY:
            var out: [Any] = []
            out.reserveCapacity(Int(via.array.size))
            for element in UnsafeBufferPointer(start: via.array.ptr, count: Int(via.array.size)) {
                guard let value = element.jsonValue(depth: depth + 1) else { return nil }
                out.append(value)
            }
            return out
        case MSGPACK_OBJECT_MAP:
            var out: [String: Any] = [:]
            for entry in mapEntries ?? UnsafeBufferPointer(start: nil, count: 0) {
                guard let key = entry.key.text, let value = entry.val.jsonValue(depth: depth + 1) else { return nil }
                out[key] = value
            }
            return out
        default:
            return NSNull()
        }
    }

    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        SHA256Digest.hexString(Array(bytes))
    }

    private static func string(_ pointer: UnsafePointer<CChar>?, _ size: UInt32) -> String? {
        guard let pointer else { return size == 0 ? "" : nil }
        let count = Int(size)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(validating: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }
}
