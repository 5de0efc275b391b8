import Foundation

/// The central directory of a zip file (a wheel), read from its tail so that a remote wheel's
/// `METADATA` can be found with two or three HTTP range requests instead of a download.
package struct ZipDirectory: Sendable {
    package struct Entry: Sendable, Hashable {
        package var name: String
        package var method: UInt16
        package var compressedSize: Int64
        package var uncompressedSize: Int64
        package var localHeaderOffset: Int64
    }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Where the central directory is, found from the end-of-central-directory record(s).
    package struct Location: Sendable {
        package var offset: Int64
        package var size: Int64
    }

    /// Finds the end-of-central-directory record in the last bytes of a file of `fileSize` bytes.
    package static func locate(tail: Data, fileSize: Int64) throws -> Location {
        let bytes = [UInt8](tail)
        let tailStart = fileSize - Int64(bytes.count)
        guard bytes.count >= 22 else { throw Failure(description: "not a zip file (too short)") }
        var i = bytes.count - 22
        while i >= 0 {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4b, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 { break }
            i -= 1
        }
        guard i >= 0 else { throw Failure(description: "not a zip file (no end-of-central-directory record)") }
        var size = Int64(le32(bytes, i + 12))
        var offset = Int64(le32(bytes, i + 16))
        if offset == 0xFFFF_FFFF || size == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the EOCD and points at the zip64 EOCD record.
            let locator = i - 20
            guard locator >= 0, le32(bytes, locator) == 0x0706_4b50 else { throw Failure(description: "zip64 locator missing") }
            let record = Int64(le64(bytes, locator + 8)) - tailStart
            guard record >= 0, record + 56 <= Int64(bytes.count), le32(bytes, Int(record)) == 0x0606_4b50 else {
                throw Failure(description: "zip64 end-of-central-directory record is outside the fetched tail")
            }
            size = Int64(le64(bytes, Int(record) + 40))
            offset = Int64(le64(bytes, Int(record) + 48))
        }
        guard offset >= 0, size >= 0, offset + size <= fileSize else { throw Failure(description: "central directory out of bounds") }
        return Location(offset: offset, size: size)
    }

    /// Parses central-directory entries; `data` is exactly the directory.
    package static func entries(_ data: Data) throws -> [Entry] {
        let bytes = [UInt8](data)
        var entries: [Entry] = []
        var i = 0
        while i + 46 <= bytes.count, le32(bytes, i) == 0x0201_4b50 {
            let method = le16(bytes, i + 10)
            var compressed = Int64(le32(bytes, i + 20))
            var uncompressed = Int64(le32(bytes, i + 24))
            let nameLength = Int(le16(bytes, i + 28))
            let extraLength = Int(le16(bytes, i + 30))
            let commentLength = Int(le16(bytes, i + 32))
            var localOffset = Int64(le32(bytes, i + 42))
            guard i + 46 + nameLength + extraLength + commentLength <= bytes.count else {
                throw Failure(description: "central directory entry runs past the end")
            }
            let name = String(decoding: bytes[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
            // Zip64 extended information replaces the saturated 32-bit fields, in order.
            var e = i + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = le16(bytes, e), size = Int(le16(bytes, e + 2))
                if id == 0x0001 {
                    var p = e + 4
                    if uncompressed == 0xFFFF_FFFF, p + 8 <= e + 4 + size { uncompressed = Int64(le64(bytes, p)); p += 8 }
                    if compressed == 0xFFFF_FFFF, p + 8 <= e + 4 + size { compressed = Int64(le64(bytes, p)); p += 8 }
                    if localOffset == 0xFFFF_FFFF, p + 8 <= e + 4 + size { localOffset = Int64(le64(bytes, p)) }
                }
                e += 4 + size
            }
            entries.append(Entry(name: name, method: method, compressedSize: compressed,
                                 uncompressedSize: uncompressed, localHeaderOffset: localOffset))
            i += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// Length of the local file header at the start of `header` (30 bytes + name + extra).
    package static func localHeaderLength(_ header: Data) throws -> Int {
        let bytes = [UInt8](header.prefix(30))
        guard bytes.count == 30, le32(bytes, 0) == 0x0403_4b50 else { throw Failure(description: "bad local file header") }
        return 30 + Int(le16(bytes, 26)) + Int(le16(bytes, 28))
    }

    /// The member's bytes, decompressed (stored or deflate), capped.
    package static func extract(_ entry: Entry, compressed: Data, limit: Int) throws -> Data {
        switch entry.method {
        case 0: return compressed
        case 8: return try Inflate.decompress(compressed, format: .raw, limit: limit)
        default: throw Failure(description: "unsupported zip compression method \(entry.method)")
        }
    }

    static func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func le32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(le16(b, i)) | UInt32(le16(b, i + 2)) << 16 }
    static func le64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(le32(b, i)) | UInt64(le32(b, i + 4)) << 32 }
}
