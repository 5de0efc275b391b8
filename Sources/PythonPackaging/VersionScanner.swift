// A hand-written scanner for packaging's VERSION_PATTERN and the version part of its specifier
// pattern, over UTF-8 bytes.
//
// packaging's regular expressions use possessive quantifiers and atomic groups, so every optional
// group either matches greedily at its first try or is skipped; a left-to-right scanner that tries
// each group once and rewinds when the group fails reproduces them exactly. All letters are ASCII
// and matched case-insensitively; only the surrounding whitespace is Unicode.

/// Which dialect of the version pattern to accept.
struct VersionGrammar {
    /// `+local` is allowed (versions, `==` and `!=`).
    var allowsLocal: Bool
    /// A trailing `.*` right after the release is allowed (`==` and `!=`).
    var allowsWildcard: Bool
    /// At least this many release components (2 for `~=`).
    var minimumReleaseCount: Int

    static let version = VersionGrammar(allowsLocal: true, allowsWildcard: false, minimumReleaseCount: 1)
    static let equality = VersionGrammar(allowsLocal: true, allowsWildcard: true, minimumReleaseCount: 1)
    static let compatible = VersionGrammar(allowsLocal: false, allowsWildcard: false, minimumReleaseCount: 2)
    static let ordered = VersionGrammar(allowsLocal: false, allowsWildcard: false, minimumReleaseCount: 1)
}

/// The pieces of a version found by `VersionScanner`.
struct ScannedVersion {
    /// Byte offset just past the matched text.
    var end = 0
    var epoch = 0
    var r0 = 0, r1 = 0, r2 = 0, r3 = 0
    var releaseCount = 0
    /// Release components after the fourth; empty for almost every real version.
    var releaseTail: [Int] = []
    /// 0 = a, 1 = b, 2 = rc, -1 = none.
    var preLetter: Int8 = -1
    var preNumber = 0
    /// -1 = none.
    var post = -1
    /// -1 = none.
    var dev = -1
    /// Byte range of the local label (after `+`), or `localStart < 0`.
    var localStart = -1
    var localEnd = -1
    var isWildcard = false
    /// Some number did not fit in `Int`.
    var overflowed = false

    mutating func appendRelease(_ value: Int) {
        switch releaseCount {
        case 0: r0 = value
        case 1: r1 = value
        case 2: r2 = value
        case 3: r3 = value
        default: releaseTail.append(value)
        }
        releaseCount += 1
    }
}

