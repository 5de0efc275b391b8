import Specs
import Yams

/// A configuration document reduced to what the settings need, whatever its syntax: the YAML
/// configuration file and a `pyproject.toml`'s `[tool.preflight]` table name the same keys, so
/// one reader applies both and reports a bad value at its line and column.
enum SettingsTree {
    case scalar(String, SettingsMark)
    case list([SettingsTree], SettingsMark)
    case mapping([SettingsEntry], SettingsMark)

    var mark: SettingsMark {
        switch self {
        case .scalar(_, let mark), .list(_, let mark), .mapping(_, let mark): return mark
        }
    }

    /// The value as one line of text, for the record of where each setting came from.
    var summary: String {
        switch self {
        case .scalar(let text, _): return text
        case .list(let items, _): return items.map(\.summary).joined(separator: " ")
        case .mapping(let entries, _): return entries.map { "\($0.key)=\($0.value.summary)" }.joined(separator: " ")
        }
    }

    /// A YAML node; keys that are not plain scalars fail at their position.
    init(yaml node: Node, path: String) throws {
        let mark = SettingsMark(line: node.mark?.line, column: node.mark?.column)
        switch node {
        case .scalar(let scalar): self = .scalar(scalar.string, mark)
        case .sequence(let items): self = .list(try items.map { try SettingsTree(yaml: $0, path: path) }, mark)
        case .mapping(let mapping):
            self = .mapping(try mapping.map { pair in
                guard case .scalar(let key) = pair.key else {
                    throw ConfigurationError(path: path, line: pair.key.mark?.line, column: pair.key.mark?.column,
                                             message: "keys must be plain names")
                }
                return SettingsEntry(key: key.string, value: try SettingsTree(yaml: pair.value, path: path))
            }, mark)
        case .alias: self = .scalar("", mark)
        }
    }

    init(toml value: TOMLValue) {
        let mark = SettingsMark(line: value.position.line, column: value.position.column)
        switch value {
        case .scalar(let text, _): self = .scalar(text, mark)
        case .array(let items, _): self = .list(items.map(SettingsTree.init(toml:)), mark)
        case .table(let entries, _): self = .mapping(entries.map { SettingsEntry(key: $0.key, value: SettingsTree(toml: $0.value)) }, mark)
        }
    }
}

struct SettingsEntry {
    var key: String
    var value: SettingsTree
}

struct SettingsMark {
    var line: Int?
    var column: Int?
}
