import ArgumentParser
import Configuration
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

    @Option(name: .customLong("channel-priority"), help: "conda channel priority for the solve: strict (a name comes from the first channel that has it; conda-forge's and mamba's setting), flexible (conda's own default: every channel may offer a name, higher channels preferred) or disabled (the newest version wins whatever the channel). Default: a .condarc's channel_priority, else the configuration's conda.channel_priority (strict).")
    var channelPriority: ChannelPriority?

    @Flag(name: .customLong("override-channels"), help: "Search only the --channel channels, not the spec's own (as conda's --override-channels); without it --channel is added before them, as conda's -c.")
    var overrideChannels = false

    /// Checks that need the source options too (each command's `validate` calls it).
    func validate(with sources: SourceOptions) throws {
        if overrideChannels && sources.channels.isEmpty {
            throw ValidationError("--override-channels needs at least one --channel to search instead of the spec's channels")
        }
    }

    /// The checker's options for these flags and the shared source and target options.
    func runnerOptions(sources: SourceOptions, targets: TargetOptions, context: FetchContext) -> CheckRunner.Options {
        var options = CheckRunner.Options()
        options.matrix = targets.matrix
        options.allowSdist = allowSdist
        options.transitive = !noTransitive
        options.resolve = !noResolve
        let priority = channelPriority ?? context.config.conda.channelPriority
        options.strictChannelPriority = priority == .strict
        options.flexibleChannelOrder = priority != .disabled
        if sources.indexURL != nil || !sources.extraIndexURLs.isEmpty { options.indexURLs = context.pypiIndexes(options: sources) }
        if !sources.channels.isEmpty { options.channels = sources.channels }
        options.overrideChannels = overrideChannels
        options.findLinks = sources.findLinks
        return options
    }
}

extension ChannelPriority: ExpressibleByArgument {}
