/// `a, b, c …(+N)`: the names a folded finding stands for, as its message lists them.
enum ShortList {
    /// Items shown before the rest is counted: enough to recognise them, short enough for one
    /// annotation line.
    static let shown = 8

    static func text(_ items: [String]) -> String {
        let rest = items.count - shown
        return items.prefix(shown).joined(separator: ", ") + (rest > 0 ? " …(+\(rest))" : "")
    }
}
