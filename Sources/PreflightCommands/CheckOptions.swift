import ArgumentParser
import Resolver

/// The flags that decide how specs are checked, shared by `check` and `audit` so that both build
/// the checker's options in one place (a flag added here reaches both).
struct CheckOptions: ParsableArguments {
    @Flag(name: .customLong("no-transitive"), help: "Check only the requirements written in the specs, not what they pull in.")
    var noTransitive = false

    @Flag(name: .customLong("allow-sdist"), help: "Count a source distribution as available.")
    var allowSdist = false

    @Flag(name: .customLong("no-resolve"), help: "Check availability only; do not resolve the requirements together.")
    var noResolve = false

    @Option(name: .customLong("channel-priority"), help: "conda channel priority for the solve: strict (conda's default: a name comes from the first channel that has it) or flexible (every channel may offer it).")
    var channelPriority: ChannelPriority = .strict

    enum ChannelPriority: String, ExpressibleByArgument, CaseIterable {
        case strict, flexible
    }

    /// The checker's options for these flags and the shared source and target options.
    func runnerOptions(sources: SourceOptions, targets: TargetOptions, env: Environment) -> CheckRunner.Options {
        var options = CheckRunner.Options()
        options.matrix = targets.matrix
        options.allowSdist = allowSdist
        options.transitive = !noTransitive
        options.resolve = !noResolve
        options.strictChannelPriority = channelPriority == .strict
        if sources.indexURL != nil || !sources.extraIndexURLs.isEmpty { options.indexURLs = env.pypiIndexes(options: sources) }
        if !sources.channels.isEmpty { options.channels = sources.channels }
        options.findLinks = sources.findLinks
        return options
    }
}
