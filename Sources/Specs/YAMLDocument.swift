import Yams

/// A YAML file composed by Yams into a node tree, with syntax errors and duplicate keys
/// turned into positioned problems instead of failures.
struct YAMLDocument {
    let text: SourceText
    /// The root node; nil when the file is empty or could not be composed.
    let root: Node?
    let problems: [SpecProblem]
    /// True when the text is not YAML at all (a syntax error), as opposed to a YAML file
    /// with duplicate keys that was still composed.
    let hasSyntaxError: Bool

    /// Duplicate keys are renamed one at a time and the text composed again, at most this often.
    private static let maximumRecoveries = 32

    static func load(_ text: SourceText) -> YAMLDocument {
        var problems: [SpecProblem] = []
        if let refusal = aliasedComplexKey(in: text) {
            return YAMLDocument(text: text, root: nil, problems: [refusal], hasSyntaxError: true)
        }
        var scalars = text.scalars
        var current = text.string
        for attempt in 0..<maximumRecoveries {
            do {
                let root = try Yams.compose(yaml: current, .default, .default, .utf8)
                return YAMLDocument(text: text, root: root, problems: problems, hasSyntaxError: false)
            } catch let error as YamlError {
                if case .duplicatedKeysInMapping(let duplicates, let context) = error {
                    let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
                    let position = clampedPosition(text, line: context.mark.line, column: context.mark.column)
                    problems.append(SpecProblem(
                        message: "duplicate key \(keys) in one mapping: conda and YAML loaders reject it "
                            + "(some keep the last value); this reader uses the last",
                        position: position))
                    if let index = text.index(line: position.line, column: position.column),
                       renameKey(at: index, in: &scalars, attempt: attempt) {
                        current = String(String.UnicodeScalarView(scalars))
                        continue
                    }
                    return YAMLDocument(text: text, root: nil, problems: problems, hasSyntaxError: false)
                }
                problems.append(problem(for: error, in: text))
                return YAMLDocument(text: text, root: nil, problems: problems, hasSyntaxError: true)
            } catch {
                problems.append(SpecProblem(
                    message: "cannot read YAML: \(error)", position: text.position(of: 0)))
                return YAMLDocument(text: text, root: nil, problems: problems, hasSyntaxError: true)
            }
        }
        problems.append(SpecProblem(
            message: "too many duplicate keys; the file is not read further", position: text.position(of: 0)))
        return YAMLDocument(text: text, root: nil, problems: problems, hasSyntaxError: false)
    }

    /// Replaces the first character of a duplicated key with a private-use character, so the
    /// key no longer collides and the later value wins. Columns stay where they were.
    private static func renameKey(at index: Int, in scalars: inout [Unicode.Scalar], attempt: Int) -> Bool {
        var target = index
        guard target < scalars.count else { return false }
        if scalars[target] == "\"" || scalars[target] == "'" { target += 1 }
        guard target < scalars.count else { return false }
        let first = scalars[target]
        let plainSafe = first.properties.isAlphabetic || ("0"..."9").contains(first) || first == "_"
            || first == "$" || first.value >= 0xE000 && first.value < 0xF900
        guard plainSafe, let replacement = Unicode.Scalar(0xE000 + UInt32(attempt)) else { return false }
        scalars[target] = replacement
        return true
    }

    private static func problem(for error: YamlError, in text: SourceText) -> SpecProblem {
        func describe(_ problem: String, _ context: YamlError.Context?) -> String {
            var message = "YAML syntax error: \(problem)"
            if let context, !context.text.isEmpty {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return message
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return SpecProblem(
                message: describe(problem, context), position: clampedPosition(text, line: mark.line, column: mark.column))
        case .reader(let problem, let offset, _, _):
            return SpecProblem(
                message: "YAML syntax error: \(problem)", position: position(ofUTF8Offset: offset ?? 0, in: text))
        default:
            return SpecProblem(message: "cannot read YAML: \(error)", position: text.position(of: 0))
        }
    }

    private static func clampedPosition(_ text: SourceText, line: Int, column: Int) -> SourcePosition {
        let line = min(max(line, 1), text.lineCount)
        return SourcePosition(path: text.path, line: line, column: max(column, 1))
    }

    private static func position(ofUTF8Offset offset: Int, in text: SourceText) -> SourcePosition {
        var bytes = 0
        var index = 0
        for scalar in text.scalars {
            if bytes >= offset { break }
            bytes += UTF8.width(scalar)
            index += 1
        }
        return text.position(of: index)
    }

    /// Aliases make Yams share nodes; hashing an aliased complex mapping key (a "billion
    /// laughs" key) would walk an exponential tree. Such YAML is refused up front.
    private static func aliasedComplexKey(in text: SourceText) -> SpecProblem? {
        let scalars = text.scalars
        var hasAlias = false
        var complexKeyAt: Int? = nil
        var lineStart = true
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n" || scalar == "\r" { lineStart = true; continue }
            if lineStart, scalar == " " { continue }
            if lineStart, scalar == "?" { complexKeyAt = complexKeyAt ?? index }
            lineStart = false
            if scalar == "*", index + 1 < scalars.count, !scalars[index + 1].isPythonWhitespace,
               index == 0 || " [{,-:\t".unicodeScalars.contains(scalars[index - 1]) {
                hasAlias = true
            }
            if (scalar == "]" || scalar == "}"), index + 1 < scalars.count, scalars[index + 1] == ":" {
                complexKeyAt = complexKeyAt ?? index
            }
        }
        guard hasAlias, let at = complexKeyAt else { return nil }
        return SpecProblem(
            message: "YAML with aliases and complex (non-scalar) mapping keys is not supported",
            position: text.position(of: at))
    }

