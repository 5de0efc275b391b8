/// A PEP 508 environment marker (`python_version < "3.10" and sys_platform == "linux"`), parsed,
/// printed and evaluated exactly as `packaging.markers.Marker` (26.x).
///
/// Evaluation: for `python_version`, `python_full_version`, `implementation_version` and
/// `platform_release`, a comparison is a version comparison whenever `op + value` is a valid
/// specifier (so `"3.8" < python_version` uses `<` + the environment value, as packaging does);
/// otherwise strings compare by equality only (`<` and `>` are false, `<=`/`>=` mean `==`),
/// `in`/`not in` are substring tests, and `~=`/`===` are undefined. `extra` values are PEP 503
/// normalized on both sides. Every comparison is evaluated (no short circuit), like packaging,
/// so an undefined comparison anywhere is reported.
package struct Marker: Sendable {
    let nodes: [MarkerNode]

    /// Parses a marker expression as `Marker(string)` does.
    package init(_ string: String) throws(MarkerError) {
        var parser = DependencyParser(string)
        do {
            self.init(parsedNodes: try parser.parseFullMarker())
        } catch {
            throw MarkerError(input: string, message: error.message, start: error.start, end: error.end)
        }
    }

    /// Wraps parsed nodes, normalizing `extra` literals as packaging's `_normalize_extra_values`.
    init(parsedNodes: [MarkerNode]) {
        nodes = parsedNodes.map(Marker.normalizeExtras)
    }

    private static func normalizeExtras(_ node: MarkerNode) -> MarkerNode {
        switch node {
        case .group(let inner):
            return .group(inner.map(normalizeExtras))
        case .comparison(var c):
            switch (c.lhs, c.rhs) {
            case (.variable("extra"), .value(let value)):
                c.rhs = .value(normalizeProjectName(value))
            case (.value(let value), .variable("extra")):
                c.lhs = .value(normalizeProjectName(value))
            case (.value(let value), .variable("extras")), (.value(let value), .variable("dependency_groups")):
                c.lhs = .value(normalizeProjectName(value))
            default:
                break
            }
            return .comparison(c)
        case .and, .or:
            return node
        }
    }

    // MARK: - Evaluation

    /// Evaluates the marker for a target; `extras` are the extras requested for the requirement
    /// being considered (empty: `extra` reads as the empty string). An undefined comparison
    /// (`os_name ~= "x"`, `extra > "a"` with extras given) or an unknown environment name makes
    /// the result false; use `evaluateStrictly` to see the error.
    package func evaluate(environment: MarkerEnvironment, extras: Set<String> = []) -> Bool {
        (try? evaluateStrictly(environment: environment, extras: extras)) ?? false
    }

    /// Evaluates like `Marker.evaluate({...environment, "extra": extras})` in packaging, raising
    /// where packaging raises `UndefinedComparison` or `UndefinedEnvironmentName`.
    package func evaluateStrictly(
        environment: MarkerEnvironment, extras: Set<String> = []
    ) throws(MarkerEvaluationError) -> Bool {
        let extra: MarkerValue = extras.isEmpty ? .string("") : .set(Set(extras.map(normalizeProjectName)))
        return try Marker.evaluate(nodes, MarkerEvaluationContext(environment: environment, extra: extra))
    }

    private static func evaluate(_ nodes: [MarkerNode], _ context: MarkerEvaluationContext) throws(MarkerEvaluationError) -> Bool {
        var groups: [[Bool]] = [[]]
        for node in nodes {
            switch node {
            case .group(let inner):
                groups[groups.count - 1].append(try evaluate(inner, context))
            case .comparison(let comparison):
                groups[groups.count - 1].append(try context.evaluate(comparison))
            case .or:
                groups.append([])
            case .and:
                break
            }
        }
        return groups.contains { $0.allSatisfy { $0 } }
    }

    // MARK: - Printing

    private static func format(_ nodes: [MarkerNode], first: Bool) -> String {
        if nodes.count == 1 {
            switch nodes[0] {
            case .comparison: return format(node: nodes[0], first: first)
            case .group(let inner): return format(inner, first: first)
            case .and, .or: break
            }
        }
        let inner = nodes.map { format(node: $0, first: false) }.joined(separator: " ")
        return first ? inner : "(" + inner + ")"
    }

    private static func format(node: MarkerNode, first: Bool) -> String {
        switch node {
        case .comparison(let c): return "\(c.lhs.serialized) \(c.op.rawValue) \(c.rhs.serialized)"
        case .group(let inner): return format(inner, first: first)
        case .and: return "and"
        case .or: return "or"
        }
    }
}

