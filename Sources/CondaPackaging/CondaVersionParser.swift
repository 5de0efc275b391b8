/// Why a conda version string was rejected.
package struct CondaVersionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of malformed version string.
    package enum Kind: Error, Sendable, Equatable {
        case empty
        case epochNotANumber
        case numberTooLarge
        case expectedComponent
        case mixedDashesAndUnderscores
        case tooManySegments
        case tooManyComponentsInSegment
        case unexpectedCharacters
    }

    /// The string that failed to parse.
    package let input: String
    /// What was wrong with it.
    package let kind: Kind

    package var description: String {
        let reason: String
        switch kind {
        case .empty: reason = "empty string"
        case .epochNotANumber: reason = "epoch is not a number"
        case .numberTooLarge: reason = "a number does not fit in 64 bits"
        case .expectedComponent: reason = "expected a version component e.g. `2` or `rc`"
        case .mixedDashesAndUnderscores:
            reason = "cannot use both underscores and dashes as version segment separators"
        case .tooManySegments: reason = "the version string contains too many version segments"
        case .tooManyComponentsInSegment: reason = "there are too many components in a single segment"
        case .unexpectedCharacters: reason = "encountered more characters but expected none"
        }
        return "malformed version string '\(input)': \(reason)"
    }
}

/// Parses the grammar of conda (and rattler) version strings:
/// `[epoch!]segment([.-_]segment)*[+segment([.-_]segment)*]`, where a segment is a run of
/// number / letter components. Works on UTF-8 bytes: every token is ASCII, so any other
/// byte simply ends the version.
struct CondaVersionParser {
    // The reference stores these counts in bit fields; keep its limits so that what it
    // rejects is rejected here too.
    static let maxComponentsPerSegment = 8191
    static let maxSegmentsBeforeLocal = 127

    private let bytes: [UInt8]
    private var segments: [CondaVersionSegment] = []
    private var kindOnFailure: CondaVersionError.Kind = .unexpectedCharacters

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    struct Prefix {
        var epoch: UInt64?
        var segments: [CondaVersionSegment]
        var localSegments: [CondaVersionSegment]
        /// Number of bytes consumed.
        var end: Int
    }

    /// Parses as much of `bytes` as forms a version; the caller decides what the rest means.
    static func parsePrefix(_ bytes: [UInt8]) throws(CondaVersionError.Kind) -> Prefix {
        var parser = CondaVersionParser(bytes: bytes)
        return try parser.run()
    }

    /// Parses the whole string.
    static func parse(_ text: String) throws(CondaVersionError) -> Prefix {
        let bytes = Array(text.utf8)
        let prefix: Prefix
        do {
            prefix = try parsePrefix(bytes)
        } catch {
            throw CondaVersionError(input: text, kind: error)
        }
        if prefix.end != bytes.count {
            throw CondaVersionError(input: text, kind: .unexpectedCharacters)
        }
        return prefix
    }

    private mutating func run() throws(CondaVersionError.Kind) -> Prefix {
        if bytes.isEmpty { throw .empty }
        var position = 0
        var epoch: UInt64?
        // An epoch is digits followed by `!`; digits without `!` are the first segment.
        let digitsEnd = scanDigits(from: 0)
        if digitsEnd > 0, digitsEnd < bytes.count, bytes[digitsEnd] == UInt8(ascii: "!") {
            guard let value = Self.number(bytes[0..<digitsEnd]) else { throw .epochNotANumber }
            epoch = value
            position = digitsEnd + 1
        }
        var separatorStyle: UInt8?
        (position, separatorStyle) = try versionPart(from: position, separatorStyle: nil)
        let common = segments
        var local: [CondaVersionSegment] = []
        if position < bytes.count, bytes[position] == UInt8(ascii: "+") {
            if segments.count > Self.maxSegmentsBeforeLocal { throw .tooManySegments }
            segments = []
            (position, _) = try versionPart(from: position + 1, separatorStyle: separatorStyle)
            local = segments
        }
        return Prefix(epoch: epoch, segments: common, localSegments: local, end: position)
    }

