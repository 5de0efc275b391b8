/// A PEP 440 version, parsed, normalized and ordered exactly as `packaging.version.Version` (26.x).
///
/// Accepts everything packaging accepts: a leading `v`, any letter case, `.`/`-`/`_` separators,
/// alternate spellings (`alpha`, `beta`, `c`, `pre`, `preview`, `rev`, `r`), implicit numbers
/// (`1.0a` is `1.0a0`), the implicit post release (`1.0-1`), local labels (`1.0+ubuntu.1`) and
/// surrounding Unicode whitespace.
///
/// Two versions are equal when packaging says so (`1.0 == 1.0.0`, `1.0+ABC.01 == 1.0+abc.1`);
/// `description` is the normalized spelling, `str(Version(s))`.
///
/// Limit: packaging allows integers of any size; this type keeps every number except the digits
/// of a local label in an `Int`, and rejects a version with a larger number
/// (`VersionError.Reason.numberTooLarge`) rather than saturating it, so that two different versions
/// never compare equal. Numeric local segments are compared exactly at any length.
package struct Version: Sendable {
    // The fields are laid out so that ordering is a few integer comparisons for the versions that
    // occur in practice (at most four release components, no local label).
    @usableFromInline let epochValue: Int
    @usableFromInline let r0: Int
    @usableFromInline let r1: Int
    @usableFromInline let r2: Int
    @usableFromInline let r3: Int
    /// packaging's sort rank of the pre-release part: -1 dev-only, 0 a, 1 b, 2 rc, 3 none.
    @usableFromInline let preRank: Int8
    @usableFromInline let releaseCount: Int32
    @usableFromInline let preNumber: Int
    /// 0 = no post release, n + 1 = `.postn`.
    @usableFromInline let postKey: UInt64
    /// `UInt64.max` = no dev release, n = `.devn` (sorts before "none").
    @usableFromInline let devKey: UInt64
    /// Release components past the fourth and the local label; nil for most versions.
    @usableFromInline let extra: VersionExtra?

    // MARK: - Parsing

    /// Parses a version string the way `packaging.version.Version(string)` does.
    package init(_ string: String) throws(VersionError) {
        switch Version.parseOutcome(string) {
        case .parsed(let version): self = version
        case .rejected(let reason): throw VersionError(input: string, reason: reason)
        }
    }

    /// Parses a version string, or returns nil where packaging raises `InvalidVersion` (or where
    /// a number exceeds `Int.max`).
    package static func parse(_ string: String) -> Version? {
        if case .parsed(let version) = parseOutcome(string) { return version }
        return nil
    }

    enum ParseOutcome {
        case parsed(Version)
        case rejected(VersionError.Reason)
    }

    static func parseOutcome(_ string: String) -> ParseOutcome {
        var text = string
        return text.withUTF8 { buffer -> ParseOutcome in
            let (start, end) = UTF8Whitespace.trim(buffer, 0, buffer.count)
            guard let scanned = VersionScanner.scan(buffer, from: start, to: end, grammar: .version),
                  scanned.end == end
            else { return .rejected(.invalidSyntax) }
            if scanned.overflowed { return .rejected(.numberTooLarge) }
            return .parsed(Version(scanned: scanned, bytes: buffer))
        }
    }

    init(scanned: ScannedVersion, bytes: UnsafeBufferPointer<UInt8>) {
        var local: String?
        if scanned.localStart >= 0 {
            local = VersionExtra.normalizeLocal(bytes, scanned.localStart, scanned.localEnd)
        }
        self.init(
            epoch: scanned.epoch,
            r0: scanned.r0, r1: scanned.r1, r2: scanned.r2, r3: scanned.r3,
            releaseCount: scanned.releaseCount, releaseTail: scanned.releaseTail,
            preLetter: scanned.preLetter, preNumber: scanned.preNumber,
            post: scanned.post, dev: scanned.dev, local: local)
    }

    /// Builds a version from its parts; `preLetter` 0/1/2 = a/b/rc, -1 none; `post`/`dev` -1 none.
    init(
        epoch: Int, r0: Int, r1: Int, r2: Int, r3: Int, releaseCount: Int, releaseTail: [Int],
        preLetter: Int8, preNumber: Int, post: Int, dev: Int, local: String?
    ) {
        epochValue = epoch
        self.r0 = r0
        self.r1 = releaseCount > 1 ? r1 : 0
        self.r2 = releaseCount > 2 ? r2 : 0
        self.r3 = releaseCount > 3 ? r3 : 0
        self.releaseCount = Int32(clamping: releaseCount)
        if preLetter >= 0 {
            preRank = preLetter
            self.preNumber = preNumber
        } else {
            // packaging's _cmpkey: a dev release without pre or post sorts before every a/b/rc.
            preRank = (post < 0 && dev >= 0) ? -1 : 3
            self.preNumber = 0
        }
        postKey = post < 0 ? 0 : UInt64(post) + 1
        devKey = dev < 0 ? UInt64.max : UInt64(dev)
        extra = (releaseTail.isEmpty && local == nil) ? nil : VersionExtra(releaseTail: releaseTail, local: local)
    }

    /// Builds a version from its parts (release must not be empty).
    init(epoch: Int, release: [Int], preLetter: Int8 = -1, preNumber: Int = 0, post: Int = -1, dev: Int = -1,
         local: String? = nil) {
        let count = release.count
        self.init(
            epoch: epoch,
            r0: count > 0 ? release[0] : 0, r1: count > 1 ? release[1] : 0,
            r2: count > 2 ? release[2] : 0, r3: count > 3 ? release[3] : 0,
            releaseCount: max(count, 1), releaseTail: count > 4 ? Array(release[4...]) : [],
            preLetter: preLetter, preNumber: preNumber, post: post, dev: dev, local: local)
    }

    // MARK: - Parts

    /// The epoch (`1` in `1!2.0`), 0 when absent.
    package var epoch: Int { epochValue }

    /// The release components, trailing zeros included (`[1, 0, 0]` for `1.0.0`).
    package var release: [Int] {
        var result = [r0]
        result.reserveCapacity(Int(releaseCount))
        if releaseCount > 1 { result.append(r1) }
        if releaseCount > 2 { result.append(r2) }
        if releaseCount > 3 { result.append(r3) }
        if let tail = extra?.releaseTail { result.append(contentsOf: tail) }
        return result
    }

    /// The pre-release letter (`a`, `b` or `rc`) and number, or nil.
    package var pre: (letter: String, number: Int)? {
        guard preRank >= 0 && preRank <= 2 else { return nil }
        return (Version.preLetters[Int(preRank)], preNumber)
    }

    /// The post-release number, or nil.
    package var post: Int? { postKey == 0 ? nil : Int(postKey - 1) }

    /// The dev-release number, or nil.
    package var dev: Int? { devKey == UInt64.max ? nil : Int(devKey) }

    /// The normalized local label (`ubuntu.1` for `+Ubuntu-01`), or nil.
    package var local: String? { extra?.local }

    /// A pre-release or a dev release (packaging's `is_prerelease`).
    package var isPrerelease: Bool { devKey != UInt64.max || (preRank >= 0 && preRank <= 2) }

    /// Has a post-release segment.
    package var isPostrelease: Bool { postKey != 0 }

    /// Has a dev-release segment.
    package var isDevrelease: Bool { devKey != UInt64.max }

    /// The normalized version without its local label.
    package var publicVersion: String { format(includeSuffixes: true, includeLocal: false) }

    /// The epoch and release only (`1!1.2.3` for `1!1.2.3rc1.post2+abc`).
    package var baseVersion: String { format(includeSuffixes: false, includeLocal: false) }

    /// First, second and third release components, 0 when absent.
    package var major: Int { r0 }
    package var minor: Int { r1 }
    package var micro: Int { r2 }

    static let preLetters = ["a", "b", "rc"]

    var preLetterCode: Int8 { (preRank >= 0 && preRank <= 2) ? preRank : -1 }

    /// The release with trailing zeros removed (packaging's `_trim_release`), at least one component.
    var trimmedRelease: [Int] {
        var components = release
        while components.count > 1, components.last == 0 { components.removeLast() }
        return components
    }

    func format(includeSuffixes: Bool, includeLocal: Bool) -> String {
        var text = ""
        if epochValue != 0 {
            text += String(epochValue)
            text += "!"
        }
        text += String(r0)
        if releaseCount > 1 { text += "."; text += String(r1) }
        if releaseCount > 2 { text += "."; text += String(r2) }
        if releaseCount > 3 { text += "."; text += String(r3) }
        if let tail = extra?.releaseTail {
            for component in tail {
                text += "."
                text += String(component)
            }
        }
        if includeSuffixes {
            if let pre {
                text += pre.letter
                text += String(pre.number)
            }
            if let post {
                text += ".post"
                text += String(post)
            }
            if let dev {
                text += ".dev"
                text += String(dev)
            }
        }
        if includeLocal, let local = extra?.local {
            text += "+"
            text += local
        }
        return text
    }
}

