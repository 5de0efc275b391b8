import Checks
import CondaPackaging
import Foundation
import Registries
import Transport
@testable import Resolver

/// A package index held in memory: projects by normalized name, each version's metadata by
/// file name. A name in `failing` answers as an unreachable index does.
struct InMemoryIndex: PackageIndex, MetadataSource, ProjectNameSource {
    var indexURLs = ["https://index.example/simple"]
    var projects: [String: [DistributionFile]] = [:]
    var requiresDist: [String: [String]] = [:]
    var failing: Set<String> = []
    var http: HTTPClient { HTTPClient(settings: TransportSettings(), cache: nil) }
    var metadataSource: any MetadataSource { self }

    /// `name-version-py3-none-any.whl` for each version, with the dependencies given.
    mutating func add(_ name: String, _ versions: [String], requires: [String] = [], requiresPython: String? = nil, yanked: Set<String> = []) {
        for version in versions {
            let filename = "\(name.replacingOccurrences(of: "-", with: "_"))-\(version)-py3-none-any.whl"
            projects[name, default: []].append(DistributionFile(filename: filename, url: "https://files.example/\(filename)",
                                                                requiresPython: requiresPython, yanked: yanked.contains(version),
                                                                indexURL: indexURLs[0]))
            requiresDist[filename] = requires
        }
    }

    func listing(for name: String) async throws -> ProjectListing? {
        let normalized = name.lowercased().replacingOccurrences(of: "_", with: "-")
        if failing.contains(normalized) {
            throw RegistryError(source: indexURLs[0], detail: "connection refused")
        }
        return projects[normalized].map { ProjectListing(name: normalized, files: $0, indexes: [indexURLs[0]]) }
    }

    func metadata(project: String, version: String, file: DistributionFile) async throws -> MetadataFetcher.Result {
        .known(CoreMetadata(name: project, version: version, requiresDist: requiresDist[file.filename] ?? []), .coreMetadataFile)
    }

    func classifiers(project: String, version: String, sdist: DistributionFile) async -> [String]? { [] }

    func names(index: String) async throws -> [String] { projects.keys.sorted() + ["requests"] }
}

/// Channel records held in memory, as one channel's `linux-64` and `noarch` subdirs.
struct InMemoryChannels: CondaChannelSource {
    var records: [PackageRecord] = []
    let channel = CondaChannel(url: "https://conda.example/forge", givenAs: "forge")

    func records(named names: [String], channels: [CondaChannel], target: Target) async throws -> [ChannelRecord] {
        try await records(named: names, channels: channels, subdirs: CondaRepodataStore.subdirs(for: target))
    }

    func records(named names: [String], channels: [CondaChannel], subdirs: [String]) async throws -> [ChannelRecord] {
        records.filter { names.contains($0.name) && subdirs.contains($0.subdir ?? "noarch") }.map {
            ChannelRecord(record: $0, channel: channel, subdir: $0.subdir ?? "noarch", url: "\(channel.url)/\($0.subdir ?? "noarch")/\($0.fileName)")
        }
    }

    func allNames(channels: [CondaChannel], subdirs: [String]) async throws -> Set<String> { Set(records.map(\.name)) }

    func channelsWithoutRepodata(_ channels: [CondaChannel], subdirs: [String]) async -> [CondaChannel] { [] }

    mutating func add(_ name: String, _ version: String, build: String = "0", subdir: String = "linux-64", depends: [String] = []) {
        records.append(PackageRecord(fileName: "\(name)-\(version)-\(build).conda", name: name, version: version, build: build,
                                     subdir: subdir, depends: depends))
    }
}