    /// Parses segments separated by `.`, `-` or `_`. `separatorStyle` remembers whether `-`
    /// or `_` was used so far: a version may not use both.
    private mutating func versionPart(
        from start: Int, separatorStyle initialStyle: UInt8?
    ) throws(CondaVersionError.Kind) -> (Int, UInt8?) {
        var style = initialStyle
        guard let first = try segment(from: start, separator: nil) else { throw .expectedComponent }
        segments.append(first.segment)
        var position = first.end
        while position < bytes.count {
            let separator = bytes[position]
            guard Self.isSeparator(separator) else { break }
            let afterSeparator = position + 1
            if separator != UInt8(ascii: ".") {
                if let style, style != separator { throw .mixedDashesAndUnderscores }
                style = separator
            }
            if let next = try segment(from: afterSeparator, separator: Character(UnicodeScalar(separator))) {
                segments.append(next.segment)
                position = next.end
                continue
            }
            // No component after the separator: a trailing `_`/`-` (openssl style) is kept
            // as a component, anything else ends the version before the separator.
            if afterSeparator < bytes.count,
               bytes[afterSeparator] == UInt8(ascii: "-") || bytes[afterSeparator] == UInt8(ascii: "_") {
                let trailing = bytes[afterSeparator]
                if let style, style != trailing { throw .mixedDashesAndUnderscores }
                segments.append(CondaVersionSegment(
                    components: [.padding, .trailingSeparator(isDash: trailing == UInt8(ascii: "-"))],
                    hasImplicitZero: true,
                    separator: Character(UnicodeScalar(separator))))
                return (afterSeparator + 1, style ?? trailing)
            }
            if separator != UInt8(ascii: ".") {
                let last = segments.removeLast()
                if last.components.count - (last.hasImplicitZero ? 1 : 0) + 1 > Self.maxComponentsPerSegment {
                    throw .tooManyComponentsInSegment
                }
                segments.append(CondaVersionSegment(
                    components: last.components + [.trailingSeparator(isDash: separator == UInt8(ascii: "-"))],
                    hasImplicitZero: last.hasImplicitZero,
                    separator: last.separator))
                return (afterSeparator, style)
            }
            return (position, style)
        }
        return (position, style)
    }

    /// Parses one segment, or returns nil when no component starts at `start`.
    private func segment(
        from start: Int, separator: Character?
    ) throws(CondaVersionError.Kind) -> (segment: CondaVersionSegment, end: Int)? {
        guard let (first, firstEnd) = try component(from: start) else { return nil }
        var components: [CondaVersionComponent] = []
        let implicitZero = !first.isNumber
        if implicitZero { components.append(.padding) }
        components.append(first)
        var written = 1
        var position = firstEnd
        while let (next, end) = try component(from: position) {
            components.append(next)
            written += 1
            if written > Self.maxComponentsPerSegment { throw .tooManyComponentsInSegment }
            position = end
        }
        return (CondaVersionSegment(components: components, hasImplicitZero: implicitZero, separator: separator), position)
    }

    /// Parses one component: a number or a run of letters (`dev`/`post` in any case are special).
    private func component(from start: Int) throws(CondaVersionError.Kind) -> (CondaVersionComponent, Int)? {
        guard start < bytes.count else { return nil }
        let byte = bytes[start]
        if Self.isDigit(byte) {
            let end = scanDigits(from: start)
            guard let value = Self.number(bytes[start..<end]) else { throw .numberTooLarge }
            return (.number(value), end)
        }
        guard Self.isLetter(byte) else { return nil }
        var end = start
        while end < bytes.count, Self.isLetter(bytes[end]) { end += 1 }
        // A whole letter run is one word; only the words `dev` and `post` are special
        // (`develop` and `postfix` are ordinary words, as in rattler 0.28).
        let lowered = String(decoding: bytes[start..<end].map { $0 | 0x20 }, as: UTF8.self)
        switch lowered {
        case "dev": return (.dev, end)
        case "post": return (.post, end)
        default: return (.identifier(lowered), end)
        }
    }

    private func scanDigits(from start: Int) -> Int {
        var end = start
        while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
        return end
    }

    static func number(_ digits: ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for digit in digits {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