/// The rarely used parts of a version, kept out of line so that common versions stay small.
@usableFromInline
final class VersionExtra: Sendable {
    /// Release components after the fourth.
    let releaseTail: [Int]
    /// Normalized local label: lowercase, `.`-separated, numbers without leading zeros.
    let local: String?

    init(releaseTail: [Int], local: String?) {
        self.releaseTail = releaseTail
        self.local = local
    }

    /// Normalizes a raw local label the way packaging's `_parse_local_version` + `str` do.
    static func normalizeLocal(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var segmentStart = start
        while segmentStart < end {
            var segmentEnd = segmentStart
            var allDigits = true
            while segmentEnd < end {
                let b = bytes[segmentEnd]
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") { break }
                if b &- 0x30 >= 10 { allDigits = false }
                segmentEnd += 1
            }
            if !out.isEmpty { out.append(UInt8(ascii: ".")) }
            if allDigits {
                var i = segmentStart
                while i < segmentEnd - 1, bytes[i] == UInt8(ascii: "0") { i += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<segmentEnd]))
            } else {
                for i in segmentStart..<segmentEnd {
                    let b = bytes[i]
                    out.append(b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b)
                }
            }
            segmentStart = segmentEnd + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Orders two normalized local labels as packaging does: segment by segment, strings before
    /// numbers, numbers numerically, strings by code point, a shorter prefix first.
    static func compareLocal(_ a: String, _ b: String) -> Int {
        var ia = a.utf8.makeIterator()
        var ib = b.utf8.makeIterator()
        var sa: [UInt8] = [], sb: [UInt8] = []
        while true {
            let moreA = nextSegment(&ia, into: &sa)
            let moreB = nextSegment(&ib, into: &sb)
            if !moreA || !moreB {
                if moreA == moreB { return 0 }
                return moreA ? 1 : -1
            }
            let numA = sa.allSatisfy { $0 &- 0x30 < 10 }
            let numB = sb.allSatisfy { $0 &- 0x30 < 10 }
            if numA != numB { return numA ? 1 : -1 }
            if numA, sa.count != sb.count { return sa.count < sb.count ? -1 : 1 }
            if sa != sb { return sa.lexicographicallyPrecedes(sb) ? -1 : 1 }
        }
    }

