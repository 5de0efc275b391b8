import Resolver

/// `preflight chek`: the root command takes no arguments, so the argument parser would only say
/// "unexpected argument". A word where the subcommand goes that is none is answered with the
/// nearest subcommand's name instead (exit 2, a usage error), before the parser sees it.
enum SubcommandSuggestion {
    static func message(for arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = PreflightCommand.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        let lead = "unknown command '\(first)'"
        if let guess = Suggestions.closeNames(to: first.lowercased(), among: names, limit: 1).first {
            return lead + "; did you mean `\(guess)`?"
        }
        return lead + "; the commands are \(names.dropLast().joined(separator: ", ")) (see preflight --help)"
    }
}
