import Foundation

/// A compact repodata index opened for lookups (see `CompactIndexFormat`). Opening maps the file
/// and checks the header and table; a lookup binary-searches the name table and reads only that
/// name's record runs, each checked against its checksum.
final class CompactRepodataIndex: @unchecked Sendable {
    /// The index file is inconsistent with itself: it must be rebuilt from the repodata.
    struct Damaged: Error, CustomStringConvertible {
        var description: String
    }

    private let file: MappedFile
    let header: CompactIndexHeader

    /// Opens and verifies an index file; nil when it is missing, not an index, or damaged.
    init?(path: String) {
        guard let file = MappedFile(path: path), let header = CompactIndexHeader.decode(file),
              let table = file.slice(header.tableOffset..<header.fileLength),
              let prefix = file.slice(0..<CompactIndexFormat.checksumOffset) else { return nil }
        let checksum = CompactIndexBuilder.checksumOf(headerPrefix: Array(prefix), table: table)
        guard checksum == header.checksum else { return nil }
        self.file = file
        self.header = header
    }

    /// Number of records (both sections).
    var recordCount: Int { header.recordCount }
    var nameCount: Int { header.nameCount }
    /// Size of the repodata document the index was built from.
    var documentLength: Int { header.dataLength }

    /// The `info` object's JSON bytes, if the document had one.
    var infoJSON: Data? {
        guard header.infoLength > 0,
              let bytes = file.slice(header.infoStart..<(header.infoStart + header.infoLength)) else { return nil }
        return Data(bytes)
    }

    /// Every package name, sorted byte-wise.
    func allNames() throws -> [String] {
        var names: [String] = []
        names.reserveCapacity(header.nameCount)
        for index in 0..<header.nameCount {
            names.append(String(decoding: try nameBytes(at: index), as: UTF8.self))
        }
        return names
    }

    func contains(_ name: String) throws -> Bool { try position(of: name) != nil }

    /// The record runs of `name`, each as a JSON object `{"FILENAME": RECORD, …}`, with its section.
    /// Empty when the name is not in the index; throws `Damaged` when a run fails its checksum.
    func recordRuns(named name: String) throws -> [RepodataRecordGroup] {
        guard let index = try position(of: name) else { return [] }
        let entry = header.namesOffset + index * CompactIndexFormat.nameEntrySize
        guard let firstRun = file.uint32(at: entry + 8), let runCount = file.uint32(at: entry + 12),
              Int(firstRun) + Int(runCount) <= header.runCount else { throw Damaged(description: "run table out of range") }
        var result: [RepodataRecordGroup] = []
        for run in Int(firstRun)..<(Int(firstRun) + Int(runCount)) {
            let at = header.runsOffset + run * CompactIndexFormat.runEntrySize
            guard let start = file.uint64(at: at), let length = file.uint32(at: at + 8),
                  let sectionByte = file.slice((at + 12)..<(at + 13)).map({ $0[0] }),
                  let section = RepodataSection(rawValue: sectionByte),
                  let checksum = file.uint64(at: at + 16),
                  start >= UInt64(header.dataOffset), start + UInt64(length) <= UInt64(header.tableOffset),
                  let bytes = file.slice(Int(start)..<(Int(start) + Int(length))) else {
                throw Damaged(description: "run \(run) out of range")
            }
            guard ContentHash.hash(bytes) == checksum else { throw Damaged(description: "run \(run) fails its checksum") }
            var json = Data(capacity: bytes.count + 2)
            json.append(UInt8(ascii: "{"))
            json.append(contentsOf: bytes)
            json.append(UInt8(ascii: "}"))
            result.append(RepodataRecordGroup(section: section, json: json))
        }
        return result
    }

    // MARK: - Name table

    private func nameBytes(at index: Int) throws -> UnsafeRawBufferPointer {
        let entry = header.namesOffset + index * CompactIndexFormat.nameEntrySize
        guard let offset = file.uint32(at: entry), let length = file.uint32(at: entry + 4),
              Int(offset) + Int(length) <= header.stringsLength,
              let bytes = file.slice((header.stringsOffset + Int(offset))..<(header.stringsOffset + Int(offset) + Int(length)))
        else { throw Damaged(description: "name \(index) out of range") }
        return bytes
    }

    /// Binary search over the byte-wise sorted names.
    private func position(of name: String) throws -> Int? {
        let wanted = Array(name.utf8)
        return try wanted.withUnsafeBytes { wantedBytes -> Int? in
            var low = 0
            var high = header.nameCount
            while low < high {
                let middle = (low + high) / 2
                let candidate = try nameBytes(at: middle)
                let order = Self.compare(candidate, wantedBytes)
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    private static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            let order = memcmp(pa, pb, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