    private static func nextSegment(_ iterator: inout String.UTF8View.Iterator, into segment: inout [UInt8]) -> Bool {
        segment.removeAll(keepingCapacity: true)
        var sawAny = false
        while let byte = iterator.next() {
            sawAny = true
            if byte == UInt8(ascii: ".") { return true }
            segment.append(byte)
        }
        return sawAny
    }
}

extension Version: Comparable {
    /// Three-way comparison in packaging's order; `ignoringLocal` compares only the public parts.
    @usableFromInline
    static func compare(_ a: Version, _ b: Version, ignoringLocal: Bool = false) -> Int {
        if a.epochValue != b.epochValue { return a.epochValue < b.epochValue ? -1 : 1 }
        if a.r0 != b.r0 { return a.r0 < b.r0 ? -1 : 1 }
        if a.r1 != b.r1 { return a.r1 < b.r1 ? -1 : 1 }
        if a.r2 != b.r2 { return a.r2 < b.r2 ? -1 : 1 }
        if a.r3 != b.r3 { return a.r3 < b.r3 ? -1 : 1 }
        if a.extra != nil || b.extra != nil {
            let c = compareReleaseTails(a.extra?.releaseTail ?? [], b.extra?.releaseTail ?? [])
            if c != 0 { return c }
        }
        if a.preRank != b.preRank { return a.preRank < b.preRank ? -1 : 1 }
        if a.preNumber != b.preNumber { return a.preNumber < b.preNumber ? -1 : 1 }
        if a.postKey != b.postKey { return a.postKey < b.postKey ? -1 : 1 }
        if a.devKey != b.devKey { return a.devKey < b.devKey ? -1 : 1 }
        if ignoringLocal { return 0 }
        switch (a.extra?.local, b.extra?.local) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (la?, lb?): return VersionExtra.compareLocal(la, lb)
        }
    }

    static func compareReleaseTails(_ a: [Int], _ b: [Int]) -> Int {
        let count = Swift.max(a.count, b.count)
        for i in 0..<count {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    @inlinable
    package static func < (a: Version, b: Version) -> Bool {
        // The common case, decided by the inline fields alone.
        if a.epochValue != b.epochValue { return a.epochValue < b.epochValue }
        if a.r0 != b.r0 { return a.r0 < b.r0 }
        if a.r1 != b.r1 { return a.r1 < b.r1 }
        if a.r2 != b.r2 { return a.r2 < b.r2 }
        if a.r3 != b.r3 { return a.r3 < b.r3 }
        if a.extra == nil && b.extra == nil {
            if a.preRank != b.preRank { return a.preRank < b.preRank }
            if a.preNumber != b.preNumber { return a.preNumber < b.preNumber }
            if a.postKey != b.postKey { return a.postKey < b.postKey }
            return a.devKey < b.devKey
        }
        return compare(a, b) < 0
    }

    @inlinable
    package static func == (a: Version, b: Version) -> Bool {
        if a.extra == nil && b.extra == nil {
            return a.epochValue == b.epochValue && a.r0 == b.r0 && a.r1 == b.r1 && a.r2 == b.r2 && a.r3 == b.r3
                && a.preRank == b.preRank && a.preNumber == b.preNumber && a.postKey == b.postKey
                && a.devKey == b.devKey
        }
        return compare(a, b) == 0
    }
}

extension Version: Hashable {
    package func hash(into hasher: inout Hasher) {
        hasher.combine(epochValue)
        // Equal versions differ only in trailing zeros, which must not reach the hasher: the
        // inline components are zero-padded already, the tail is trimmed here.
        hasher.combine(r0)
        hasher.combine(r1)
        hasher.combine(r2)
        hasher.combine(r3)
        if var tail = extra?.releaseTail {
            while tail.last == 0 { tail.removeLast() }
            for component in tail { hasher.combine(component) }
        }
        hasher.combine(preRank)
        hasher.combine(preNumber)
        hasher.combine(postKey)
        hasher.combine(devKey)
        hasher.combine(extra?.local)
    }
}

extension Version: CustomStringConvertible {
    /// The normalized version, exactly `str(packaging.version.Version(s))`.
    package var description: String { format(includeSuffixes: true, includeLocal: true) }
}

extension Version: CustomDebugStringConvertible {
    package var debugDescription: String { "Version(\"\(description)\")" }
}

/// Why a version string was rejected.
package struct VersionError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: Sendable, Equatable {
        /// Not PEP 440 syntax; packaging raises `InvalidVersion` too.
        case invalidSyntax
        /// Valid syntax, but a number exceeds `Int.max`; packaging would accept it.
        case numberTooLarge
    }

    /// The rejected text.
    package let input: String
    package let reason: Reason

    package var description: String {
        switch reason {
        case .invalidSyntax: return "Invalid version: \(PythonRepr.string(input))"
        case .numberTooLarge: return "Invalid version: \(PythonRepr.string(input)) (a number is larger than \(Int.max))"
        }
    }
}
