/// Turns a version spec string into a ``VersionSpec`` tree: first the shape (groups of
/// constraints joined by `,` and `|`), then each constraint's meaning.
enum VersionSpecParser {
    /// Parentheses deeper than this are rejected, so hostile input cannot exhaust the stack.
    static let maxNestingDepth = 64

    static func parse(_ text: String) throws(VersionSpecError) -> VersionSpec {
        let bytes = Array(text.utf8)
        // The reference looks for a regex's closing `$` over the whole rest of the input at
        // every constraint, so a `$` anywhere makes the spec invalid.
        if bytes.contains(UInt8(ascii: "$")) {
            throw VersionSpecError(input: text, reason: "regular expression constraints are not supported")
        }
        let tree = TreeParser(grammar: VersionSpecGrammar(bytes: bytes), input: text)
        let (spec, end) = try tree.orGroup(0, depth: 0)
        guard end == bytes.count else {
            throw VersionSpecError(input: text, reason: "unexpected text at offset \(end)")
        }
        return spec
    }

    private struct TreeParser {
        let grammar: VersionSpecGrammar
        let input: String

        func fail(_ reason: String) -> VersionSpecError { VersionSpecError(input: input, reason: reason) }

        func orGroup(_ index: Int, depth: Int) throws(VersionSpecError) -> (VersionSpec, Int) {
            var (first, end) = try andGroup(index, depth: depth)
            var members = [first]
            while true {
                let bar = grammar.skipSpace(end)
                guard grammar.byte(bar) == UInt8(ascii: "|") else { break }
                (first, end) = try andGroup(grammar.skipSpace(bar + 1), depth: depth)
                members.append(first)
            }
            return (flatten(members, all: false), end)
        }

        func andGroup(_ index: Int, depth: Int) throws(VersionSpecError) -> (VersionSpec, Int) {
            var (first, end) = try term(index, depth: depth)
            var members = [first]
            while true {
                let comma = grammar.skipSpace(end)
                guard grammar.byte(comma) == UInt8(ascii: ",") else { break }
                (first, end) = try term(grammar.skipSpace(comma + 1), depth: depth)
                members.append(first)
            }
            return (flatten(members, all: true), end)
        }

        func term(_ index: Int, depth: Int) throws(VersionSpecError) -> (VersionSpec, Int) {
            if grammar.byte(index) == UInt8(ascii: "(") {
                guard depth < VersionSpecParser.maxNestingDepth else { throw fail("parentheses nested too deeply") }
                let (inner, end) = try orGroup(grammar.skipSpace(index + 1), depth: depth + 1)
                let close = grammar.skipSpace(end)
                guard grammar.byte(close) == UInt8(ascii: ")") else { throw fail("expected ')' at offset \(close)") }
                return (inner, close + 1)
            }
            return try VersionSpecParser.constraint(grammar.bytes, at: index, input: input)
        }

        func flatten(_ members: [VersionSpec], all: Bool) -> VersionSpec {
            if members.count == 1 { return members[0] }
            var flat: [VersionSpec] = []
            for member in members {
                switch member {
                case .all(let inner) where all: flat += inner
                case .either(let inner) where !all: flat += inner
                default: flat.append(member)
                }
            }
            return all ? .all(flat) : .either(flat)
        }
    }