    // MARK: - Positions of nodes

    /// Where a node starts; for a quoted scalar, the first character inside the quotes.
    func position(of node: Node) -> SourcePosition {
        guard let mark = node.mark else { return text.position(of: 0) }
        let position = SourcePosition(path: text.path, line: mark.line, column: mark.column)
        if let scalar = node.scalar, scalar.style == .singleQuoted || scalar.style == .doubleQuoted {
            return SourcePosition(path: text.path, line: mark.line, column: mark.column + 1)
        }
        return position
    }

    /// A scalar's value with the position of each of its characters. Exact for single-line
    /// scalars without escapes; otherwise each character is placed from the value's start.
    func mapped(_ node: Node) -> MappedString? {
        guard let scalar = node.scalar else { return nil }
        let start = position(of: node)
        let point = TextPoint(line: start.line, column: start.column)
        var value = MappedString(path: text.path, text: scalar.string, start: point)
        if scalar.style == .literal || scalar.style == .folded,
           let index = text.index(line: start.line, column: start.column) {
            // The content of a block scalar starts on the line after its indicator.
            let next = text.lineIndex(of: index) + 1
            if next < text.lineCount {
                let range = text.lineRange(next)
                var first = range.lowerBound
                while first < range.upperBound, text.scalars[first].isBlank { first += 1 }
                let position = text.position(of: first)
                value = MappedString(path: text.path, text: scalar.string,
                                     start: TextPoint(line: position.line, column: position.column))
            }
        }
        return value
    }

    /// True for `~`, `null`, and an empty plain scalar.
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The text of a scalar, whatever its YAML type (`3.10` stays `3.10`).
    static func string(_ node: Node) -> String? {
        guard let scalar = node.scalar, !isNull(node) else { return nil }
        return scalar.string
    }

    /// The pairs of a mapping node with the string of each key.
    static func pairs(_ node: Node) -> [(key: String, keyNode: Node, value: Node)]? {
        guard let mapping = node.mapping else { return nil }
        return mapping.map { pair in (pair.key.scalar?.string ?? "", pair.key, pair.value) }
    }
}

// MARK: - As a spec tree

extension YAMLDocument {
    /// More nodes than this are not converted: YAML aliases can make a small file describe an
    /// exponentially large tree.
    static let maximumTreeNodes = 200_000

    /// The document as a tree; nil when there is no root. `truncated` tells that the node
    /// budget ran out (the rest reads as nulls).
    func tree() -> (tree: SpecTree?, truncated: Bool) {
        guard let root else { return (nil, false) }
        var budget = Self.maximumTreeNodes
        let tree = convert(root, budget: &budget)
        return (tree, budget <= 0)
    }

    private func convert(_ node: Node, budget: inout Int) -> SpecTree {
        budget -= 1
        if budget <= 0 {
            return .scalar(MappedString(path: text.path, at: TextPoint(line: 1, column: 1)), isNull: true)
        }
        switch node {
        case .scalar:
            let value = mapped(node) ?? MappedString(path: text.path, at: TextPoint(line: 1, column: 1))
            return .scalar(value, isNull: Self.isNull(node))
        case .sequence(let sequence):
            var items: [SpecTree] = []
            for item in sequence {
                if budget <= 0 { break }
                items.append(convert(item, budget: &budget))
            }
            return .list(items, position(of: node))
        case .mapping(let mapping):
            var entries: [SpecTreeEntry] = []
            for pair in mapping {
                if budget <= 0 { break }
                let key = pair.key.scalar?.string ?? ""
                entries.append(SpecTreeEntry(
                    key: key, keyPosition: position(of: pair.key), value: convert(pair.value, budget: &budget)))
            }
            return .map(entries, position(of: node))
        case .alias:
            return .scalar(MappedString(path: text.path, at: TextPoint(line: 1, column: 1)), isNull: true)
        }
    }
}
