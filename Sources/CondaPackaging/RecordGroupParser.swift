import ByteJSON

extension PackageRecord {
    /// The records of a JSON object `{"FILENAME": RECORD, …}` (one name's run of a repodata
    /// section), read straight from its bytes with the same field rules as `Decodable`. An entry
    /// that is not a record (not an object, no string `name`) is skipped; input that is not JSON
    /// throws.
    ///
    /// A warm lookup reads a name's records on every run; going through `JSONSerialization` and
    /// `Any` casts was a fifth of a warm `exists` for a name with thousands of records.
    package static func records(fromGroup bytes: UnsafeRawBufferPointer) throws(RepodataError) -> [PackageRecord] {
        var reader = JSONByteReader(bytes)
        do {
            return try RecordGroupParser.group(&reader)
        } catch {
            throw RepodataError(description: "record group is not valid JSON: \(error)")
        }
    }
}

/// Walks one record group. Fields `PackageRecord` does not read are validated and skipped
/// without building values.
private enum RecordGroupParser {
    /// The fields `PackageRecord.init(fileName:object:)` looks at.
    private static let fields: Set<String> = [
        "name", "version", "build", "build_number", "subdir", "depends", "constrains", "noarch", "timestamp",
        "md5", "sha256", "size", "license", "license_family", "features", "track_features", "platform", "arch", "flags",
    ]
    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

    static func group(_ reader: inout JSONByteReader) throws(JSONByteReaderError) -> [PackageRecord] {
        var records: [PackageRecord] = []
        if try reader.open(openBrace) {
            repeat {
                let fileName = try reader.key()
                if try reader.peek() == openBrace {
                    let fields = try recordFields(&reader)
                    if let record = try? PackageRecord(fileName: fileName, object: fields) { records.append(record) }
                } else {
                    try reader.skipValue(depth: 1)
                }
            } while try reader.next(closing: closeBrace)
        }
        try reader.end()
        return records
    }

    private static func recordFields(_ reader: inout JSONByteReader) throws(JSONByteReaderError) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        guard try reader.open(openBrace) else { return fields }
        repeat {
            let key = try reader.key()
            if Self.fields.contains(key) {
                fields[key] = try value(&reader, depth: 2)
            } else {
                try reader.skipValue(depth: 2)
            }
        } while try reader.next(closing: closeBrace)
        return fields
    }

    private static func value(_ reader: inout JSONByteReader, depth: Int) throws(JSONByteReaderError) -> JSONValue {
        guard depth < JSONByteReader.maxDepth else { throw JSONByteReaderError(reason: "nested too deeply", offset: reader.offset) }
        switch try reader.peek() {
        case UInt8(ascii: "\""):
            return .string(try reader.string())
        case openBracket:
            var items: [JSONValue] = []
            if try reader.open(openBracket) {
                repeat { items.append(try value(&reader, depth: depth + 1)) } while try reader.next(closing: closeBracket)
            }
            return .array(items)
        case openBrace:
            var object: [String: JSONValue] = [:]
            if try reader.open(openBrace) {
                repeat {
                    let key = try reader.key()
                    object[key] = try value(&reader, depth: depth + 1)
                } while try reader.next(closing: closeBrace)
            }
            return .object(object)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try reader.bool())
        case UInt8(ascii: "n"):
            try reader.null()
            return .null
        default:
            switch try reader.number() {
            case .integer(let value): return .integer(value)
            case .double(let value): return .number(value)
            }
        }
    }
}
