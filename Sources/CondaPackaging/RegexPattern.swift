/// A small regular-expression engine for the `^...$` patterns conda allows in build strings
/// and package names. It covers the common subset of Rust `regex` syntax (which rattler
/// uses): literals, `.`, classes `[a-z]` / `[^...]`, `\d \w \s` and their negations,
/// groups `(...)` / `(?:...)`, `|`, `* + ?` and `{m,n}` (lazy forms too), `^` and `$`.
/// Anything else (look-around, back-references, flags, Unicode classes) is rejected as
/// unsupported, where rattler (fancy-regex) would accept some of it.
///
/// Matching simulates the automaton over all states at once (Thompson / Pike), so time is
/// linear in the text for a given pattern and hostile patterns cannot hang the caller.
package struct RegexPattern: Sendable, Hashable {
    /// The pattern as written.
    package let pattern: String
    private let program: [Instruction]

    /// Why a regular expression was rejected.
    package struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// The rejected pattern.
        package let pattern: String
        /// What was wrong, for people.
        package let reason: String
        package var description: String { "invalid regex '\(pattern)': \(reason)" }
    }

    /// Compiled programs larger than this are refused (counted repetition can multiply size).
    static let maxProgramSize = 20_000

    /// Compiles a pattern, or says why it is not supported.
    package init(_ pattern: String) throws(RegexPattern.Error) {
        self.pattern = pattern
        do {
            program = try Self.compile(pattern)
        } catch {
            throw Error(pattern: pattern, reason: error.reason)
        }
    }

    private static func compile(_ pattern: String) throws(Failure) -> [Instruction] {
        var parser = Parser(chars: Array(pattern))
        let node = try parser.parseAlternation(depth: 0)
        guard parser.position == parser.chars.count else { throw Failure("unbalanced ')'") }
        var compiler = Compiler()
        try compiler.emit(node)
        compiler.append(.match)
        return compiler.program
    }

    /// True when the pattern matches somewhere in `text` (anchors make it whole-string).
    package func matches(_ text: String) -> Bool {
        let chars = Array(text)
        var current = StateSet(count: program.count)
        var next = StateSet(count: program.count)
        for position in 0...chars.count {
            // Unanchored search: a new thread may start at every position.
            addThread(0, at: position, count: chars.count, into: &current)
            if current.contains(programMatchIndex) { return true }
            if position == chars.count { break }
            next.clear()
            for state in current.members {
                if case .character(let predicate) = program[state], predicate.accepts(chars[position]) {
                    addThread(state + 1, at: position + 1, count: chars.count, into: &next)
                }
            }
            swap(&current, &next)
            if current.contains(programMatchIndex) { return true }
        }
        return false
    }

    private var programMatchIndex: Int { program.count - 1 }

    private func addThread(_ start: Int, at position: Int, count: Int, into set: inout StateSet) {
        var stack = [start]
        while let state = stack.popLast() {
            guard !set.contains(state) else { continue }
            set.insert(state)
            switch program[state] {
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack.append(second); stack.append(first)
            case .assertStart: if position == 0 { stack.append(state + 1) }
            case .assertEnd: if position == count { stack.append(state + 1) }
            case .character, .match: break
            }
        }
    }

    // MARK: Representation

    enum Predicate: Sendable, Hashable {
        case any
        case literal(Character)
        case set(items: [ClassItem], negated: Bool)

        func accepts(_ c: Character) -> Bool {
            switch self {
            case .any: return c != "\n"
            case .literal(let l): return c == l
            case .set(let items, let negated): return items.contains { $0.contains(c) } != negated
            }
        }
    }

    enum ClassItem: Sendable, Hashable {
        case range(Character, Character)
        case digit(Bool), word(Bool), space(Bool)

        func contains(_ c: Character) -> Bool {
            switch self {
            case .range(let low, let high): return low <= c && c <= high
            case .digit(let positive): return (c.isASCII && c.isNumber) == positive
            case .word(let positive): return (c.isLetter || c.isNumber || c == "_") == positive
            case .space(let positive): return c.isWhitespace == positive
            }
        }
    }

    enum Instruction: Sendable, Hashable {
        case character(Predicate)
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case match
    }

    indirect enum Node {
        case empty
        case atom(Predicate)
        case start, end
        case concat([Node])
        case alternation([Node])
        case repeatNode(Node, min: Int, max: Int?)
    }

    struct Failure: Swift.Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    struct Parser {
        let chars: [Character]
        var position = 0
        static let maxDepth = 50
        static let maxRepeat = 1000

        init(chars: [Character]) { self.chars = chars }

        mutating func parseAlternation(depth: Int) throws(Failure) -> Node {
            guard depth < Self.maxDepth else { throw Failure("nested too deeply") }
            var branches = [try parseConcat(depth: depth)]
            while position < chars.count, chars[position] == "|" {
                position += 1
                branches.append(try parseConcat(depth: depth))
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseConcat(depth: Int) throws(Failure) -> Node {
            var items: [Node] = []
            while position < chars.count, chars[position] != "|", chars[position] != ")" {
                var atom = try parseAtom(depth: depth)
                atom = try parseQuantifiers(atom)
                items.append(atom)
            }
            return items.isEmpty ? .empty : (items.count == 1 ? items[0] : .concat(items))
        }

        mutating func parseQuantifiers(_ node: Node) throws(Failure) -> Node {
            var result = node
            var quantified = false
            while position < chars.count {
                let c = chars[position]
                var bounds: (Int, Int?)?
                if c == "*" { bounds = (0, nil); position += 1 }
                else if c == "+" { bounds = (1, nil); position += 1 }
                else if c == "?" { bounds = (0, 1); position += 1 }
                else if c == "{", let counted = try parseCounted() { bounds = counted }  // else a literal `{`
                guard let (low, high) = bounds else { break }
                if quantified { throw Failure("repeated quantifier") }
                quantified = true
                if position < chars.count, chars[position] == "?" { position += 1 }  // lazy: same match set
                switch result {
                case .start, .end:
                    // Repeating an assertion: optional when it may occur zero times.
                    if low == 0 { result = .empty }
                default:
                    result = .repeatNode(result, min: low, max: high)
                }
            }
            return result
        }

        mutating func parseCounted() throws(Failure) -> (Int, Int?)? {
            var cursor = position + 1
            func number(_ cursor: inout Int) -> Int? {
                var value = 0, digits = 0
                while cursor < chars.count, let d = chars[cursor].wholeNumberValue, chars[cursor].isASCII {
                    value = min(value * 10 + d, 1_000_000); digits += 1; cursor += 1
                }
                return digits > 0 ? value : nil
            }
            // Text that is not a well-formed `{m}`, `{m,}` or `{m,n}` is a literal `{`.
            guard let low = number(&cursor) else { return nil }
            var high: Int? = low
            if cursor < chars.count, chars[cursor] == "," {
                cursor += 1
                high = number(&cursor)
            }
            guard cursor < chars.count, chars[cursor] == "}" else { return nil }
            if let high, high < low { throw Failure("invalid repetition range") }
            if low > Self.maxRepeat || (high ?? 0) > Self.maxRepeat { throw Failure("repetition too large") }
            position = cursor + 1
            return (low, high)
        }

        mutating func parseAtom(depth: Int) throws(Failure) -> Node {
            let c = chars[position]
            position += 1
            switch c {
            case ".": return .atom(.any)
            case "^": return .start
            case "$": return .end
            case "(":
                if position < chars.count, chars[position] == "?" {
                    guard position + 1 < chars.count, chars[position + 1] == ":" else {
                        throw Failure("unsupported group syntax")
                    }
                    position += 2
                }
                let inner = try parseAlternation(depth: depth + 1)
                guard position < chars.count, chars[position] == ")" else { throw Failure("unclosed group") }
                position += 1
                return inner
            case "[": return .atom(try parseClass())
            case "\\":
                let item = try parseEscape()
                if case .range(let low, let high) = item, low == high { return .atom(.literal(low)) }
                return .atom(.set(items: [item], negated: false))
            case "*", "+", "?": throw Failure("quantifier without a target")
            default: return .atom(.literal(c))
            }
        }

        mutating func parseEscape() throws(Failure) -> ClassItem {
            guard position < chars.count else { throw Failure("trailing backslash") }
            let c = chars[position]
            position += 1
            switch c {
            case "d": return .digit(true)
            case "D": return .digit(false)
            case "w": return .word(true)
            case "W": return .word(false)
            case "s": return .space(true)
            case "S": return .space(false)
            case "n": return .range("\n", "\n")
            case "t": return .range("\t", "\t")
            case "r": return .range("\r", "\r")
            default:
                guard c.isPunctuation || c.isSymbol || c == " " else { throw Failure("unsupported escape \\\(c)") }
                return .range(c, c)
            }
        }

        mutating func parseClass() throws(Failure) -> Predicate {
            var negated = false
            if position < chars.count, chars[position] == "^" { negated = true; position += 1 }
            var items: [ClassItem] = []
            var first = true
            while true {
                guard position < chars.count else { throw Failure("unclosed character class") }
                var c = chars[position]
                if c == "]", !first { position += 1; break }
                if c == "[" { throw Failure("nested character classes are not supported") }
                first = false
                position += 1
                var low: Character
                if c == "\\" {
                    let item = try parseEscape()
                    guard case .range(let l, let h) = item, l == h else { items.append(item); continue }
                    low = l
                } else {
                    low = c
                }
                if position + 1 < chars.count, chars[position] == "-", chars[position + 1] != "]" {
                    position += 1
                    c = chars[position]
                    position += 1
                    var high = c
                    if c == "\\" {
                        guard case .range(let l, let h) = try parseEscape(), l == h else { throw Failure("invalid class range") }
                        high = l
                    }
                    guard low <= high else { throw Failure("invalid class range") }
                    items.append(.range(low, high))
                } else {
                    items.append(.range(low, low))
                }
            }
            return .set(items: items, negated: negated)
        }
    }

    struct Compiler {
        var program: [Instruction] = []

        mutating func append(_ instruction: Instruction) {
            program.append(instruction)
        }

        mutating func emit(_ node: Node) throws(Failure) {
            guard program.count < RegexPattern.maxProgramSize else { throw Failure("pattern too large") }
            switch node {
            case .empty: break
            case .atom(let predicate): append(.character(predicate))
            case .start: append(.assertStart)
            case .end: append(.assertEnd)
            case .concat(let items): for item in items { try emit(item) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (index, branch) in branches.enumerated() {
                    if index < branches.count - 1 {
                        let split = program.count
                        append(.split(split + 1, -1))
                        try emit(branch)
                        jumps.append(program.count)
                        append(.jump(-1))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(branch)
                    }
                }
                for jump in jumps { program[jump] = .jump(program.count) }
            case .repeatNode(let inner, let low, let high):
                for _ in 0..<low { try emit(inner) }
                if let high {
                    var splits: [Int] = []
                    for _ in low..<high {
                        splits.append(program.count)
                        append(.split(program.count + 1, -1))
                        try emit(inner)
                    }
                    for split in splits { program[split] = .split(split + 1, program.count) }
                } else {
                    let loop = program.count
                    append(.split(loop + 1, -1))
                    try emit(inner)
                    append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
            }
        }
    }

    /// A set of program states with O(1) membership and insertion-ordered iteration.
    struct StateSet {
        private var stamp: [Bool]
        private(set) var members: [Int] = []

        init(count: Int) { stamp = Array(repeating: false, count: count) }

        func contains(_ state: Int) -> Bool { stamp[state] }

        mutating func insert(_ state: Int) {
            stamp[state] = true
            members.append(state)
        }

        mutating func clear() {
            for member in members { stamp[member] = false }
            members.removeAll(keepingCapacity: true)
        }
    }

    package static func == (lhs: RegexPattern, rhs: RegexPattern) -> Bool { lhs.pattern == rhs.pattern }
    package func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}
