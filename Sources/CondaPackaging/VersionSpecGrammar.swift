/// Recognisers for the shapes of version constraints, shared by ``VersionSpec`` parsing and
/// by the MatchSpec splitter that finds where the version part ends and the build begins.
///
/// They only find extents (byte offsets into ASCII-significant UTF-8); the meaning is given
/// later by ``VersionSpecParser``. Each answers `.matched(end)`, `.noMatch` (another
/// alternative may be tried) or `.invalid` (the input cannot be a constraint at all).
struct VersionSpecGrammar {
    enum Outcome: Equatable {
        case matched(Int)
        case noMatch
        case invalid
    }

    let bytes: [UInt8]

    func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Skips ASCII space, tab, CR and LF.
    func skipSpace(_ index: Int) -> Int {
        var i = index
        while let b = byte(i), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1 }
        return i
    }

    /// An operator (`==`, `!=`, `=`, `>=`, `>`, `<=`, `<`, `~=`), returning its end.
    func operatorEnd(_ index: Int) -> Int? {
        guard let first = byte(index) else { return nil }
        let second = byte(index + 1)
        switch first {
        case UInt8(ascii: "="): return second == UInt8(ascii: "=") ? index + 2 : index + 1
        case UInt8(ascii: "!"): return second == UInt8(ascii: "=") ? index + 2 : nil
        case UInt8(ascii: ">"), UInt8(ascii: "<"): return second == UInt8(ascii: "=") ? index + 2 : index + 1
        case UInt8(ascii: "~"): return second == UInt8(ascii: "=") ? index + 2 : nil
        default: return nil
        }
    }

    /// One version component for recognition: letters, digits, or (when allowed) `*`.
    private func componentEnd(_ index: Int, allowGlob: Bool) -> Int? {
        guard let first = byte(index) else { return nil }
        if CondaVersionParser.isLetter(first) {
            var i = index + 1
            while let b = byte(i), CondaVersionParser.isLetter(b) { i += 1 }
            return i
        }
        if CondaVersionParser.isDigit(first) {
            var i = index + 1
            while let b = byte(i), CondaVersionParser.isDigit(b) { i += 1 }
            return i
        }
        if allowGlob, first == UInt8(ascii: "*") { return index + 1 }
        return nil
    }

    /// Components joined by any run of `.`, `-`, `_`, then any trailing `-`/`_` (the
    /// openssl-style `1.0.1_`).
    private func componentsEnd(_ index: Int, allowGlob: Bool) -> Int? {
        guard var end = componentEnd(index, allowGlob: allowGlob) else { return nil }
        while true {
            var next = end
            while let b = byte(next), CondaVersionParser.isSeparator(b) { next += 1 }
            guard let after = componentEnd(next, allowGlob: allowGlob) else { break }
            end = after
        }
        while let b = byte(end), b == UInt8(ascii: "-") || b == UInt8(ascii: "_") { end += 1 }
        return end
    }

    /// `[epoch!]components[+components]`; a `+` without components is invalid.
    func version(_ index: Int, allowGlob: Bool) -> Outcome {
        var start = index
        // The recogniser's epoch must fit in 32 bits; otherwise the digits are read as a
        // component and the `!` ends the version.
        var digitsEnd = index
        var value: UInt64 = 0
        var fits = true
        while let b = byte(digitsEnd), CondaVersionParser.isDigit(b) {
            value = value &* 10 &+ UInt64(b - UInt8(ascii: "0"))
            if value > UInt64(UInt32.max) { fits = false }
            digitsEnd += 1
        }
        if digitsEnd > index, fits, byte(digitsEnd) == UInt8(ascii: "!") { start = digitsEnd + 1 }
        guard var end = componentsEnd(start, allowGlob: allowGlob) else { return .noMatch }
        if byte(end) == UInt8(ascii: "+") {
            guard let local = componentsEnd(end + 1, allowGlob: allowGlob) else { return .invalid }
            end = local
        }
        return .matched(end)
    }

    /// A version followed by any run of `.` and `*`, or a lone `*`.
    private func versionWithStar(_ index: Int) -> Outcome {
        switch version(index, allowGlob: true) {
        case .matched(var end):
            while let b = byte(end), b == UInt8(ascii: ".") || b == UInt8(ascii: "*") { end += 1 }
            return .matched(end)
        case .invalid:
            return .invalid
        case .noMatch:
            return byte(index) == UInt8(ascii: "*") ? .matched(index + 1) : .noMatch
        }
    }

    /// One constraint: `*`, `*.*`, or `[space][operator][space]version-with-glob`.
    func constraint(_ index: Int) -> Outcome {
        if byte(index) == UInt8(ascii: "*") {
            if byte(index + 1) == UInt8(ascii: "."), byte(index + 2) == UInt8(ascii: "*") { return .matched(index + 3) }
            return .matched(index + 1)
        }
        var start = index
        if let opEnd = operatorEnd(skipSpace(index)) { start = skipSpace(opEnd) }
        switch versionWithStar(start) {
        case .matched(let end): return .matched(end)
        case .noMatch, .invalid: return .invalid
        }
    }

    /// MatchSpec lenient special case: `=1.2`, `=1.2*`, `=1.2.*`, `=*`.
    func specialEquality(_ index: Int) -> Outcome {
        guard byte(index) == UInt8(ascii: "=") else { return .noMatch }
        switch version(index + 1, allowGlob: true) {
        case .matched(let end):
            if byte(end) == UInt8(ascii: "*") { return .matched(end + 1) }
            if byte(end) == UInt8(ascii: "."), byte(end + 1) == UInt8(ascii: "*") { return .matched(end + 2) }
            return .matched(end)
        case .invalid:
            return .invalid
        case .noMatch:
            return byte(index + 1) == UInt8(ascii: "*") ? .matched(index + 2) : .noMatch
        }
    }

    /// The version part at the start of a MatchSpec remainder (lenient): constraints or
    /// parenthesised groups joined by `,`/`|` (with optional spaces), then one optional
    /// space or `=` before the build string. Returns the end of the version part and where
    /// the build string starts, or nil when the text is not a version part.
    func matchSpecVersionPart() -> (versionEnd: Int, buildStart: Int)? {
        guard case .matched(let end) = versionGroup(0, depth: 0) else { return nil }
        if let b = byte(end), b == 0x20 || b == UInt8(ascii: "=") { return (end, end + 1) }
        return (end, end)
    }

    private func versionGroup(_ index: Int, depth: Int) -> Outcome {
        guard depth <= VersionSpecParser.maxNestingDepth else { return .invalid }
        guard case .matched(var end) = groupElement(index, depth: depth) else { return .invalid }
        while true {
            let separator = skipSpace(end)
            guard let b = byte(separator), b == UInt8(ascii: ",") || b == UInt8(ascii: "|") else { break }
            guard case .matched(let next) = groupElement(skipSpace(separator + 1), depth: depth) else { return .invalid }
            end = next
        }
        return .matched(end)
    }

    private func groupElement(_ index: Int, depth: Int) -> Outcome {
        if byte(index) == UInt8(ascii: "(") {
            guard case .matched(let end) = versionGroup(index + 1, depth: depth + 1), byte(end) == UInt8(ascii: ")") else {
                return .invalid
            }
            return .matched(end + 1)
        }
        switch specialEquality(index) {
        case .matched(let end): return .matched(end)
        case .invalid: return .invalid
        case .noMatch: return constraint(index)
        }
    }
}
