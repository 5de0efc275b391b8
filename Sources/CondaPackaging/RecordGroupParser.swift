extension PackageRecord {
    /// The records of a JSON object `{"FILENAME": RECORD, …}` (one name's run of a repodata
    /// section), read straight from its bytes with the same field rules as `Decodable`. An entry
    /// that is not a record (not an object, no string `name`) is skipped; input that is not JSON
    /// throws.
    ///
    /// A warm lookup reads a name's records on every run; going through `JSONSerialization` and
    /// `Any` casts was a fifth of a warm `exists` for a name with thousands of records.
    public static func records(fromGroup bytes: UnsafeRawBufferPointer) throws(RepodataError) -> [PackageRecord] {
        var parser = RecordGroupParser(bytes)
        return try parser.group()
    }
}

/// A strict JSON reader over one record group. Fields `PackageRecord` does not read are
/// validated and skipped without building values.
private struct RecordGroupParser {
    /// The fields `PackageRecord.init(fileName:object:)` looks at.
    private static let fields: Set<String> = [
        "name", "version", "build", "build_number", "subdir", "depends", "constrains", "noarch", "timestamp",
        "md5", "sha256", "size", "license", "license_family", "features", "track_features", "platform", "arch", "flags",
    ]
    /// Deeper nesting than any repodata has: refuse rather than recurse without bound.
    private static let maxDepth = 64

