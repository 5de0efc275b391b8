import Checks
import Configuration
import Resolver

/// The settings a report names: those a file or environment variable chose and no flag of this
/// run replaced (what the user typed needs no explanation).
enum ConfiguredSettings {
    static func reported(_ config: PreflightConfiguration, flags: Set<String>) -> [ReportedSetting] {
        config.provenance.sorted.filter { !flags.contains($0.setting) }.map {
            ReportedSetting(name: $0.setting, value: $0.origin.value, source: $0.origin.source)
        }
    }
}

extension SourceOptions {
    /// The settings these flags decide, named as in the configuration file.
    var settingsGiven: Set<String> {
        var given: Set<String> = []
        if indexURL != nil { given.insert("pypi.index_url") }
        if !extraIndexURLs.isEmpty { given.insert("pypi.extra_index_urls") }
        return given
    }
}

extension TargetOptions {
    var settingsGiven: Set<String> {
        var given: Set<String> = []
        if !pythons.isEmpty { given.insert("targets.python") }
        if !platforms.isEmpty { given.insert("targets.platform") }
        if glibc != nil { given.insert("targets.glibc") }
        if macos != nil { given.insert("targets.macos") }
        return given
    }
}

extension CheckOptions {
    func settingsGiven(with sources: SourceOptions) -> Set<String> {
        var given = sources.settingsGiven
        if channelPriority != nil { given.insert("conda.channel_priority") }
        if overrideChannels { given.insert("conda.default_channels") }
        return given
    }
}