struct VersionScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    var position: Int
    var result = ScannedVersion()

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    /// Matches the version pattern at `start` and returns how far it got, or nil when not even a
    /// release segment is there. The caller decides whether the match had to reach `end`.
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, grammar: VersionGrammar
    ) -> ScannedVersion? {
        var scanner = VersionScanner(bytes: bytes, start: start, end: end)
        guard scanner.scanVersion(grammar) else { return nil }
        scanner.result.end = scanner.position
        return scanner.result
    }

    // MARK: - Grammar

    private mutating func scanVersion(_ grammar: VersionGrammar) -> Bool {
        // v?
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "v") { position += 1 }

        // (digits "!")?
        let epochStart = position
        if let epoch = scanNumber(), position < end, bytes[position] == UInt8(ascii: "!") {
            result.epoch = epoch
            position += 1
        } else {
            position = epochStart
        }

        // digits ("." digits)*
        guard let first = scanNumber() else { return false }
        result.appendRelease(first)
        while position + 1 < end, bytes[position] == UInt8(ascii: "."), isDigit(bytes[position + 1]) {
            position += 1
            result.appendRelease(scanNumber() ?? 0)
        }
        if result.releaseCount < grammar.minimumReleaseCount { return false }

        if grammar.allowsWildcard, position + 1 < end, bytes[position] == UInt8(ascii: "."),
           bytes[position + 1] == UInt8(ascii: "*") {
            position += 2
            result.isWildcard = true
            return true
        }

        scanPreRelease()
        scanPostRelease()
        scanDevRelease()
        if grammar.allowsLocal { scanLocal() }
        return true
    }

    private mutating func scanPreRelease() {
        let start = position
        skipSeparator()
        let letter: Int8
        if matchWord("alpha") || matchWord("a") {
            letter = 0
        } else if matchWord("beta") || matchWord("b") {
            letter = 1
        } else if matchWord("preview") || matchWord("pre") || matchWord("c") || matchWord("rc") {
            letter = 2
        } else {
            position = start
            return
        }
        skipSeparator()
        result.preLetter = letter
        result.preNumber = scanNumber() ?? 0
    }

    private mutating func scanPostRelease() {
        let start = position
        // "-" digits (the implicit post release, `1.0-1`)
        if position < end, bytes[position] == UInt8(ascii: "-") {
            position += 1
            if let number = scanNumber() {
                result.post = number
                return
            }
            position = start
        }
        skipSeparator()
        guard matchWord("post") || matchWord("rev") || matchWord("r") else {
            position = start
            return
        }
        skipSeparator()
        result.post = scanNumber() ?? 0
    }

    private mutating func scanDevRelease() {
        let start = position
        skipSeparator()
        guard matchWord("dev") else {
            position = start
            return
        }
        skipSeparator()
        result.dev = scanNumber() ?? 0
    }

    private mutating func scanLocal() {
        guard position + 1 < end, bytes[position] == UInt8(ascii: "+"), isAlphanumeric(bytes[position + 1]) else {
            return
        }
        position += 1
        let start = position
        while position < end, isAlphanumeric(bytes[position]) { position += 1 }
        while position + 1 < end, isSeparator(bytes[position]), isAlphanumeric(bytes[position + 1]) {
            position += 1
            while position < end, isAlphanumeric(bytes[position]) { position += 1 }
        }
        result.localStart = start
        result.localEnd = position
    }

    // MARK: - Pieces

    private mutating func skipSeparator() {
        if position < end, isSeparator(bytes[position]) { position += 1 }
    }

    /// Consumes `word` case-insensitively (ASCII) when it is next.
    private mutating func matchWord(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= end else { return false }
        let letters = word.utf8Start
        for offset in 0..<count where bytes[position + offset] | 0x20 != letters[offset] {
            return false
        }
        position += count
        return true
    }

    /// Consumes a run of ASCII digits; nil when there is none. Values past `Int.max` set
    /// `overflowed` and read as `Int.max`.
    private mutating func scanNumber() -> Int? {
        guard position < end, isDigit(bytes[position]) else { return nil }
        var value = 0
        var overflowed = false
        while position < end, isDigit(bytes[position]) {
            if !overflowed {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(bytes[position] &- 0x30))
                if o1 || o2 { overflowed = true } else { value = sum }
            }
            position += 1
        }
        if overflowed {
            result.overflowed = true
            return Int.max
        }
        return value
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always) private func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    @inline(__always) private func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- UInt8(ascii: "a") < 26
    }
}

/// Unicode whitespace (`\s`) over UTF-8 bytes.
enum UTF8Whitespace {
    /// Length of the whitespace character that starts at `i`, or 0.
    @inline(__always)
    static func length(at i: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Int {
        let b = bytes[i]
        if b < 0x80 { return (b &- 0x09 < 5) || (b &- 0x1C < 5) ? 1 : 0 }
        switch b {
        case 0xC2:
            guard i + 1 < end else { return 0 }
            return bytes[i + 1] == 0x85 || bytes[i + 1] == 0xA0 ? 2 : 0
        case 0xE1:
            guard i + 2 < end else { return 0 }
            return bytes[i + 1] == 0x9A && bytes[i + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard i + 2 < end else { return 0 }
            let c1 = bytes[i + 1], c2 = bytes[i + 2]
            if c1 == 0x80, (c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF { return 3 }
            if c1 == 0x81, c2 == 0x9F { return 3 }
            return 0
        case 0xE3:
            guard i + 2 < end else { return 0 }
            return bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// Length of the whitespace character that ends just before `end`, or 0.
    @inline(__always)
    static func lengthBefore(_ end: Int, in bytes: UnsafeBufferPointer<UInt8>, start: Int) -> Int {
        guard end > start else { return 0 }
        let last = bytes[end - 1]
        if last < 0x80 { return (last &- 0x09 < 5) || (last &- 0x1C < 5) ? 1 : 0 }
        if end - 2 >= start, bytes[end - 2] == 0xC2, last == 0x85 || last == 0xA0 { return 2 }
        if end - 3 >= start, length(at: end - 3, in: bytes, end: end) == 3 { return 3 }
        return 0
    }

    /// Trims whitespace at both ends of `start..<end`.
    static func trim(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start, e = end
        while s < e {
            let n = length(at: s, in: bytes, end: e)
            if n == 0 { break }
            s += n
        }
        while e > s {
            let n = lengthBefore(e, in: bytes, start: s)
            if n == 0 { break }
            e -= n
        }
        return (s, e)
    }
}