    /// Parses one constraint such as `>=1.2`, `1.2.*`, `!=3.*` or `*` starting at `start`,
    /// returning it and where it ends. Like the reference, a constraint is an optional
    /// operator directly followed by a run of version characters; whatever follows is left
    /// to the caller (a separator, a parenthesis, or an error).
    static func constraint(
        _ bytes: [UInt8], at start: Int, input: String
    ) throws(VersionSpecError) -> (VersionSpec, Int) {
        func fail(_ reason: String) -> VersionSpecError {
            VersionSpecError(input: input, reason: "at offset \(start): \(reason)")
        }
        // Anything that looks like a regular expression is refused (`$` is refused by the
        // caller for the whole input).
        if bytes[start...].first == UInt8(ascii: "^") {
            throw fail("regular expression constraints are not supported")
        }
        if bytes[start...].first == UInt8(ascii: "*") {
            if start + 2 < bytes.count, bytes[start + 1] == UInt8(ascii: "."), bytes[start + 2] == UInt8(ascii: "*") {
                return (.any, start + 3)
            }
            return (.any, start + 1)
        }
        var index = start
        while index < bytes.count, "=!<>~".utf8.contains(bytes[index]) { index += 1 }
        var op: VersionOperator?
        if index > start {
            switch String(decoding: bytes[start..<index], as: UTF8.self) {
            case "==": op = .equal
            case "!=": op = .notEqual
            case "<=": op = .lessOrEqual
            case ">=": op = .greaterOrEqual
            case "<": op = .less
            case ">": op = .greater
            case "=": op = .startsWith
            case "~=": op = .compatible
            case let other: throw fail("invalid operator '\(other)'")
            }
        }
        let versionStart = index
        while index < bytes.count, isVersionCharacter(bytes[index]) { index += 1 }
        guard index > versionStart else { throw fail("expected a version") }
        let versionBytes = Array(bytes[versionStart..<index])

        if versionBytes == [UInt8(ascii: "*")] {
            // `>=*` and friends exist in the wild; the ones that make sense mean "any".
            switch op {
            case .greaterOrEqual, .lessOrEqual, .compatible, .startsWith, .equal: return (.any, index)
            default: throw fail("'*' is incompatible with this operator")
            }
        }

        let prefix: CondaVersionParser.Prefix
        do {
            prefix = try CondaVersionParser.parsePrefix(versionBytes)
        } catch {
            let versionText = String(decoding: versionBytes, as: UTF8.self)
            throw fail(CondaVersionError(input: versionText, kind: error).description)
        }
        let version = CondaVersion(
            description: String(decoding: versionBytes[0..<prefix.end], as: UTF8.self), prefix: prefix)
        let rest = Array(versionBytes[prefix.end...])

        let finalOperator: VersionOperator
        switch (rest.isEmpty, op) {
        case (true, .some(let given)):
            finalOperator = given
        case (true, .none):
            finalOperator = .equal
        case (false, .some(let given)) where (given == .greaterOrEqual || given == .greater) && isStarOrStarDotStars(rest):
            finalOperator = .greaterOrEqual
        case (false, .some(.notEqual)) where rest == [UInt8(ascii: "*")] || rest == Array(".*".utf8):
            finalOperator = .notStartsWith
        case (false, .some(let given)) where isStarOrStarDotStars(rest):
            // A glob after another operator is ignored (lenient mode).
            finalOperator = given
        case (false, .none) where rest == [UInt8(ascii: "*")] || rest == Array(".*".utf8):
            finalOperator = .startsWith
        case (false, .none) where looksLikeRepeatedStarSuffix(rest):
            finalOperator = .startsWith
        default:
            if versionBytes.contains(UInt8(ascii: "*")) {
                throw fail("regular expression constraints are not supported")
            }
            throw fail("malformed version")
        }
        return (.constraint(finalOperator, version), index)
    }

    private static func isVersionCharacter(_ byte: UInt8) -> Bool {
        // Non-ASCII bytes count as alphanumeric here (the reference accepts Unicode letters
        // at this step); the version parser rejects them next.
        CondaVersionParser.isLetter(byte) || CondaVersionParser.isDigit(byte) || byte >= 0x80
            || "!-_.*+".utf8.contains(byte)
    }

    /// `*`, or `.*` repeated any number of times.
    private static func isStarOrStarDotStars(_ rest: [UInt8]) -> Bool {
        if rest == [UInt8(ascii: "*")] { return true }
        var tail = rest[...]
        while tail.count >= 2, tail.suffix(2).elementsEqual(".*".utf8) { tail = tail.dropLast(2) }
        return tail.isEmpty
    }

    /// `.*.*`, `.*.`: the `2023.*.*` seen in real repodata.
    private static func looksLikeRepeatedStarSuffix(_ rest: [UInt8]) -> Bool {
        var tail = rest[...]
        if tail.last == UInt8(ascii: ".") { tail = tail.dropLast() }
        guard !tail.isEmpty else { return false }
        while tail.count >= 2, tail.suffix(2).elementsEqual(".*".utf8) {
            tail = tail.dropLast(2)
            if tail.isEmpty { return true }
        }
        return false
    }
}
