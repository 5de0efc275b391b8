import Checks
import CondaPackaging
import Registries

extension CondaOtherSubdirs {
    /// The platform subdirs to look in besides the target's own (`noarch` is always searched).
    package static func searched(besides target: Target) -> [String] {
        Target.knownPlatforms.filter { $0 != target.platform }
    }

    /// Per channel (in priority order), the subdirs whose records match `spec`; when none match
    /// anywhere and `nameSuffices`, the subdirs that have the name at all.
    package static func find(spec: MatchSpec, records: [ChannelRecord], channels: [CondaChannel], nameSuffices: Bool) -> [CondaOtherSubdirs] {
        let matching = records.filter { CondaAvailability.matches(spec, $0) }
        let chosen = !matching.isEmpty ? matching : nameSuffices ? records : []
        return channels.compactMap { channel in
            let here = Set(chosen.filter { $0.channel.url == channel.url }.map(\.subdir))
            let subdirs = Target.knownPlatforms.filter(here.contains)
            return subdirs.isEmpty ? nil : CondaOtherSubdirs(channel: channel.givenAs, subdirs: subdirs, matchesSpec: !matching.isEmpty)
        }
    }
}
