import Checks
import CondaPackaging
import Foundation
import Transport

/// Conda channel metadata for one run of preflight: loads each channel subdir once (concurrently,
/// through the HTTP cache and the compact index), then answers lookups by package name.
///
///     let store = CondaRepodataStore(http: http)
///     let records = try await store.records(named: ["numpy"], channels: channels, subdirs: ["linux-64", "noarch"])
package final class CondaRepodataStore: Sendable {
    private let loader: RepodataLoader
    private let loaded = SharedTasks<SubdirRepodata>()
    /// The records of one name in one subdir, decoded once per run: the availability walk, the
    /// solve of every target and the solve again without the lines that cannot install all ask
    /// for the same names, and decoding is most of what a warm lookup costs.
    private let decoded = SharedTasks<[ChannelRecord]>()

    package init(http: HTTPClient) {
        loader = RepodataLoader(http: http)
    }

    /// The subdirs a target reads: its own platform and `noarch`.
    package static func subdirs(for target: Target) -> [String] {
        target.platform == "noarch" ? ["noarch"] : [target.platform, "noarch"]
    }

    /// Every record of these names in the channels' target subdir and `noarch`, in channel
    /// priority order. Throws `RegistryError` when a channel cannot be read.
    package func records(named names: [String], channels: [CondaChannel], target: Target) async throws -> [ChannelRecord] {
        try await records(named: names, channels: channels, subdirs: Self.subdirs(for: target))
    }

    /// Every record of these names in the given subdirs of the channels (priority order kept).
    package func records(named names: [String], channels: [CondaChannel], subdirs: [String]) async throws -> [ChannelRecord] {
        let wanted = Array(Set(names.map { $0.lowercased() })).sorted()
        let places = channels.flatMap { channel in subdirs.map { (channel, $0) } }
        return try await Self.inPriorityOrder(places) { channel, subdir in
            var found: [ChannelRecord] = []
            for name in wanted {
                found += try await self.records(named: name, channel: channel, subdir: subdir)
            }
            return found
        }.flatMap { $0 }
    }

    /// Runs `work` for every (channel, subdir) concurrently and returns the results in the given
    /// order. When some fail, the failure of the earliest place (channel priority) is thrown, not
    /// whichever came first: the reported cause is then the same on every run, and an audit
    /// does not see a "new" finding because another channel lost the race.
    private static func inPriorityOrder<T: Sendable>(
        _ places: [(CondaChannel, String)], _ work: @escaping @Sendable (CondaChannel, String) async throws -> T
    ) async throws -> [T] {
        let results = await withTaskGroup(of: (Int, Result<T, any Error>).self) { group in
            for (position, (channel, subdir)) in places.enumerated() {
                group.addTask {
                    do { return (position, .success(try await work(channel, subdir))) } catch { return (position, .failure(error)) }
                }
            }
            var byPlace = [Result<T, any Error>?](repeating: nil, count: places.count)
            for await (position, result) in group { byPlace[position] = result }
            return byPlace
        }
        return try results.map { try $0!.get() }
    }

    /// Every package name the channels' subdirs know (for "did you mean" suggestions).
    package func allNames(channels: [CondaChannel], subdirs: [String]) async throws -> Set<String> {
        var names = Set<String>()
        for channel in channels {
            for subdir in subdirs {
                let repodata = try await subdirRepodata(channel: channel, subdir: subdir)
                do {
                    names.formUnion(try repodata.allNames())
                } catch {
                    // A damaged name table: rebuild once and read again.
                    let rebuilt = try await reload(channel: channel, subdir: subdir)
                    names.formUnion((try? rebuilt.allNames()) ?? [])
                }
            }
        }
        return names
    }

    /// The channels none of whose given subdirs exist (every one answered 404): most likely a
    /// misspelt channel name or URL, worth a warning even though a missing subdir is, by
    /// conda's rules, simply "no packages".
    package func channelsWithoutRepodata(_ channels: [CondaChannel], subdirs: [String]) async -> [CondaChannel] {
        var missing: [CondaChannel] = []
        for channel in channels {
            var empty = true
            for subdir in subdirs {
                guard let repodata = try? await subdirRepodata(channel: channel, subdir: subdir) else { empty = false; break }
                if case .empty = repodata.content { continue }
                empty = false
                break
            }
            if empty { missing.append(channel) }
        }
        return missing
    }

    // MARK: - One name in one subdir

    private func records(named name: String, channel: CondaChannel, subdir: String) async throws -> [ChannelRecord] {
        let key = channel.url + "\n" + subdir + "\n" + name
        let task = await decoded.task(for: key) { try await self.decodedRecords(named: name, channel: channel, subdir: subdir) }
        do {
            return try await task.value
        } catch {
            // A shard that could not be fetched is asked for again by the next lookup, as before.
            await decoded.forget(key, task)
            throw error
        }
    }

    private func decodedRecords(named name: String, channel: CondaChannel, subdir: String) async throws -> [ChannelRecord] {
        let repodata = try await subdirRepodata(channel: channel, subdir: subdir)
        do {
            return try await records(named: name, in: repodata)
        } catch is CompactRepodataIndex.Damaged {
            // The compact index on disk was damaged after it was written: build it again.
            let rebuilt = try await reload(channel: channel, subdir: subdir)
            do {
                return try await records(named: name, in: rebuilt)
            } catch is CompactRepodataIndex.Damaged {
                throw RegistryError(source: rebuilt.source, detail: "the compact index is damaged even after a rebuild")
            }
        }
    }

    private func records(named name: String, in repodata: SubdirRepodata) async throws -> [ChannelRecord] {
        let groups: [RepodataRecordGroup]
        switch repodata.content {
        case .empty:
            return []
        case .indexed(let index, _):
            groups = try index.recordRuns(named: name)
        case .sharded(let shards):
            guard let hash = shards.shardHash(for: name) else { return [] }
            groups = try await loader.shard(url: shards.shardURL(hash: hash), hash: hash, source: repodata.source)
        }
        do {
            return try RecordGroupDecoder.decode(groups, name: name, from: repodata)
        } catch let failure as RecordGroupDecoder.Failure {
            throw RegistryError(source: repodata.source, detail: failure.description)
        }
    }

    // MARK: - Loading, once per subdir

    private func subdirRepodata(channel: CondaChannel, subdir: String) async throws -> SubdirRepodata {
        let key = channel.url + "\n" + subdir
        let task = await loaded.task(for: key) { [loader] in
            try await loader.load(channel: channel, subdir: subdir)
        }
        return try await task.value
    }

    private func reload(channel: CondaChannel, subdir: String) async throws -> SubdirRepodata {
        let key = channel.url + "\n" + subdir
        let task = await loaded.replace(key) { [loader] in
            try await loader.load(channel: channel, subdir: subdir, forceRebuild: true)
        }
        return try await task.value
    }
}
