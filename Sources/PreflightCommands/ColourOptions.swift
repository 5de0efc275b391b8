import ArgumentParser
import Foundation
import Reports

extension ColourChoice: ExpressibleByArgument {}

/// `--color`, for the commands that print a text report (`check`, `exists`).
struct ColourOptions: ParsableArguments {
    @Option(name: .customLong("color"), help: "Colour the text report: auto (default: on a terminal, unless NO_COLOR is set or TERM=dumb; FORCE_COLOR turns it on), always or never.")
    var colour: ColourChoice = .auto

    var style: TextStyle {
        colour.style(environment: ProcessInfo.processInfo.environment, isTerminal: isatty(STDOUT_FILENO) != 0)
    }
}
