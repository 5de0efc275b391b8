/// Any JSON value. Repodata is decoded through this so that a field of an unexpected type
/// (a legacy `noarch: true`, a float timestamp, `track_features` as a string) costs that
/// field, not the record.
enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// An integer, accepting whole floats and numeric strings.
    var int64: Int64? {
        switch self {
        case .integer(let value): return value
        case .number(let value) where value.isFinite && value.rounded(.towardZero) == value:
            return Int64(exactly: value)
        case .string(let text): return Int64(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// A list of strings; a single string counts as a one-element list, other entries are
    /// skipped.
    var stringList: [String]? {
        switch self {
        case .array(let values): return values.compactMap(\.string)
        case .string(let value): return [value]
        default: return nil
        }
    }
}