extension Marker: CustomStringConvertible {
    /// The normalized text, `str(Marker)`: single spaces, double-quoted values (single quotes
    /// when the value holds a double quote), redundant parentheses removed.
    package var description: String { Marker.format(nodes, first: true) }
}

extension Marker: Hashable {
    /// Equal when the normalized text is equal, as packaging compares markers.
    package static func == (a: Marker, b: Marker) -> Bool { a.description == b.description }
    package func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

// MARK: - Tree

/// An operand: an environment variable (normalized name) or a quoted value (decoded).
enum MarkerOperand: Sendable, Hashable {
    case variable(String)
    case value(String)

    var text: String {
        switch self {
        case .variable(let name): return name
        case .value(let value): return value
        }
    }

    var serialized: String {
        switch self {
        case .variable(let name):
            return name
        case .value(let value):
            // packaging raises when a value holds both quote characters; we fall back to double
            // quotes so that printing never fails.
            if !value.unicodeScalars.contains("\"") || value.unicodeScalars.contains("'") {
                return "\"" + value + "\""
            }
            return "'" + value + "'"
        }
    }
}

enum MarkerOperator: String, Sendable, Hashable {
    case isIn = "in"
    case notIn = "not in"
    case arbitrary = "==="
    case equal = "=="
    case compatible = "~="
    case notEqual = "!="
    case lessThanOrEqual = "<="
    case greaterThanOrEqual = ">="
    case lessThan = "<"
    case greaterThan = ">"

    /// In the order of packaging's `OP` token rule.
    static let symbolic: [MarkerOperator] = [
        .arbitrary, .equal, .compatible, .notEqual, .lessThanOrEqual, .greaterThanOrEqual, .lessThan, .greaterThan,
    ]
}

struct MarkerComparison: Sendable, Hashable {
    var lhs: MarkerOperand
    var op: MarkerOperator
    var rhs: MarkerOperand
}

/// packaging's marker list: comparisons and parenthesized groups joined by `and`/`or`.
indirect enum MarkerNode: Sendable, Hashable {
    case comparison(MarkerComparison)
    case group([MarkerNode])
    case and
    case or
}

/// An environment value: a string, or the set of requested extras.
enum MarkerValue {
    case string(String)
    case set(Set<String>)
}

/// The evaluation rules of packaging's `_evaluate_markers`, bound to one environment.
struct MarkerEvaluationContext {
    let environment: MarkerEnvironment
    let extra: MarkerValue

    static let versionKeys: Set<String> = [
        "implementation_version", "platform_release", "python_full_version", "python_version",
    ]

    func lookup(_ key: String) throws(MarkerEvaluationError) -> MarkerValue {
        if key == "extra" { return extra }
        guard let value = environment[key] else { throw .undefinedEnvironmentName(key) }
        return .string(value)
    }