    private let base: UnsafePointer<UInt8>?
    private let count: Int
    private var at = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        count = bytes.count
    }

    mutating func group() throws(RepodataError) -> [PackageRecord] {
        var records: [PackageRecord] = []
        try expect(UInt8(ascii: "{"))
        if try peekAfterSpace() == UInt8(ascii: "}") {
            at += 1
        } else {
            while true {
                let fileName = try string()
                try expect(UInt8(ascii: ":"))
                if try peekAfterSpace() == UInt8(ascii: "{") {
                    let fields = try recordFields()
                    if let record = try? PackageRecord(fileName: fileName, object: fields) { records.append(record) }
                } else {
                    try skipValue(depth: 1)
                }
                if try separator(closing: UInt8(ascii: "}")) { break }
            }
        }
        skipSpace()
        guard at == count else { throw failure("trailing bytes") }
        return records
    }

    // MARK: - Values

    private mutating func recordFields() throws(RepodataError) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        try expect(UInt8(ascii: "{"))
        if try peekAfterSpace() == UInt8(ascii: "}") {
            at += 1
            return fields
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            if Self.fields.contains(key) {
                fields[key] = try value(depth: 2)
            } else {
                try skipValue(depth: 2)
            }
            if try separator(closing: UInt8(ascii: "}")) { return fields }
        }
    }

    private mutating func value(depth: Int) throws(RepodataError) -> JSONValue {
        guard depth < Self.maxDepth else { throw failure("nested too deeply") }
        switch try peekAfterSpace() {
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "["):
            at += 1
            var items: [JSONValue] = []
            if try peekAfterSpace() == UInt8(ascii: "]") {
                at += 1
                return .array(items)
            }
            while true {
                items.append(try value(depth: depth + 1))
                if try separator(closing: UInt8(ascii: "]")) { return .array(items) }
            }
        case UInt8(ascii: "{"):
            at += 1
            var object: [String: JSONValue] = [:]
            if try peekAfterSpace() == UInt8(ascii: "}") {
                at += 1
                return .object(object)
            }
            while true {
                let key = try string()
                try expect(UInt8(ascii: ":"))
                object[key] = try value(depth: depth + 1)
                if try separator(closing: UInt8(ascii: "}")) { return .object(object) }
            }
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            return try number()
        }
    }

    /// Validates a value without building it.
    private mutating func skipValue(depth: Int) throws(RepodataError) {
        switch try peekAfterSpace() {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            _ = try value(depth: depth)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            _ = try value(depth: depth)
        default:
            _ = try number()
        }
    }

    /// After a member: true at the closing bracket, false after a comma; anything else is an error.
    private mutating func separator(closing: UInt8) throws(RepodataError) -> Bool {
        let byte = try peekAfterSpace()
        at += 1
        if byte == closing { return true }
        if byte == UInt8(ascii: ",") { return false }
        throw failure("expected ',' or '\(Character(Unicode.Scalar(closing)))'")
    }

    private mutating func literal(_ word: StaticString) throws(RepodataError) {
        let length = word.utf8CodeUnitCount
        guard at + length <= count, let base else { throw failure("truncated literal") }
        for index in 0..<length where base[at + index] != word.utf8Start[index] {
            throw failure("invalid literal")
        }
        at += length
    }

    /// RFC 8259 numbers: an integer that fits is exact, anything else is a Double.
    private mutating func number() throws(RepodataError) -> JSONValue {
        guard let base else { throw failure("truncated") }
        let start = at
        if at < count, base[at] == UInt8(ascii: "-") { at += 1 }
        guard at < count, isDigit(base[at]) else { throw failure("invalid value") }
        if base[at] == UInt8(ascii: "0") {
            at += 1
        } else {
            while at < count, isDigit(base[at]) { at += 1 }
        }
        var integral = true
        if at < count, base[at] == UInt8(ascii: ".") {
            integral = false
            at += 1
            guard at < count, isDigit(base[at]) else { throw failure("invalid number") }
            while at < count, isDigit(base[at]) { at += 1 }
        }
        if at < count, base[at] == UInt8(ascii: "e") || base[at] == UInt8(ascii: "E") {
            integral = false
            at += 1
            if at < count, base[at] == UInt8(ascii: "+") || base[at] == UInt8(ascii: "-") { at += 1 }
            guard at < count, isDigit(base[at]) else { throw failure("invalid number") }
            while at < count, isDigit(base[at]) { at += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: at - start), as: UTF8.self)
        if integral, let exact = Int64(text) { return .integer(exact) }
        // Like JSONSerialization, a number that overflows a Double is an error, not infinity.
        guard let double = Double(text), double.isFinite else { throw failure("number out of range") }
        return .number(double)
    }

    // MARK: - Strings

    private mutating func string() throws(RepodataError) -> String {
        guard try peekAfterSpace() == UInt8(ascii: "\""), let base else { throw failure("expected a string") }
        at += 1
        let start = at
        while at < count {
            let byte = base[at]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(start: base + start, count: at - start), as: UTF8.self)
                at += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw failure("control character in a string") }
            at += 1
        }
        throw failure("unterminated string")
    }

    private mutating func skipString() throws(RepodataError) {
        guard try peekAfterSpace() == UInt8(ascii: "\""), let base else { throw failure("expected a string") }
        let opening = at
        at += 1
        while at < count {
            let byte = base[at]
            if byte == UInt8(ascii: "\"") {
                at += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                // Escapes are rare: decode the string properly from its opening quote.
                at = opening
                _ = try string()
                return
            }
            guard byte >= 0x20 else { throw failure("control character in a string") }
            at += 1
        }
        throw failure("unterminated string")
    }

    /// The slow path, from the opening quote's next byte: decodes escapes into UTF-8.
    private mutating func escapedString(from start: Int) throws(RepodataError) -> String {
        guard let base else { throw failure("truncated") }
        var out = Array(UnsafeBufferPointer(start: base + start, count: at - start))
        while at < count {
            let byte = base[at]
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard at < count else { throw failure("unterminated string") }
                let escape = base[at]
                at += 1
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
                        guard at + 1 < count, base[at] == UInt8(ascii: "\\"), base[at + 1] == UInt8(ascii: "u") else {
                            throw failure("unpaired surrogate")
                        }
                        at += 2
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

    private mutating func hex4() throws(RepodataError) -> UInt32 {
        guard at + 4 <= count, let base else { throw failure("truncated escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = base[at]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid escape")
            }
            value = value << 4 | UInt32(digit)
            at += 1
        }
        return value
    }

    // MARK: - Bytes

    private mutating func skipSpace() {
        guard let base else { return }
        while at < count {
            switch base[at] {
            case 0x20, 0x0A, 0x0D, 0x09: at += 1
            default: return
            }
        }
    }

    private mutating func peekAfterSpace() throws(RepodataError) -> UInt8 {
        skipSpace()
        guard at < count, let base else { throw failure("truncated") }
        return base[at]
    }

    private mutating func expect(_ byte: UInt8) throws(RepodataError) {
        guard try peekAfterSpace() == byte else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
        at += 1
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func failure(_ reason: String) -> RepodataError {
        RepodataError(description: "record group is not valid JSON: \(reason) at byte \(at)")
    }
}
