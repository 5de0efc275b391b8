/// How a conda solve weighs channels against versions, with conda's names for the three settings
/// (`.condarc`'s `channel_priority`, conda's `--strict-channel-priority`).
package enum ChannelPriority: String, Sendable, CaseIterable {
    /// A name comes from the first channel that has it (conda-forge's and mamba's setting).
    case strict
    /// Every channel may offer a name; higher channels are preferred (conda's own default).
    case flexible
    /// The newest version wins whatever the channel.
    case disabled
}