    func evaluate(_ c: MarkerComparison) throws(MarkerEvaluationError) -> Bool {
        let key: String
        let lhsValue: MarkerValue
        let rhsValue: MarkerValue
        if case .variable(let name) = c.lhs {
            key = name
            lhsValue = try lookup(name)
            rhsValue = .string(c.rhs.text)
        } else {
            key = c.rhs.text
            lhsValue = .string(c.lhs.text)
            rhsValue = try lookup(key)
            if key == "extra", case .set(let extras) = rhsValue {
                return try evaluateExtraSet(extras, c.op, c.lhs.text)
            }
        }
        guard case .string(let lhs) = lhsValue else {
            if key == "extra", case .set(let extras) = lhsValue {
                return try evaluateExtraSet(extras, c.op, c.rhs.text)
            }
            throw .undefinedComparison("Set-valued marker '\(key)' can only be used with the membership form")
        }
        guard case .string(let rhs) = rhsValue else {
            throw .undefinedComparison("Marker '\(key)' must be a string")
        }
        return try compare(lhs, c.op, rhs, key: key)
    }

    private func evaluateExtraSet(_ extras: Set<String>, _ op: MarkerOperator, _ literal: String) throws(MarkerEvaluationError) -> Bool {
        switch op {
        case .equal: return extras.contains(literal)
        case .notEqual: return !extras.contains(literal)
        default: throw .undefinedComparison("Undefined '\(op.rawValue)' on the set of extras and \(PythonRepr.string(literal))")
        }
    }

    private func compare(_ lhs: String, _ op: MarkerOperator, _ rhs: String, key: String) throws(MarkerEvaluationError) -> Bool {
        if MarkerEvaluationContext.versionKeys.contains(key), let specifier = try? Specifier(op.rawValue + rhs) {
            return specifier.contains(lhs, prereleases: true)
        }
        let equal = PythonCharacters.scalarsEqual(lhs[...], rhs[...])
        switch op {
        case .isIn: return MarkerEvaluationContext.containsSubstring(rhs, lhs)
        case .notIn: return !MarkerEvaluationContext.containsSubstring(rhs, lhs)
        case .lessThan, .greaterThan: return false
        case .lessThanOrEqual, .equal, .greaterThanOrEqual: return equal
        case .notEqual: return !equal
        case .compatible, .arbitrary:
            throw .undefinedComparison(
                "Undefined '\(op.rawValue)' on \(PythonRepr.string(lhs)) and \(PythonRepr.string(rhs)).")
        }
    }

    /// Python's `needle in haystack` for strings: code point substring search.
    static func containsSubstring(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.unicodeScalars), n = Array(needle.unicodeScalars)
        if n.isEmpty { return true }
        if n.count > h.count { return false }
        for start in 0...(h.count - n.count) where h[start] == n[0] {
            if h[start..<(start + n.count)].elementsEqual(n) { return true }
        }
        return false
    }
}

/// A marker that does not parse: packaging's message and the span it points at, in Unicode
/// scalars (Python string indices).
package struct MarkerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The marker text.
    package let input: String
    /// packaging's message, e.g. `Expected a marker variable or quoted string`.
    package let message: String
    /// 0-based offset where the problem starts, and where its span ends.
    package let offset: Int
    package let end: Int

    init(input: String, message: String, start: Int, end: Int) {
        self.input = input
        self.message = message
        offset = start
        self.end = end
    }

    /// packaging's three-line rendering: message, the text, and a `~~~^` pointer.
    package var description: String { SyntaxErrorText.render(message: message, source: input, start: offset, end: end) }
}

/// Why a marker could not be evaluated (packaging's `UndefinedComparison` and
/// `UndefinedEnvironmentName`).
package enum MarkerEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    case undefinedComparison(String)
    case undefinedEnvironmentName(String)

    package var description: String {
        switch self {
        case .undefinedComparison(let message): return message
        case .undefinedEnvironmentName(let name): return "Undefined environment name: \(PythonRepr.string(name))"
        }
    }
}

/// The text of packaging's `ParserSyntaxError`.
enum SyntaxErrorText {
    static func render(message: String, source: String, start: Int, end: Int) -> String {
        let pointer = String(repeating: " ", count: start) + String(repeating: "~", count: max(0, end - start)) + "^"
        return "\(message)\n    \(source)\n    \(pointer)"
    }
}
