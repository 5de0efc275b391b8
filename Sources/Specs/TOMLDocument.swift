/// A TOML file read by the same scanner as `pyproject.toml` specs, for readers outside this
/// module (the configuration's `[tool.preflight]` table): values as written, with positions.
package indirect enum TOMLValue: Sendable {
    /// A string's text, or a number, boolean or date as written.
    case scalar(String, SourcePosition)
    case array([TOMLValue], SourcePosition)
    case table([(key: String, value: TOMLValue)], SourcePosition)

    package var position: SourcePosition {
        switch self {
        case .scalar(_, let position), .array(_, let position), .table(_, let position): return position
        }
    }

    /// The value of a key of a table (`nil` for a missing key or a value that is not a table).
    package subscript(key: String) -> TOMLValue? {
        guard case .table(let entries, _) = self else { return nil }
        return entries.last(where: { $0.key == key })?.value
    }
}

package enum TOMLDocument {
    package struct SyntaxError: Error, Sendable {
        package var message: String
        package var position: SourcePosition
    }

    /// The whole document as a table; the first syntax error fails it.
    package static func parse(_ text: String, path: String) throws(SyntaxError) -> TOMLValue {
        let (tree, failure) = TOMLScanner.parse(SourceText(path: path, string: text))
        if let failure { throw SyntaxError(message: failure.message, position: failure.position) }
        return value(tree)
    }

    private static func value(_ tree: SpecTree) -> TOMLValue {
        switch tree {
        case .scalar(let text, _), .typed(let text): return .scalar(text.string, text.startPosition)
        case .list(let items, let position): return .array(items.map(value), position)
        case .map(let entries, let position): return .table(entries.map { ($0.key, value($0.value)) }, position)
        }
    }
}
