import Checks
import CondaPackaging
import Registries
import Transport

/// `preflight exists --source conda`: parses the MatchSpec, resolves the channels, reads the
/// records of the one name it asks for, and computes a verdict per target.
package enum CondaLookup {
    /// One verdict per target, in the order given.
    ///
    /// Throws `CondaLookupError.invalidSpec` for a spec that does not parse or names no single
    /// package (exit 2), and `RegistryError` when a channel cannot be read (exit 3).
    package static func availability(matchSpec: String, channels: [String], targets: [Target],
                                    http: HTTPClient, settings: CondaChannelSettings) async throws -> [Availability] {
        try await availability(matchSpec: matchSpec, channels: channels, targets: targets,
                                store: CondaRepodataStore(http: http), settings: settings)
    }

    /// The same, sharing a store (and so the loaded channels) with other lookups of this run.
    package static func availability(matchSpec: String, channels: [String], targets: [Target],
                                    store: any CondaChannelSource, settings: CondaChannelSettings) async throws -> [Availability] {
        let spec = try parse(matchSpec)
        guard let name = spec.name else { throw CondaLookupError.invalidSpec("a package name is needed, not a pattern: \(matchSpec)") }
        let resolver = CondaChannelResolver(settings: settings)
        let given = resolver.resolve(channels)
        let searched = spec.channel.map { resolver.channels(forSpecChannel: $0, among: given) } ?? given
        guard !searched.isEmpty else { throw CondaLookupError.invalidSpec("no channel to search (only `nodefaults` was given)") }

        var results: [Availability] = []
        for target in targets {
            let subdirs = CondaRepodataStore.subdirs(for: target)
            let records = try await store.records(named: [name], channels: searched, subdirs: subdirs)
            var suggestions: [String] = []
            if records.isEmpty {
                suggestions = try await nameSuggestions(for: name, store: store, channels: searched, subdirs: subdirs)
            }
            var result = CondaAvailability.evaluate(.init(
                spec: spec, requirement: matchSpec, target: target, channels: searched,
                records: records, nameSuggestions: suggestions))
            if result.status == .noSuchPackage || result.status == .noMatchingVersion {
                result.otherSubdirs = CondaOtherSubdirs.find(
                    spec: spec, records: await recordsElsewhere(named: name, channels: searched, target: target, store: store),
                    channels: searched, nameSuffices: result.status == .noSuchPackage)
                if let sentence = CondaOtherSubdirs.sentence(result.otherSubdirs, name: result.name, requirement: matchSpec) {
                    result.details.append(sentence)
                }
            }
            for channel in await store.channelsWithoutRepodata(searched, subdirs: subdirs) {
                result.notices.append(.missingRepodata(channel: channel.displayURL, subdirs: subdirs))
            }
            results.append(result)
        }
        return results
    }

    /// The records of `name` in the channels' platform subdirs other than the target's. Asked
    /// only when the target lacks what a line wants, so a run where everything is found reads
    /// no other subdir. A subdir that cannot be read only leaves its part of the hint out: the
    /// verdict is about the target's own subdirs, which were read.
    static func recordsElsewhere(named name: String, channels: [CondaChannel], target: Target,
                                 store: any CondaChannelSource) async -> [ChannelRecord] {
        let places = channels.flatMap { channel in CondaOtherSubdirs.searched(besides: target).map { (channel, $0) } }
        return await withTaskGroup(of: [ChannelRecord].self) { group in
            for (channel, subdir) in places {
                group.addTask { (try? await store.records(named: [name], channels: [channel], subdirs: [subdir])) ?? [] }
            }
            var out: [ChannelRecord] = []
            for await records in group { out += records }
            return out
        }
    }

    /// The package a MatchSpec names (lower-case, as the answer's `name` states it); nil when it names none or does not parse.
    package static func name(of matchSpec: String) -> String? {
        (try? parse(matchSpec))?.name?.lowercased()
    }

    static func parse(_ text: String) throws -> MatchSpec {
        do {
            return try MatchSpec(text)
        } catch {
            throw CondaLookupError.invalidSpec(error.description)
        }
    }

    /// For an unknown name: the conda spelling of a PyPI name (`torch` → `pytorch`,
    /// `opencv-python` → `opencv`, `sklearn` → `scikit-learn`) when the channels have it, then
    /// typos (close names by edit distance) among the channels' names.
    static func nameSuggestions(for name: String, store: any CondaChannelSource, channels: [CondaChannel],
                                subdirs: [String]) async throws -> [String] {
        let known = try await store.allNames(channels: channels, subdirs: subdirs)
        var mapped: [String] = []
        for candidate in [NameMappings.pypiToConda[name], NameMappings.pypiAliases[name],
                          NameMappings.pypiAliases[name].flatMap { NameMappings.pypiToConda[$0] }] {
            if let candidate, candidate != name, known.contains(candidate), !mapped.contains(candidate) {
                mapped.append(candidate)
            }
        }
        let close = Suggestions.closeNames(to: name, among: known.sorted())
        var result = mapped
        for candidate in close where !result.contains(candidate) { result.append(candidate) }
        return Array(result.prefix(5))
    }
}
