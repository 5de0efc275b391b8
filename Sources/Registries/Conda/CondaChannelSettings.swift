/// How channel names become URLs: the part of the configuration file that concerns conda.
///
/// The lead fills it from the configuration; the defaults are conda's own.
package struct CondaChannelSettings: Sendable, Hashable {
    /// The URL a bare channel name is appended to (`conda-forge` → `<alias>/conda-forge`).
    package var channelAlias: String
    /// What the name `defaults` expands to, in priority order.
    package var defaultsChannels: [String]
    /// Channel name → the channel's full URL; wins over the alias, so `conda-forge` can point at a mirror.
    package var customChannels: [String: String]

    package init(
        channelAlias: String = CondaChannelSettings.standardAlias,
        defaultsChannels: [String] = CondaChannelSettings.standardDefaults,
        customChannels: [String: String] = [:]
    ) {
        self.channelAlias = channelAlias
        self.defaultsChannels = defaultsChannels
        self.customChannels = customChannels
    }

    /// conda's default `channel_alias`.
    package static let standardAlias = "https://conda.anaconda.org"
    /// conda's default `default_channels` on Linux and macOS.
    package static let standardDefaults = ["https://repo.anaconda.com/pkgs/main", "https://repo.anaconda.com/pkgs/r"]
}
