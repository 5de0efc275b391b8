/// Why a document is not JSON, and where.
package struct JSONByteReaderError: Error, Sendable, CustomStringConvertible {
    package let reason: String
    package let offset: Int

    package init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    package var description: String { "\(reason) at byte \(offset)" }
}

/// A strict RFC 8259 pull reader over bytes, for the few big documents read on hot paths (a
/// channel's record runs, PEP 691 project pages) where `Codable` and `JSONSerialization` build
/// far more than is kept. The caller walks the structure it expects and skips (still
/// validating) the rest. Numbers that overflow a Double are errors, as in `JSONSerialization`.
package struct JSONByteReader {
    package enum Number: Sendable, Equatable {
        /// An integer literal that fits.
        case integer(Int64)
        /// Anything else: a fraction, an exponent, or an integer too large for Int64.
        case double(Double)
    }

    /// Deeper nesting than any document read here has: refuse rather than recurse without bound.
    package static let maxDepth = 64

    private let base: UnsafePointer<UInt8>?
    private let count: Int
    private(set) package var offset = 0

    package init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        count = bytes.count
    }

    // MARK: - Structure

    /// The next non-space byte, not consumed.
    package mutating func peek() throws(JSONByteReaderError) -> UInt8 {
        skipSpace()
        guard offset < count, let base else { throw failure("truncated") }
        return base[offset]
    }

    /// Consumes `{` or `[`; false when the container is empty (its closing bracket consumed too).
    package mutating func open(_ bracket: UInt8) throws(JSONByteReaderError) -> Bool {
        try expect(bracket)
        let closing = bracket == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if try peek() == closing {
            offset += 1
            return false
        }
        return true
    }

    /// After a member or element: true after a comma (another follows), false at the closing bracket.
    package mutating func next(closing: UInt8) throws(JSONByteReaderError) -> Bool {
        let byte = try peek()
        offset += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == closing { return false }
        throw failure("expected ',' or '\(Character(Unicode.Scalar(closing)))'")
    }

    /// An object member's key and its colon.
    package mutating func key() throws(JSONByteReaderError) -> String {
        let name = try string()
        try expect(UInt8(ascii: ":"))
        return name
    }

    /// Only whitespace may follow the document.
    package mutating func end() throws(JSONByteReaderError) {
        skipSpace()
        guard offset == count else { throw failure("trailing bytes") }
    }

    // MARK: - Scalars

    package mutating func bool() throws(JSONByteReaderError) -> Bool {
        if try peek() == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    package mutating func null() throws(JSONByteReaderError) {
        try literal("null")
    }

    package mutating func number() throws(JSONByteReaderError) -> Number {
        _ = try peek()
        guard let base else { throw failure("truncated") }
        let start = offset
        if offset < count, base[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < count, isDigit(base[offset]) else { throw failure("invalid value") }
        if base[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            while offset < count, isDigit(base[offset]) { offset += 1 }
        }
        var integral = true
        if offset < count, base[offset] == UInt8(ascii: ".") {
            integral = false
            offset += 1
            guard offset < count, isDigit(base[offset]) else { throw failure("invalid number") }
            while offset < count, isDigit(base[offset]) { offset += 1 }
        }
        if offset < count, base[offset] == UInt8(ascii: "e") || base[offset] == UInt8(ascii: "E") {
            integral = false
            offset += 1
            if offset < count, base[offset] == UInt8(ascii: "+") || base[offset] == UInt8(ascii: "-") { offset += 1 }
            guard offset < count, isDigit(base[offset]) else { throw failure("invalid number") }
            while offset < count, isDigit(base[offset]) { offset += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: offset - start), as: UTF8.self)
        if integral, let exact = Int64(text) { return .integer(exact) }
        guard let double = Double(text), double.isFinite else { throw failure("number out of range") }
        return .double(double)
    }

    package mutating func string() throws(JSONByteReaderError) -> String {
        guard try peek() == UInt8(ascii: "\""), let base else { throw failure("expected a string") }
        offset += 1
        let start = offset
        while offset < count {
            let byte = base[offset]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(start: base + start, count: offset - start), as: UTF8.self)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw failure("control character in a string") }
            offset += 1
        }
        throw failure("unterminated string")
    }

    /// Validates the next value of any kind without building it.
    package mutating func skipValue(depth: Int = 0) throws(JSONByteReaderError) {
        guard depth < Self.maxDepth else { throw failure("nested too deeply") }
        switch try peek() {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            guard try open(UInt8(ascii: "{")) else { return }
            repeat {
                try skipString()
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
            } while try next(closing: UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            guard try open(UInt8(ascii: "[")) else { return }
            repeat {
                try skipValue(depth: depth + 1)
            } while try next(closing: UInt8(ascii: "]"))
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try bool()
        case UInt8(ascii: "n"):
            try null()
        default:
            _ = try number()
        }
    }

    // MARK: - Bytes

    private mutating func skipString() throws(JSONByteReaderError) {
        guard try peek() == UInt8(ascii: "\""), let base else { throw failure("expected a string") }
        let opening = offset
        offset += 1
        while offset < count {
            let byte = base[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                // Escapes are rare: decode the string properly from its opening quote.
                offset = opening
                _ = try string()
                return
            }
            guard byte >= 0x20 else { throw failure("control character in a string") }
            offset += 1
        }
        throw failure("unterminated string")
    }

    /// The slow path, from the byte after the opening quote: decodes escapes into UTF-8.
    private mutating func escapedString(from start: Int) throws(JSONByteReaderError) -> String {
        guard let base else { throw failure("truncated") }
        var out = Array(UnsafeBufferPointer(start: base + start, count: offset - start))
        while offset < count {
            let byte = base[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard offset < count else { throw failure("unterminated string") }
                let escape = base[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard offset + 1 < count, base[offset] == UInt8(ascii: "\\"), base[offset + 1] == UInt8(ascii: "u") else {
                            throw failure("unpaired surrogate")
                        }
                        offset += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw failure("unpaired surrogate")
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw failure("invalid escape") }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    throw failure("invalid escape")
                }
            default:
                guard byte >= 0x20 else { throw failure("control character in a string") }
                out.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func hex4() throws(JSONByteReaderError) -> UInt32 {
        guard offset + 4 <= count, let base else { throw failure("truncated escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = base[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid escape")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    private mutating func literal(_ word: StaticString) throws(JSONByteReaderError) {
        let length = word.utf8CodeUnitCount
        guard offset + length <= count, let base else { throw failure("truncated literal") }
        for index in 0..<length where base[offset + index] != word.utf8Start[index] {
            throw failure("invalid literal")
        }
        offset += length
    }

    private mutating func expect(_ byte: UInt8) throws(JSONByteReaderError) {
        guard try peek() == byte else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
        offset += 1
    }

    private mutating func skipSpace() {
        guard let base else { return }
        while offset < count {
            switch base[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func failure(_ reason: String) -> JSONByteReaderError {
        JSONByteReaderError(reason: reason, offset: offset)
    }
}
