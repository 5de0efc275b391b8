/// Splits a POSIX shell command line (as written in a Dockerfile `RUN`) into words,
/// separators and redirections: quotes, backslashes, `$VAR`/`${VAR:-default}` expansion,
/// `$(...)` and backticks (unresolved), comments.
///
/// It is not a shell: it knows enough to find `pip install` and `conda install` commands
/// and their arguments exactly, and to tell when an argument cannot be known in advance.
struct ShellLexer {
    let source: MappedString
    /// The value of a variable; nil when it is not known to be set.
    let lookup: (String) -> ShellVariable?

    private static let operators = [
        "&>>", "<<<", "<<-", "&&", "||", ";;", "|&", "&>", ">>", ">|", ">&", "<<", "<&", "<>",
        ">", "<", ";", "&", "|", "(", ")",
    ].map { Array($0.unicodeScalars) }
    private static let redirections: Set<String> = [
        "&>>", "<<<", "<<-", "&>", ">>", ">|", ">&", "<<", "<&", "<>", ">", "<",
    ]

    func items() -> [ShellItem] {
        var state = State(source: source, lookup: lookup)
        state.run()
        return state.items
    }

    private struct State {
        let source: MappedString
        let lookup: (String) -> ShellVariable?
        var items: [ShellItem] = []
        var word: ShellWord? = nil
        var lastWasBlank = true
        var index = 0
        /// Where the current word began in `source`.
        var wordStart = 0

        init(source: MappedString, lookup: @escaping (String) -> ShellVariable?) {
            self.source = source
            self.lookup = lookup
        }

        var scalars: [Unicode.Scalar] { source.scalars }

        mutating func flush() {
            if let finished = word { items.append(.word(finished)) }
            word = nil
        }

        mutating func startWord() {
            if word == nil {
                wordStart = index
                word = ShellWord(
                    text: MappedString(path: source.path, at: point(index)), start: source.position(at: index),
                    precededByBlank: lastWasBlank)
            }
        }

        func point(_ i: Int) -> TextPoint { i < source.points.count ? source.points[i] : source.end }

        mutating func appendLiteral(_ i: Int) {
            word!.text.append(scalars[i], at: source.points[i])
        }

        mutating func run() {
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar.isBlank {
                    flush()
                    lastWasBlank = true
                    index += 1
                    continue
                }
                if scalar == "\n" || scalar == "\r" {
                    flush()
                    items.append(.separator("\n", source.position(at: index)))
                    lastWasBlank = true
                    index += 1
                    continue
                }
                if word == nil, scalar == "#" {
                    while index < scalars.count, scalars[index] != "\n", scalars[index] != "\r" { index += 1 }
                    continue
                }
                if let op = operatorAt(index) {
                    let text = String(String.UnicodeScalarView(op))
                    var glued = word != nil
                    var position = source.position(at: index)
                    // `2>file`: a word of digits right before a redirection is its descriptor.
                    if Self.isRedirection(text), let current = word, !current.text.isEmpty,
                       current.text.scalars.allSatisfy({ ("0"..."9").contains($0) }),
                       current.text.count == index - wordStart {
                        position = current.start
                        word = nil
                        glued = false
                    }
                    flush()
                    if Self.isRedirection(text) {
                        items.append(.redirect(text, position, glued: glued))
                    } else {
                        items.append(.separator(text, position))
                    }
                    lastWasBlank = false
                    index += op.count
                    continue
                }
                startWord()
                switch scalar {
                case "\\":
                    if index + 1 < scalars.count {
                        if scalars[index + 1] == "\n" {
                            index += 2
                        } else {
                            appendLiteral(index + 1)
                            index += 2
                        }
                    } else {
                        index += 1
                    }
                case "'":
                    index += 1
                    while index < scalars.count, scalars[index] != "'" {
                        appendLiteral(index)
                        index += 1
                    }
                    index += 1
                case "\"":
                    index += 1
                    doubleQuoted()
                case "$":
                    expansion(inDoubleQuotes: false)
                case "`":
                    backticks()
                default:
                    appendLiteral(index)
                    index += 1
                }
                lastWasBlank = false
            }
            flush()
        }

        func operatorAt(_ i: Int) -> [Unicode.Scalar]? {
            let first = scalars[i]
            guard ";&|()<>".unicodeScalars.contains(first) else { return nil }
            for op in ShellLexer.operators where i + op.count <= scalars.count {
                if Array(scalars[i..<(i + op.count)]) == op { return op }
            }
            return nil
        }

        static func isRedirection(_ text: String) -> Bool { ShellLexer.redirections.contains(text) }

