/// A requirement that names a location rather than (only) a name and versions.
///
/// Such requirements cannot be checked against an index; the resolver reports them as
/// unverifiable. The associated string is the location as written (environment variables
/// expanded).
package enum Reference: Sendable, Hashable {
    /// An archive or wheel URL: `https://host/pkg-1.0-py3-none-any.whl`,
    /// `name @ https://...`, a conda package URL.
    case url(String)
    /// A version-control URL: `git+https://github.com/org/repo@tag#egg=name`.
    case vcs(String)
    /// A local directory or archive: `.`, `./pkg`, `/wheels/x.whl`, `file:///...`.
    case localPath(String)

    /// The location as written.
    package var location: String {
        switch self {
        case .url(let value), .vcs(let value), .localPath(let value): return value
        }
    }
}
