import Foundation

/// The folders under a cache root, each named once: what each layer keeps, and its format
/// version (a new layout gets a new name, so an old cache is ignored rather than misread).
package enum CacheFolder: String, CaseIterable, Sendable {
    /// HTTP responses: metadata and bodies (`HTTPCache`).
    case http = "http-v1"
    /// Half-written files before they are renamed into place.
    case temporary = "tmp"
    /// Lock files that serialise processes sharing the cache.
    case locks = "locks"
    /// Parsed PyPI project pages, keyed by the page body's digest.
    case pypiPages = "pypi-pages-v1"
    /// The index's list of project names, for "did you mean".
    case pypiNames = "pypi-names-v1"
    /// Compact indexes of conda channel subdirs.
    case condaIndex = "conda-index-v1"
    /// Per-spec results replayed while nothing they read changed.
    case specMemo = "spec-memo-v2"
    /// Whole-command answers replayed while nothing they read changed.
    case commandMemo = "memo-v1"

    package func url(in root: URL) -> URL {
        root.appendingPathComponent(rawValue, isDirectory: true)
    }
}
