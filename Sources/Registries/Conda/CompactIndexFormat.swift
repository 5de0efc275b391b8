/// The on-disk layout of a compact repodata index (`conda-index-v1/…`), little endian:
///
///     header   128 bytes   magic "PFCIDX01", then the fields of `CompactIndexHeader`
///     data     the repodata JSON exactly as served (decompressed)
///     table    names  (nameCount × 20 bytes: string offset, string length, first run, run count, record count)
///              runs   (runCount × 24 bytes: start in the file, length, section, 3 spare, checksum of the bytes)
///              strings (the names, sorted byte-wise, concatenated)
///
/// The header and table carry one checksum, checked on every open (a few milliseconds for
/// conda-forge); each run carries its own, checked when that run is read, so a damaged index is
/// noticed and rebuilt instead of answering wrongly.
enum CompactIndexFormat {
    static let magic: [UInt8] = Array("PFCIDX01".utf8)
    /// 2: the four-lane `ContentHash`; a version-1 index is not recognised and is rebuilt.
    static let version: UInt32 = 2
    static let headerSize = 128
    static let nameEntrySize = 20
    static let runEntrySize = 24
    /// Where the checksum sits; it covers the header bytes before it and the whole table.
    static let checksumOffset = 120
}

/// The header fields of a compact index.
struct CompactIndexHeader: Equatable {
    var dataLength: Int
    var nameCount: Int
    var runCount: Int
    var stringsLength: Int
    /// Absolute byte range of the `info` object in the file (empty when there is none).
    var infoStart: Int
    var infoLength: Int
    var recordCount: Int
    var checksum: UInt64

    var dataOffset: Int { CompactIndexFormat.headerSize }
    var tableOffset: Int { dataOffset + dataLength }
    var tableLength: Int {
        nameCount * CompactIndexFormat.nameEntrySize + runCount * CompactIndexFormat.runEntrySize + stringsLength
    }
    var namesOffset: Int { tableOffset }
    var runsOffset: Int { namesOffset + nameCount * CompactIndexFormat.nameEntrySize }
    var stringsOffset: Int { runsOffset + runCount * CompactIndexFormat.runEntrySize }
    var fileLength: Int { tableOffset + tableLength }

    /// The 128 header bytes; the checksum field is written as given.
    func encoded() -> [UInt8] {
        var out = CompactIndexFormat.magic
        out.appendLittleEndian(CompactIndexFormat.version)
        out.appendLittleEndian(UInt32(CompactIndexFormat.headerSize))
        for value in [dataOffset, dataLength, tableOffset, tableLength, nameCount, runCount, stringsLength,
                      infoStart, infoLength, recordCount] {
            out.appendLittleEndian(UInt64(value))
        }
        while out.count < CompactIndexFormat.checksumOffset { out.append(0) }
        out.appendLittleEndian(checksum)
        return out
    }

    /// Reads and sanity-checks the header of a mapped index; nil when it is not one or is inconsistent.
    static func decode(_ file: MappedFile) -> CompactIndexHeader? {
        guard file.count >= CompactIndexFormat.headerSize,
              let head = file.slice(0..<8), head.elementsEqual(CompactIndexFormat.magic),
              file.uint32(at: 8) == CompactIndexFormat.version,
              file.uint32(at: 12) == UInt32(CompactIndexFormat.headerSize) else { return nil }
        var fields: [Int] = []
        for index in 0..<10 {
            guard let value = file.uint64(at: 16 + 8 * index), value <= UInt64(Int.max / 4) else { return nil }
            fields.append(Int(value))
        }
        guard let checksum = file.uint64(at: CompactIndexFormat.checksumOffset) else { return nil }
        let header = CompactIndexHeader(
            dataLength: fields[1], nameCount: fields[4], runCount: fields[5], stringsLength: fields[6],
            infoStart: fields[7], infoLength: fields[8], recordCount: fields[9], checksum: checksum)
        guard fields[0] == header.dataOffset, fields[2] == header.tableOffset, fields[3] == header.tableLength,
              header.fileLength == file.count,
              header.infoStart + header.infoLength <= header.tableOffset else { return nil }
        return header
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var little = value.littleEndian
        Swift.withUnsafeBytes(of: &little) { append(contentsOf: $0) }
    }
}
