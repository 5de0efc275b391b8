import Foundation
import Transport

/// Turns what users write (`conda-forge`, `defaults`, `nodefaults`, a URL) into channels in
/// priority order, and finds the channel a MatchSpec's `channel::` part refers to.
package struct CondaChannelResolver: Sendable {
    package var settings: CondaChannelSettings

    package init(settings: CondaChannelSettings) {
        self.settings = settings
    }

    /// The channels for a list of names or URLs, in the order given, each once.
    ///
    /// `defaults` expands to the configured defaults list; `nodefaults` removes whatever `defaults`
    /// contributed (as in an environment.yml). An empty list means `defaults`, as in conda.
    package func resolve(_ given: [String]) -> [CondaChannel] {
        let entries = given.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let excludeDefaults = entries.contains("nodefaults")
        let wanted = entries.filter { $0 != "nodefaults" }
        var result: [CondaChannel] = []
        var seen = Set<String>()
        for entry in wanted.isEmpty && !excludeDefaults ? ["defaults"] : wanted {
            let expanded: [CondaChannel]
            if entry == "defaults" {
                expanded = excludeDefaults ? [] : defaultsChannels()
            } else {
                expanded = [channel(for: entry)]
            }
            for channel in expanded where seen.insert(channel.url).inserted {
                result.append(channel)
            }
        }
        return result
    }

    /// The channel a single name or URL stands for (`defaults` is not a single channel: see `resolve`).
    package func channel(for entry: String) -> CondaChannel {
        if Self.isURL(entry) { return CondaChannel(url: entry, givenAs: entry) }
        if entry.hasPrefix("/") { return CondaChannel(url: "file://" + entry, givenAs: entry) }
        var name = entry
        while name.hasSuffix("/") { name.removeLast() }
        if let custom = settings.customChannels[name] { return CondaChannel(url: custom, givenAs: entry) }
        var alias = settings.channelAlias
        while alias.hasSuffix("/") { alias.removeLast() }
        return CondaChannel(url: alias + "/" + name, givenAs: entry)
    }

    /// The channels a MatchSpec's channel part (`r` in `r::r-base`, or a URL) refers to: the given
    /// channels whose name or full URL matches; only when none does, the channel it resolves to on
    /// its own (through the alias, the custom channels, or the defaults list).
    package func channels(forSpecChannel specChannel: String, among given: [CondaChannel]) -> [CondaChannel] {
        let wanted = specChannel.trimmingCharacters(in: .whitespaces)
        if wanted == "defaults" {
            let defaults = Set(defaultsChannels().map(\.url))
            let matching = given.filter { defaults.contains($0.url) || $0.givenAs == "defaults" }
            return matching.isEmpty ? defaultsChannels() : matching
        }
        let wantedURL = Self.isURL(wanted) ? Self.comparableURL(wanted) : nil
        let matching = given.filter { channel in
            if let wantedURL { return Self.comparableURL(channel.url) == wantedURL }
            return channel.name == wanted || channel.givenAs == wanted
        }
        if !matching.isEmpty { return matching }
        return [channel(for: wanted)]
    }

    func defaultsChannels() -> [CondaChannel] {
        settings.defaultsChannels.map { CondaChannel(url: $0, givenAs: "defaults") }
    }

    static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("file://")
    }

    /// A URL compared without credentials, trailing slashes or letter case of the scheme and host.
    static func comparableURL(_ url: String) -> String {
        var stripped = Redaction.stripCredentials(url)
        while stripped.hasSuffix("/") && !stripped.hasSuffix("://") { stripped.removeLast() }
        guard let schemeEnd = stripped.range(of: "://") else { return stripped }
        let rest = stripped[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        return stripped[..<schemeEnd.upperBound].lowercased() + rest[..<hostEnd].lowercased() + rest[hostEnd...]
    }
}
