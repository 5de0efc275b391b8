/// A simple shell command: its words and the redirections written among them.
struct ShellCommand: Sendable {
    struct Redirection: Sendable {
        var op: String
        var position: SourcePosition
        /// No blank between it and the word before.
        var glued: Bool
        /// Index in `words` of the word just before it; -1 when none.
        var afterWord: Int
        /// The file (or here-document delimiter) it redirects to.
        var target: ShellWord?
    }

    var words: [ShellWord]
    var redirections: [Redirection]

    /// Splits lexed items into simple commands at `&&`, `||`, `;`, `|`, `&`, parentheses and
    /// line breaks.
    static func split(_ items: [ShellItem]) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        var current = ShellCommand(words: [], redirections: [])
        var awaitingTarget = false
        for item in items {
            switch item {
            case .word(let word):
                if awaitingTarget {
                    current.redirections[current.redirections.count - 1].target = word
                    awaitingTarget = false
                } else {
                    current.words.append(word)
                }
            case .redirect(let op, let position, let glued):
                current.redirections.append(Redirection(
                    op: op, position: position, glued: glued, afterWord: current.words.count - 1, target: nil))
                awaitingTarget = true
            case .separator:
                if !current.words.isEmpty || !current.redirections.isEmpty { commands.append(current) }
                current = ShellCommand(words: [], redirections: [])
                awaitingTarget = false
            }
        }
        if !current.words.isEmpty || !current.redirections.isEmpty { commands.append(current) }
        return commands
    }

    /// `NAME=value` assignments at the start of the command, and those of `export`.
    var assignments: [(name: String, word: ShellWord)] {
        var result: [(String, ShellWord)] = []
        var index = 0
        if let first = words.first, first.string == "export" || first.string == "declare" || first.string == "local" {
            index = 1
        }
        while index < words.count {
            let word = words[index]
            guard let equals = word.text.firstIndex(of: "="), equals > 0,
                  Self.isName(word.text.prefix(upTo: equals).string) else { break }
            result.append((word.text.prefix(upTo: equals).string,
                           ShellWord(text: word.text.suffix(from: equals + 1), unresolved: word.unresolved,
                                     start: word.start, precededByBlank: word.precededByBlank)))
            index += 1
        }
        return result
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_" else {
            return false
        }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }
}
