import Checks
import Registries
import Transport

/// What the pip-side checks ask of a package index: a project's files, and a version's core
/// metadata. `PyPIClient` answers from the network and the cache; the resolver's unit tests
/// answer from memory, so verdicts and findings are tested without a server. (uv's
/// `ResolverProvider` draws the same line.)
package protocol PackageIndex: Sendable {
    /// The index roots, in priority order, as findings name them.
    var indexURLs: [String] { get }
    /// Nil when no index has the project.
    func listing(for name: String) async throws -> ProjectListing?
    var metadataSource: any MetadataSource { get }
    /// For direct references (a wheel named by URL), which are fetched as they are, not looked up.
    var http: HTTPClient { get }
}

/// A version's metadata, read from one of its files (PEP 658 file, wheel or sdist).
package protocol MetadataSource: Sendable {
    func metadata(project: String, version: String, file: DistributionFile) async throws -> MetadataFetcher.Result
    /// The sdist's Trove classifiers; nil when they cannot be read.
    func classifiers(project: String, version: String, sdist: DistributionFile) async -> [String]?
}

/// Every project name an index serves, for did-you-mean suggestions.
package protocol ProjectNameSource: Sendable {
    func names(index: String) async throws -> [String]
}

extension PyPIClient: PackageIndex {
    package var metadataSource: any MetadataSource { metadata }
}

extension MetadataFetcher: MetadataSource {}
extension ProjectNameIndex: ProjectNameSource {}

/// What the conda-side checks ask of their channels: the records of some names for a target.
/// `CondaRepodataStore` reads repodata (every encoding, sharded or not); the unit tests hold
/// records in memory. (rattler's `SubdirClient` draws the same line.)
package protocol CondaChannelSource: Sendable {
    func records(named names: [String], channels: [CondaChannel], target: Target) async throws -> [ChannelRecord]
    func records(named names: [String], channels: [CondaChannel], subdirs: [String]) async throws -> [ChannelRecord]
    /// Every package name of the channels' subdirs, for did-you-mean suggestions.
    func allNames(channels: [CondaChannel], subdirs: [String]) async throws -> Set<String>
    /// The channels that answered 404 for every one of the subdirs (a wrong channel name).
    func channelsWithoutRepodata(_ channels: [CondaChannel], subdirs: [String]) async -> [CondaChannel]
}

extension CondaRepodataStore: CondaChannelSource {}
