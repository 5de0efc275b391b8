import ByteJSON

/// The `files` of a PEP 691 project page, field by field (PEP 691, PEP 592 `yanked`, PEP 714
/// `core-metadata`); everything else on the page is validated and skipped.
enum ProjectPageReader {
    /// The fields of one file entry as read; `filename` and `url` are required.
    private struct Entry {
        var filename: String?
        var url: String?
        var hashes: [String: String] = [:]
        var requiresPython: String?
        var yanked = false
        var yankedReason: String?
        /// nil when absent or null; else whether the index serves the metadata file.
        var coreMetadata: Bool?
        var distInfoMetadata: Bool?
        var size: Int?
    }

    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

    /// nil when the page has no `files` array. Relative URLs are resolved against `pageURL`.
    static func files(_ reader: inout JSONByteReader, pageURL: String, indexURL: String) throws -> [DistributionFile]? {
        var files: [DistributionFile]?
        guard try reader.open(openBrace) else {
            try reader.end()
            return nil
        }
        repeat {
            if try reader.key() == "files", try reader.peek() == openBracket {
                var list: [DistributionFile] = []
                if try reader.open(openBracket) {
                    repeat {
                        list.append(try file(&reader, pageURL: pageURL, indexURL: indexURL))
                    } while try reader.next(closing: closeBracket)
                }
                files = list
            } else {
                try reader.skipValue(depth: 1)
            }
        } while try reader.next(closing: closeBrace)
        try reader.end()
        return files
    }

    private static func file(_ reader: inout JSONByteReader, pageURL: String, indexURL: String) throws -> DistributionFile {
        guard try reader.peek() == openBrace else {
            throw JSONByteReaderError(reason: "a file entry is not an object", offset: reader.offset)
        }
        var entry = Entry()
        if try reader.open(openBrace) {
            repeat {
                switch try reader.key() {
                case "filename": entry.filename = try string(&reader)
                case "url": entry.url = try string(&reader)
                case "hashes": entry.hashes = try stringMap(&reader) ?? [:]
                case "requires-python": entry.requiresPython = try string(&reader)
                case "yanked": (entry.yanked, entry.yankedReason) = try yanked(&reader)
                case "core-metadata": entry.coreMetadata = try metadataFlag(&reader)
                case "dist-info-metadata": entry.distInfoMetadata = try metadataFlag(&reader)
                case "size": entry.size = try integer(&reader)
                default: try reader.skipValue(depth: 3)
                }
            } while try reader.next(closing: closeBrace)
        }
        guard let filename = entry.filename, let url = entry.url else {
            throw JSONByteReaderError(reason: "a file entry lacks `filename` or `url`", offset: reader.offset)
        }
        let (resolved, fragmentHashes) = SimplePageParser.split(url, base: pageURL)
        return DistributionFile(filename: filename, url: resolved,
                                hashes: entry.hashes.merging(fragmentHashes, uniquingKeysWith: { json, _ in json }),
                                requiresPython: entry.requiresPython.flatMap { $0.isEmpty ? nil : $0 },
                                yanked: entry.yanked, yankedReason: entry.yankedReason,
                                hasCoreMetadata: (entry.coreMetadata ?? entry.distInfoMetadata) ?? false,
                                size: entry.size, indexURL: indexURL)
    }

    /// A string; nil (the value skipped) for anything else.
    private static func string(_ reader: inout JSONByteReader) throws -> String? {
        guard try reader.peek() == UInt8(ascii: "\"") else {
            try reader.skipValue(depth: 3)
            return nil
        }
        return try reader.string()
    }

    /// An object's string members; nil when the value is not an object (or is one with a non-string member).
    private static func stringMap(_ reader: inout JSONByteReader) throws -> [String: String]? {
        guard try reader.peek() == openBrace else {
            try reader.skipValue(depth: 3)
            return nil
        }
        var map: [String: String] = [:]
        var allStrings = true
        if try reader.open(openBrace) {
            repeat {
                let key = try reader.key()
                if let value = try string(&reader) { map[key] = value } else { allStrings = false }
            } while try reader.next(closing: closeBrace)
        }
        return allStrings ? map : nil
    }

    /// PEP 592: `false`, `true`, or the reason as a string (which means yanked).
    private static func yanked(_ reader: inout JSONByteReader) throws -> (Bool, String?) {
        switch try reader.peek() {
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return (try reader.bool(), nil)
        case UInt8(ascii: "n"):
            try reader.null()
            return (false, nil)
        case UInt8(ascii: "\""):
            let reason = try reader.string()
            return (true, reason.isEmpty ? nil : reason)
        default:
            try reader.skipValue(depth: 3)
            return (true, nil)
        }
    }

    /// PEP 714: `true`/`false`, or a map of hashes (present); null counts as absent.
    private static func metadataFlag(_ reader: inout JSONByteReader) throws -> Bool? {
        switch try reader.peek() {
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return try reader.bool()
        case UInt8(ascii: "n"):
            try reader.null()
            return nil
        case openBrace: return try stringMap(&reader) != nil
        default:
            try reader.skipValue(depth: 3)
            return false
        }
    }

    private static func integer(_ reader: inout JSONByteReader) throws -> Int? {
        switch try reader.peek() {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            switch try reader.number() {
            case .integer(let value): return Int(value)
            case .double(let value): return value.rounded(.towardZero) == value ? Int(exactly: value) : nil
            }
        default:
            try reader.skipValue(depth: 3)
            return nil
        }
    }
}
