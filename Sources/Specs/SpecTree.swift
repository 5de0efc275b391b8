/// A parsed YAML or JSON document reduced to what spec readers need: scalars with the
/// position of every character, lists and mappings with their positions.
///
/// Conda environments come as YAML files, as inline YAML inside Azure ML files and as JSON
/// inside Azure ML v1 files; one tree lets one reader handle them all.
indirect enum SpecTree: Sendable {
    /// A string (or any YAML scalar: YAML values are text until a schema says otherwise).
    case scalar(MappedString, isNull: Bool)
    /// A number, boolean or date of JSON or TOML, as written.
    case typed(MappedString)
    case list([SpecTree], SourcePosition)
    case map([SpecTreeEntry], SourcePosition)

    var position: SourcePosition {
        switch self {
        case .scalar(let value, _), .typed(let value): return value.startPosition
        case .list(_, let position), .map(_, let position): return position
        }
    }

    var isNull: Bool {
        if case .scalar(_, true) = self { return true }
        return false
    }

    /// The text of a non-null scalar.
    var string: String? {
        if case .scalar(let value, false) = self { return value.string }
        return nil
    }

    var mappedString: MappedString? {
        if case .scalar(let value, false) = self { return value }
        return nil
    }

    var entries: [SpecTreeEntry]? {
        if case .map(let entries, _) = self { return entries }
        return nil
    }

    var items: [SpecTree]? {
        if case .list(let items, _) = self { return items }
        return nil
    }

    /// The last entry with this key (YAML loaders that accept duplicates keep the last).
    subscript(key: String) -> SpecTreeEntry? {
        entries?.last(where: { $0.key == key })
    }

    /// For messages: "a list", "a mapping", "a single value", "nothing".
    var kindName: String {
        switch self {
        case .scalar(_, let isNull): return isNull ? "nothing" : "a single value"
        case .typed(let value): return "the value \(value.string)"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }
}

struct SpecTreeEntry: Sendable {
    var key: String
    var keyPosition: SourcePosition
    var value: SpecTree
}
