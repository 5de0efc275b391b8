/// Whether the text report is coloured: `--color auto|always|never`, and under `auto` the
/// conventions other tools follow, so one setting in a CI job or shell profile covers preflight
/// too. `NO_COLOR` (no-color.org: set and not empty) turns colour off and `FORCE_COLOR`
/// (set, not empty and not `0`, as Node and pytest read it) on, and `TERM=dumb` (Emacs shells,
/// some CI consoles) gets none, even on a terminal. NO_COLOR wins over FORCE_COLOR: asking for
/// less is the safer reading of a contradiction.
package enum ColourChoice: String, Sendable, CaseIterable {
    case auto, always, never

    package func style(environment: [String: String], isTerminal: Bool) -> TextStyle {
        switch self {
        case .always: return TextStyle(colour: true)
        case .never: return TextStyle(colour: false)
        case .auto:
            if let no = environment["NO_COLOR"], !no.isEmpty { return TextStyle(colour: false) }
            if let force = environment["FORCE_COLOR"], !force.isEmpty, force != "0" { return TextStyle(colour: true) }
            return TextStyle(colour: isTerminal && environment["TERM"] != "dumb")
        }
    }
}
