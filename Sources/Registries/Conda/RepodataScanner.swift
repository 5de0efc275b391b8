/// A hand-written byte scanner over `repodata.json` that finds, for every record in `packages`
/// and `packages.conda`, its package name and the byte range of its `"filename": {…}` entry,
/// without building an object graph. It is fed in chunks (straight out of the zstd decoder or a
/// file), so the document never has to be in memory at once, and it keeps only a few bytes of
/// state across chunk boundaries.
///
/// The structural check is deliberately loose (brackets balance, strings end, nothing but JSON
/// tokens outside strings, one top-level object); the records themselves are decoded strictly
/// later, and only those of the names asked for.
struct RepodataScanner {
    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "not valid repodata JSON at byte \(offset): \(reason)" }
    }

    /// The byte range of the top-level `info` object, once seen.
    private(set) var infoRange: Range<Int>?
    /// Records found, grouped into runs of consecutive records of one name.
    private(set) var runs = RepodataRunCollector()

    // Bytes consumed so far (the absolute offset of the next chunk).
    private var position = 0
    private var failure: Failure?

    // Container stack: `true` = object, `false` = array. Bounded against hostile nesting.
    private var stack: [Bool] = []
    private static let maxDepth = 512
    private var expectKey = false
    private var sawKeyColon = false
    private var finishedTop = false
    private var sawTop = false

    // String state (survives chunk boundaries).
    private var inString = false
    private var escaped = false
    private var capture: CaptureRole = .none
    private var captured: [UInt8] = []
    private var capturedHadEscape = false

    private enum CaptureRole { case none, topKey, recordKey, fieldKey, nameValue }
    private enum TopKey { case other, info, packages, conda }
    private var topKey: TopKey = .other
    private var section: RepodataSection?
    private var recordKeyStart = 0
    private var filename: [UInt8] = []
    private var filenameHadEscape = false
    private var nextValueIsName = false
    private var recordName: [UInt8] = []
    private var recordNameHadEscape = false
    private var haveRecordName = false
    private var infoStart = 0
    private static let nameKey: [UInt8] = Array("name".utf8)

    init() {
        stack.reserveCapacity(16)
        captured.reserveCapacity(256)
    }

    /// Scans the next chunk of the document.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) throws {
        if let failure { throw failure }
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let count = chunk.count
        var i = 0
        while i < count {
            if inString {
                i = scanString(base, count, from: i)
                continue
            }
            let byte = base[i]
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09:
                break
            case UInt8(ascii: "\""):
                guard !finishedTop, !stack.isEmpty else { return try fail(i, "text outside the top-level object") }
                if expectKey, stack.count == 3, section != nil {
                    let next = plainFields(base, count, from: i)
                    if next != i {
                        i = next
                        continue
                    }
                }
                startString(at: position + i)
            case UInt8(ascii: "{"):
                try open(object: true, at: i)
            case UInt8(ascii: "["):
                try open(object: false, at: i)
            case UInt8(ascii: "}"):
                try close(object: true, at: i)
            case UInt8(ascii: "]"):
                try close(object: false, at: i)
            case UInt8(ascii: ":"):
                guard stack.last == true, sawKeyColon else { return try fail(i, "unexpected ':'") }
                sawKeyColon = false
                expectKey = false
            case UInt8(ascii: ","):
                guard !stack.isEmpty else { return try fail(i, "unexpected ','") }
                if stack.last == true { expectKey = true }
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "E"):
                // Numbers and the literals true/false/null (checked strictly when decoded).
                guard !finishedTop, !stack.isEmpty else { return try fail(i, "text outside the top-level object") }
            default:
                return try fail(i, "unexpected byte 0x\(String(byte, radix: 16))")
            }
            i += 1
        }
        position += count
    }

    /// Declares the end of the document; throws when it is incomplete.
    mutating func finish() throws {
        if let failure { throw failure }
        guard sawTop else { throw Failure(offset: position, reason: "empty document") }
        guard finishedTop, !inString else { throw Failure(offset: position, reason: "document ends early") }
        runs.flush()
    }

    // MARK: - Structure

    private mutating func open(object: Bool, at i: Int) throws {
        if stack.isEmpty {
            guard object, !sawTop else { return try fail(i, "repodata must be one JSON object") }
            sawTop = true
        }
        guard stack.count < Self.maxDepth else { return try fail(i, "nesting too deep") }
        stack.append(object)
        expectKey = object
        sawKeyColon = false
        guard object else { return }
        switch stack.count {
        case 2 where topKey == .packages: section = .packages
        case 2 where topKey == .conda: section = .conda
        case 2 where topKey == .info: infoStart = position + i
        case 3 where section != nil:
            haveRecordName = false
            nextValueIsName = false
        default: break
        }
    }

    private mutating func close(object: Bool, at i: Int) throws {
        guard let top = stack.last, top == object else { return try fail(i, "unbalanced brackets") }
        let depth = stack.count
        stack.removeLast()
        expectKey = false
        sawKeyColon = false
        if depth == 1 {
            finishedTop = true
        } else if object && depth == 2 {
            if topKey == .info { infoRange = infoStart..<(position + i + 1) }
            section = nil
        } else if object && depth == 3, let section {
            recordEnded(section: section, end: position + i + 1)
        }
    }

    private mutating func recordEnded(section: RepodataSection, end: Int) {
        if haveRecordName && !recordNameHadEscape {
            runs.add(nameBytes: recordName, section: section, start: recordKeyStart, end: end)
        } else if haveRecordName, let name = JSONStringText.decode(quotedContent: recordName) {
            runs.add(nameBytes: Array(name.utf8), section: section, start: recordKeyStart, end: end)
        } else {
            // No usable `name` field: fall back to the filename (`NAME-VERSION-BUILD.EXT`).
            let text = filenameHadEscape ? JSONStringText.decode(quotedContent: filename) : String(decoding: filename, as: UTF8.self)
            if let text, let name = PackageFilename.packageName(of: text) {
                runs.add(nameBytes: Array(name.utf8), section: section, start: recordKeyStart, end: end)
            }
        }
        haveRecordName = false
    }

    // MARK: - Record fields

    /// At the first byte of a key inside a record: consumes whole `"key":value` fields of the
    /// common shapes (a string, a number or literal, a flat list of strings) for as long as each
    /// lies wholly in this chunk, is followed by `,` or `}` and holds no backslash; returns where
    /// it stopped: at a key the general path then takes, or at the record's `}`. It accepts exactly
    /// what the general path accepts there and leaves the state as the general path would, so
    /// stopping anywhere is safe. Records are nearly all fields like these: going field by field
    /// instead of byte by byte roughly halves the scan of a large channel.
    private mutating func plainFields(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int) -> Int {
        var i = start
        while i < count && base[i] == 0x22 {
            guard let keyEnd = Self.plainStringEnd(base, count, from: i + 1) else { return i }
            let isName = keyEnd - i - 1 == 4 && base[i + 1] == 0x6E && base[i + 2] == 0x61 && base[i + 3] == 0x6D && base[i + 4] == 0x65
            var j = Self.skipSpace(base, count, from: keyEnd + 1)
            guard j < count, base[j] == 0x3A else { return i }
            j = Self.skipSpace(base, count, from: j + 1)
            guard j < count else { return i }
            let first = base[j]
            var end: Int
            if first == 0x22 {
                guard let e = Self.plainStringEnd(base, count, from: j + 1) else { return i }
                end = e + 1
            } else if first == 0x5B {
                guard !isName, let e = Self.plainStringListEnd(base, count, from: j + 1) else { return i }
                end = e
            } else if Self.isBareValueByte(first) {
                // A `name` that is not a string is left to the general path, which handles its oddities.
                guard !isName else { return i }
                end = j + 1
                while end < count && Self.isBareValueByte(base[end]) { end += 1 }
            } else {
                return i
            }
            let valueEnd = end
            end = Self.skipSpace(base, count, from: end)
            guard end < count, base[end] == 0x2C || base[end] == 0x7D else { return i }
            if isName {
                recordName.removeAll(keepingCapacity: true)
                recordName.append(contentsOf: UnsafeBufferPointer(start: base + j + 1, count: min(valueEnd - j - 2, Self.maxCaptured)))
                recordNameHadEscape = false
                haveRecordName = true
            }
            nextValueIsName = false
            if base[end] == 0x7D { return end }
            i = Self.skipSpace(base, count, from: end + 1)
        }
        return i
    }

    /// Past JSON whitespace.
    @inline(__always)
    private static func skipSpace(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int) -> Int {
        var k = start
        while k < count, base[k] == 0x20 || base[k] == 0x0A || base[k] == 0x0D || base[k] == 0x09 { k += 1 }
        return k
    }

    /// The index of the quote that ends a string whose content starts at `from`, when it is in
    /// this chunk and the content has no backslash.
    @inline(__always)
    private static func plainStringEnd(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int) -> Int? {
        var j = start
        while j + 8 <= count {
            let word = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
            if hasByte(word, 0x22) || hasByte(word, 0x5C) { break }
            j += 8
        }
        while j < count && base[j] != 0x22 && base[j] != 0x5C { j += 1 }
        return j < count && base[j] == 0x22 ? j : nil
    }

    /// The index after the `]` of a list of plain strings (commas between them) starting at `from`.
    private static func plainStringListEnd(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int) -> Int? {
        var k = start
        while k < count {
            switch base[k] {
            case 0x22:
                guard let e = plainStringEnd(base, count, from: k + 1) else { return nil }
                k = e + 1
            case 0x2C, 0x20, 0x0A, 0x0D, 0x09:
                k += 1
            case 0x5D:
                return k + 1
            default:
                return nil  // whitespace, numbers, nesting: the general path
            }
        }
        return nil
    }

    /// The bytes the general path lets through outside strings as parts of numbers and literals.
    @inline(__always)
    private static func isBareValueByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "E"):
            return true
        default:
            return false
        }
    }

    // MARK: - Strings

    private mutating func startString(at absolute: Int) {
        inString = true
        escaped = false
        capturedHadEscape = false
        let depth = stack.count
        let isKey = stack.last == true && expectKey
        switch depth {
        case 1 where isKey:
            capture = .topKey
        case 2 where isKey && section != nil:
            recordKeyStart = absolute
            capture = .recordKey
        case 3 where section != nil:
            if isKey {
                capture = .fieldKey
            } else if nextValueIsName {
                capture = .nameValue
            } else {
                capture = .none
            }
        default:
            capture = .none
        }
        if isKey { sawKeyColon = true; expectKey = false }
        if capture != .none { captured.removeAll(keepingCapacity: true) }
    }

    /// Consumes string bytes from `start`; returns the index after what it consumed.
    private mutating func scanString(_ base: UnsafePointer<UInt8>, _ count: Int, from start: Int) -> Int {
        var i = start
        if escaped {
            // The previous chunk ended on a backslash: this byte is the one it escapes.
            escaped = false
            if capture != .none { keep(base + i, 1) }
            i += 1
        }
        while i < count {
            // Most string bytes are kept by nobody (hashes, dependency lists), and the rest are
            // short: find the next quote or backslash eight bytes at a time, then take the span.
            var j = i
            while j + 8 <= count {
                let word = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
                if Self.hasByte(word, 0x22) || Self.hasByte(word, 0x5C) { break }
                j += 8
            }
            while j < count && base[j] != 0x22 && base[j] != 0x5C { j += 1 }
            if capture != .none { keep(base + i, j - i) }
            guard j < count else { return count }
            if base[j] == 0x22 {
                endString()
                return j + 1
            }
            capturedHadEscape = true
            if capture != .none { keep(base + j, 1) }
            guard j + 1 < count else {
                escaped = true
                return count
            }
            if capture != .none { keep(base + j + 1, 1) }
            i = j + 2
        }
        return i
    }

    /// Appends raw string bytes to what is captured (names and filenames; capped, since only
    /// their first kilobyte can matter).
    @inline(__always)
    private mutating func keep(_ bytes: UnsafePointer<UInt8>, _ n: Int) {
        let room = Self.maxCaptured - captured.count
        guard n > 0, room > 0 else { return }
        captured.append(contentsOf: UnsafeBufferPointer(start: bytes, count: min(n, room)))
    }

    private static let maxCaptured = 1024

    /// Whether any of the eight bytes of `word` equals `byte` (the classic SWAR zero-byte test).
    @inline(__always)
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & 0x8080_8080_8080_8080 != 0
    }

    private mutating func endString() {
        inString = false
        switch capture {
        case .none:
            break
        case .topKey:
            topKey = Self.topKey(captured)
        case .recordKey:
            swap(&filename, &captured)
            filenameHadEscape = capturedHadEscape
        case .fieldKey:
            nextValueIsName = !capturedHadEscape && captured.elementsEqual(Self.nameKey)
        case .nameValue:
            swap(&recordName, &captured)
            recordNameHadEscape = capturedHadEscape
            haveRecordName = true
            nextValueIsName = false
        }
        capture = .none
    }

    private static func topKey(_ bytes: [UInt8]) -> TopKey {
        if bytes.elementsEqual("packages".utf8) { return .packages }
        if bytes.elementsEqual("packages.conda".utf8) { return .conda }
        if bytes.elementsEqual("info".utf8) { return .info }
        return .other
    }

    private mutating func fail(_ i: Int, _ reason: String) throws {
        let error = Failure(offset: position + i, reason: reason)
        failure = error
        throw error
    }
}
