import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds a compact index (see `CompactIndexFormat`) from a downloaded repodata document in one
/// streaming pass: the bytes (decompressed on the fly when they are zstd) go to the index file and
/// through the `RepodataScanner` at the same time, so the decompressed document is never held in
/// memory. A second, cheap pass reads each run back to checksum it.
enum CompactIndexBuilder {
    /// The repodata bytes as downloaded.
    enum Input {
        /// `repodata.json` in memory.
        case json(Data)
        /// `repodata.json.zst` in memory.
        case zstd(Data)
        /// A local `repodata.json` (a `file://` channel), read in chunks.
        case jsonFile(String)
        /// A local `repodata.json.zst`, mapped.
        case zstdFile(String)
        /// A file that already holds `repodata.json` after `CompactIndexFormat.headerSize` blank
        /// bytes (downloaded there): it is scanned and becomes the index itself, so the document
        /// is not written a second time.
        case jsonInPlace(String)
        /// `jsonInPlace` whose document the scanner has already read (during its download).
        case scannedInPlace(String, RepodataScanner, length: Int)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes the index to `destination` (atomically, via a temporary file in `temporaryDirectory`)
    /// and returns it opened. With `destination` nil the index lives only as long as the returned value.
    static func build(_ input: Input, destination: URL?, temporaryDirectory: URL,
                      maxDocumentBytes: Int) throws -> CompactRepodataIndex {
        try FileManager.default.createDirectory(at: temporaryDirectory, withIntermediateDirectories: true)
        removeAbandonedBuilds(in: temporaryDirectory)
        let temporary: URL
        let fd: Int32
        if let path = input.inPlacePath {
            temporary = URL(fileURLWithPath: path)
            fd = open(path, O_RDWR | O_CLOEXEC)
        } else {
            temporary = temporaryDirectory.appendingPathComponent(temporaryName())
            fd = open(temporary.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw Failure(description: "cannot create \(temporary.path): \(errnoText())") }
        var keepTemporary = false
        defer {
            close(fd)
            if !keepTemporary { unlink(temporary.path) }
        }

        var scanner = RepodataScanner()
        var dataLength = 0
        let scan: (UnsafeRawBufferPointer) throws -> Void = { chunk in
            dataLength += chunk.count
            guard dataLength <= maxDocumentBytes else {
                throw Failure(description: "repodata larger than \(maxDocumentBytes) bytes")
            }
            try scanner.feed(chunk)
        }
        let consume: (UnsafeRawBufferPointer) throws -> Void = { chunk in
            try scan(chunk)
            try writeAll(fd, chunk)
        }
        if case .jsonInPlace = input {
            try readAll(fd, from: CompactIndexFormat.headerSize, scan)
        } else if case .scannedInPlace(_, let scanned, let length) = input {
            guard length <= maxDocumentBytes else { throw Failure(description: "repodata larger than \(maxDocumentBytes) bytes") }
            scanner = scanned
            dataLength = length
            guard lseek(fd, off_t(CompactIndexFormat.headerSize + length), SEEK_SET) >= 0 else {
                throw Failure(description: "cannot seek: \(errnoText())")
            }
        } else {
            try writeAll(fd, [UInt8](repeating: 0, count: CompactIndexFormat.headerSize))
        }
        switch input {
        case .json(let data):
            try data.withUnsafeBytes { try feedInSlices($0, consume) }
        case .zstd(let data):
            try ZstdDecoder.decompress(data, maxOutputBytes: maxDocumentBytes, sink: consume)
        case .jsonFile(let path):
            try readFile(path, consume)
        case .zstdFile(let path):
            guard let mapped = MappedFile(path: path) else { throw Failure(description: "cannot read \(path)") }
            try ZstdDecoder.decompress(mapped.bytes, maxOutputBytes: maxDocumentBytes, sink: consume)
        case .jsonInPlace:
            break
        case .scannedInPlace:
            break
        }
        try scanner.finish()

        let offset = CompactIndexFormat.headerSize
        let (table, header) = try makeTable(scanner: scanner, dataLength: dataLength, dataOffset: offset, fd: fd)
        try writeAll(fd, table)
        var headerBytes = header.encoded()
        var check = headerBytes
        check.removeLast(8)
        let checksum = checksumOf(headerPrefix: check, table: table)
        var finalHeader = header
        finalHeader.checksum = checksum
        headerBytes = finalHeader.encoded()
        let written = headerBytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == headerBytes.count else { throw Failure(description: "cannot write index: \(errnoText())") }

        if let destination {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(temporary.path, destination.path) == 0 else {
                throw Failure(description: "cannot move index into place: \(errnoText())")
            }
            keepTemporary = true
            guard let index = CompactRepodataIndex(path: destination.path) else {
                throw Failure(description: "the index just written cannot be read back")
            }
            return index
        }
        // No cache: map the temporary file, then let it be unlinked (the mapping stays valid).
        guard let index = CompactRepodataIndex(path: temporary.path) else {
            throw Failure(description: "the index just written cannot be read back")
        }
        return index
    }

    static let temporaryPrefix = "preflight-conda-index-build-"

    /// A fresh name in the build folder: what a killed process leaves there is cleared later.
    static func temporaryName() -> String {
        "\(temporaryPrefix)\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
    }

    /// A process killed in the middle of a build leaves its temporary file; clear those older than an hour.
    private static func removeAbandonedBuilds(in folder: URL) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        let cutoff = Date().addingTimeInterval(-3600)
        for entry in entries where entry.hasPrefix(temporaryPrefix) {
            let path = folder.appendingPathComponent(entry).path
            if let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < cutoff {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    static func checksumOf(headerPrefix: [UInt8], table: UnsafeRawBufferPointer) -> UInt64 {
        let headSum = headerPrefix.withUnsafeBytes { ContentHash.hash($0) }
        return ContentHash.hash(table, seed: headSum)
    }

    static func checksumOf(headerPrefix: [UInt8], table: [UInt8]) -> UInt64 {
        table.withUnsafeBytes { checksumOf(headerPrefix: headerPrefix, table: $0) }
    }

    // MARK: - Table

    private static func makeTable(scanner: RepodataScanner, dataLength: Int, dataOffset: Int,
                                  fd: Int32) throws -> ([UInt8], CompactIndexHeader) {
        let collected = scanner.runs
        let names = collected.names
        // Names sorted byte-wise, so a lookup can binary-search with memcmp.
        let order = names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        var runsByName = [[Int]](repeating: [], count: names.count)
        for (index, run) in collected.runs.enumerated() { runsByName[Int(run.nameID)].append(index) }

        var nameTable: [UInt8] = []
        nameTable.reserveCapacity(names.count * CompactIndexFormat.nameEntrySize)
        var runTable: [UInt8] = []
        runTable.reserveCapacity(collected.runs.count * CompactIndexFormat.runEntrySize)
        var strings: [UInt8] = []
        let checksums = try runChecksums(collected.runs, fd: fd, dataOffset: dataOffset, documentEnd: dataOffset + dataLength)
        var runCount = 0
        for id in order {
            let nameBytes = Array(names[id].utf8)
            let runs = runsByName[id]
            var records: Int32 = 0
            nameTable.appendLittleEndian(UInt32(strings.count))
            nameTable.appendLittleEndian(UInt32(nameBytes.count))
            nameTable.appendLittleEndian(UInt32(runCount))
            nameTable.appendLittleEndian(UInt32(runs.count))
            strings.append(contentsOf: nameBytes)
            for runIndex in runs {
                let run = collected.runs[runIndex]
                records += run.records
                let length = run.end - run.start
                guard length >= 0, length < Int(UInt32.max) else { throw Failure(description: "record run too large") }
                let start = dataOffset + run.start
                runTable.appendLittleEndian(UInt64(start))
                runTable.appendLittleEndian(UInt32(length))
                runTable.append(run.section.rawValue)
                runTable.append(contentsOf: [0, 0, 0])
                runTable.appendLittleEndian(checksums[runIndex])
                runCount += 1
            }
            nameTable.appendLittleEndian(UInt32(records))
        }
        var infoStart = 0, infoLength = 0
        if let range = scanner.infoRange {
            infoStart = dataOffset + range.lowerBound
            infoLength = range.count
        }
        let header = CompactIndexHeader(
            dataLength: dataLength, nameCount: names.count, runCount: runCount, stringsLength: strings.count,
            infoStart: infoStart, infoLength: infoLength, recordCount: collected.recordCount, checksum: 0)
        return (nameTable + runTable + strings, header)
    }

    /// Each run's checksum, read where it lies in the file just written: runs come in file order,
    /// so the document is mapped a window at a time and each window dropped once hashed (the page
    /// cache, no copy into the process, and never the whole document resident at once).
    private static func runChecksums(_ runs: [RepodataRunCollector.Run], fd: Int32, dataOffset: Int,
                                     documentEnd: Int) throws -> [UInt64] {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let windowBytes = 16 << 20
        var window: (start: Int, bytes: UnsafeRawBufferPointer)?
        defer { if let window { munmap(UnsafeMutableRawPointer(mutating: window.bytes.baseAddress), window.bytes.count) } }
        var sums: [UInt64] = []
        sums.reserveCapacity(runs.count)
        for run in runs {
            let start = dataOffset + run.start, end = dataOffset + run.end
            guard start <= end, end <= documentEnd else { throw Failure(description: "record run past the end of the document") }
            if window.map({ start < $0.start || end > $0.start + $0.bytes.count }) ?? true {
                if let old = window { munmap(UnsafeMutableRawPointer(mutating: old.bytes.baseAddress), old.bytes.count) }
                window = nil
                let mapStart = start / page * page
                let length = min(documentEnd, max(end, mapStart + windowBytes)) - mapStart
                guard length > 0 else { sums.append(ContentHash.hash(UnsafeRawBufferPointer(start: nil, count: 0))); continue }
                let pointer = mmap(nil, length, PROT_READ, MAP_SHARED, fd, off_t(mapStart))
                guard let pointer, pointer != MAP_FAILED else { throw Failure(description: "cannot read the index back: \(errnoText())") }
                window = (mapStart, UnsafeRawBufferPointer(start: pointer, count: length))
            }
            let bytes = window!.bytes
            sums.append(ContentHash.hash(UnsafeRawBufferPointer(rebasing: bytes[(start - window!.start)..<(end - window!.start)])))
        }
        return sums
    }

    // MARK: - I/O

    private static func feedInSlices(_ bytes: UnsafeRawBufferPointer,
                                     _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        let slice = 4 << 20
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + slice)
            try consume(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
        }
    }

    private static func readFile(_ path: String, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: "cannot read \(path): \(errnoText())") }
        defer { close(fd) }
        try readAll(fd, from: 0, consume)
    }

    /// Reads an open file from `offset` to its end in 4 MiB pieces, leaving the position at the end.
    private static func readAll(_ fd: Int32, from offset: Int, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else { throw Failure(description: "cannot seek: \(errnoText())") }
        let size = 4 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, size)
            guard n >= 0 else { throw Failure(description: "cannot read the repodata: \(errnoText())") }
            if n == 0 { break }
            try consume(UnsafeRawBufferPointer(start: buffer, count: n))
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeAll(fd, $0) }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "cannot write the index: \(errnoText())") }
            done += n
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

extension CompactIndexBuilder.Input {
    /// The file that becomes the index itself, for the forms downloaded in place.
    var inPlacePath: String? {
        switch self {
        case .jsonInPlace(let path), .scannedInPlace(let path, _, _): return path
        default: return nil
        }
    }
}
