import Foundation

/// One file an index publishes for a project, as the simple API (PEP 503/691/592/658/714) describes it.
public struct DistributionFile: Sendable, Hashable {
    public var filename: String
    /// Absolute URL (relative links are resolved against the page), fragment removed.
    public var url: String
    /// Algorithm → hex digest (`sha256` → …), from the JSON `hashes` or the URL fragment.
    public var hashes: [String: String]
    public var requiresPython: String?
    public var yanked: Bool
    public var yankedReason: String?
    /// The index serves `<url>.metadata` (PEP 658/714).
    public var hasCoreMetadata: Bool
    public var size: Int?
    /// The index root that published this file.
    public var indexURL: String

    public init(filename: String, url: String, hashes: [String: String] = [:], requiresPython: String? = nil,
                yanked: Bool = false, yankedReason: String? = nil, hasCoreMetadata: Bool = false,
                size: Int? = nil, indexURL: String) {
        self.filename = filename
        self.url = url
        self.hashes = hashes
        self.requiresPython = requiresPython
        self.yanked = yanked
        self.yankedReason = yankedReason
        self.hasCoreMetadata = hasCoreMetadata
        self.size = size
        self.indexURL = indexURL
    }
}

/// Every file of one project across the configured indexes.
public struct ProjectListing: Sendable {
    public var name: String
    public var files: [DistributionFile]
    /// Indexes that know the project; more than one is a dependency-confusion risk.
    public var indexes: [String]
}
