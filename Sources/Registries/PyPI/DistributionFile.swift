import Foundation

/// One file an index publishes for a project, as the simple API (PEP 503/691/592/658/714) describes it.
package struct DistributionFile: Sendable, Hashable {
    package var filename: String
    /// Absolute URL (relative links are resolved against the page), fragment removed.
    package var url: String
    /// Algorithm → hex digest (`sha256` → …), from the JSON `hashes` or the URL fragment.
    package var hashes: [String: String]
    package var requiresPython: String?
    package var yanked: Bool
    package var yankedReason: String?
    /// The index serves `<url>.metadata` (PEP 658/714).
    package var hasCoreMetadata: Bool
    package var size: Int?
    /// The index root that published this file.
    package var indexURL: String

    package init(filename: String, url: String, hashes: [String: String] = [:], requiresPython: String? = nil,
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
package struct ProjectListing: Sendable {
    package var name: String
    package var files: [DistributionFile]
    /// Indexes that know the project; more than one is a dependency-confusion risk.
    package var indexes: [String]

    package init(name: String, files: [DistributionFile], indexes: [String]) {
        self.name = name
        self.files = files
        self.indexes = indexes
    }
}