        mutating func doubleQuoted() {
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\"" {
                    index += 1
                    return
                }
                if scalar == "\\", index + 1 < scalars.count, "$`\"\\\n".unicodeScalars.contains(scalars[index + 1]) {
                    if scalars[index + 1] != "\n" { appendLiteral(index + 1) }
                    index += 2
                    continue
                }
                if scalar == "$" {
                    expansion(inDoubleQuotes: true)
                    continue
                }
                if scalar == "`" {
                    backticks()
                    continue
                }
                appendLiteral(index)
                index += 1
            }
        }

        mutating func backticks() {
            let start = index
            index += 1
            while index < scalars.count, scalars[index] != "`" {
                if scalars[index] == "\\" { index += 1 }
                index += 1
            }
            index = min(index + 1, scalars.count)
            unresolvedText(from: start, to: index, name: "`...`")
        }

        /// Appends the source text of an expansion that cannot be resolved, as written.
        mutating func unresolvedText(from start: Int, to end: Int, name: String) {
            for i in start..<min(end, scalars.count) { appendLiteral(i) }
            word!.unresolved.append(name)
        }

        mutating func appendValue(_ value: String, at i: Int) {
            word!.text.append(MappedString(path: source.path, text: value, allAt: source.points[i]))
        }

        static func isNameStart(_ s: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || s == "_"
        }
        static func isNameScalar(_ s: Unicode.Scalar) -> Bool { isNameStart(s) || ("0"..."9").contains(s) }

        mutating func expansion(inDoubleQuotes: Bool) {
            let start = index
            guard index + 1 < scalars.count else {
                appendLiteral(index)
                index += 1
                return
            }
            let next = scalars[index + 1]
            if next == "(" {
                // $(...) or $((...)): skip to the matching parenthesis.
                var depth = 0
                var i = index + 1
                var quote: Unicode.Scalar? = nil
                while i < scalars.count {
                    let s = scalars[i]
                    if let q = quote {
                        if s == q { quote = nil } else if s == "\\", q == "\"" { i += 1 }
                    } else if s == "'" || s == "\"" {
                        quote = s
                    } else if s == "\\" {
                        i += 1
                    } else if s == "(" {
                        depth += 1
                    } else if s == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    i += 1
                }
                index = min(i + 1, scalars.count)
                unresolvedText(from: start, to: index, name: "$(...)")
                return
            }
            if next == "{" {
                guard let close = source.firstIndex(of: "}", from: index + 2) else {
                    index = scalars.count
                    unresolvedText(from: start, to: index, name: "${")
                    return
                }
                let inner = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
                index = close + 1
                braced(inner, start: start, end: index)
                return
            }
            if !inDoubleQuotes, next == "'" {
                // $'...': ANSI-C quoting; escapes are kept as written.
                index += 2
                while index < scalars.count, scalars[index] != "'" {
                    if scalars[index] == "\\", index + 1 < scalars.count { appendLiteral(index); index += 1 }
                    appendLiteral(index)
                    index += 1
                }
                index += 1
                return
            }
            if !inDoubleQuotes, next == "\"" {
                index += 2
                doubleQuoted()
                return
            }
            if Self.isNameStart(next) {
                var end = index + 1
                while end < scalars.count, Self.isNameScalar(scalars[end]) { end += 1 }
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                index = end
                if case .value(let value)? = lookup(name) {
                    appendValue(value, at: start)
                } else {
                    unresolvedText(from: start, to: end, name: "$" + name)
                }
                return
            }
            if ("0"..."9").contains(next) || "@*#?$!-".unicodeScalars.contains(next) {
                index += 2
                unresolvedText(from: start, to: index, name: "$" + String(next))
                return
            }
            appendLiteral(index)
            index += 1
        }

        /// `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alternative}`; other
        /// forms are unresolved.
        mutating func braced(_ inner: String, start: Int, end: Int) {
            let scalars = Array(inner.unicodeScalars)
            var nameEnd = 0
            while nameEnd < scalars.count, Self.isNameScalar(scalars[nameEnd]) { nameEnd += 1 }
            let name = String(String.UnicodeScalarView(scalars[0..<nameEnd]))
            let rest = String(String.UnicodeScalarView(scalars[nameEnd...]))
            guard !name.isEmpty, let first = name.unicodeScalars.first, Self.isNameStart(first) else {
                unresolvedText(from: start, to: end, name: "${\(inner)}")
                return
            }
            let variable = lookup(name)
            if rest.isEmpty {
                if case .value(let value)? = variable { appendValue(value, at: start) } else {
                    unresolvedText(from: start, to: end, name: "$" + name)
                }
                return
            }
            for op in [":-", "-", ":+", "+"] where rest.hasPrefix(op) {
                let operand = String(rest.dropFirst(op.count))
                let isSet: Bool
                switch variable {
                case .value(let value)?: isSet = op.hasPrefix(":") ? !value.isEmpty : true
                case .unknown?:
                    unresolvedText(from: start, to: end, name: "$" + name)
                    return
                case nil: isSet = false
                }
                if op.hasSuffix("-") {
                    if isSet, case .value(let value)? = variable { appendValue(value, at: start) } else {
                        appendValue(operand, at: start)
                    }
                } else if isSet {
                    appendValue(operand, at: start)
                }
                return
            }
            unresolvedText(from: start, to: end, name: "${\(inner)}")
        }
    }
}
