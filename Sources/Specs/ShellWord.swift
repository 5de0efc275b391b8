/// One word of a shell command after quote removal and variable expansion, with the
/// position of every character.
struct ShellWord: Sendable {
    /// The word as the command receives it. Unknown variables stay as written (`$X`).
    var text: MappedString
    /// Expansions whose value is only known when the image is built: `$SERVER_VERSION`,
    /// `$(cat file)`, `` `cmd` ``.
    var unresolved: [String] = []
    /// Where the word starts in the source, even when that is an opening quote.
    var start: SourcePosition
    /// A blank separates it from what came before.
    var precededByBlank: Bool

    var string: String { text.string }
    var isResolved: Bool { unresolved.isEmpty }

    /// Where the first character of `text` came from; the word's start when it is empty.
    var textPosition: SourcePosition { text.isEmpty ? start : text.startPosition }
}

/// What a shell command line is made of, in order.
enum ShellItem: Sendable {
    case word(ShellWord)
    /// `&&`, `||`, `;`, `|`, `&`, `(`, `)`, a line break: ends a simple command.
    case separator(String, SourcePosition)
    /// `>`, `>>`, `<`, `2>` ...: the next word is a file, not an argument. `glued` is true
    /// when no blank separates it from the word before (`numpy>=1.0` unquoted).
    case redirect(String, SourcePosition, glued: Bool)
}

/// A value a shell variable may have while the image is built.
enum ShellVariable: Sendable, Equatable {
    case value(String)
    /// Set, but to something only known at build time.
    case unknown
}
