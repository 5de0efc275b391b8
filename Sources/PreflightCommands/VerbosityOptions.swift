import ArgumentParser
import Transport

/// `-v` and `-q`, as pip and uv spell them: verbose is the walk's trace (`PREFLIGHT_TRACE=1`,
/// without having to know the variable), quiet leaves stderr to errors, for scripts and CI logs
/// that want only what went wrong. Part of `SourceOptions`, so every fetching command has them.
struct VerbosityOptions: ParsableArguments {
    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "Print the run's decisions on stderr (the same as PREFLIGHT_TRACE=1).")
    var verbose = false

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Print no progress and no warnings on stderr, only errors.")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet contradict each other; give one") }
    }

    /// Called first thing in a command's `run`, before anything is printed or fetched: turns the
    /// trace on for `-v`, and gives the run's console (quiet for `-q`).
    func apply() -> Console {
        if verbose { Trace.enable() }
        return Console(quiet: quiet)
    }
}
