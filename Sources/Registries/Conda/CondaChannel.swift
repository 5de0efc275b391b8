import Transport

/// One conda channel: a URL under which `SUBDIR/repodata.json` lives.
package struct CondaChannel: Sendable, Hashable, CustomStringConvertible {
    /// The channel URL without a trailing slash. It may carry credentials (`https://user:token@host/…`),
    /// which are used for fetching and never shown.
    package var url: String
    /// The last path component of the URL (`https://conda.anaconda.org/conda-forge` → `conda-forge`).
    package var name: String
    /// What the user wrote (`conda-forge`, `defaults`, a URL), credentials removed: for messages.
    package var givenAs: String

    package init(url: String, givenAs: String? = nil) {
        var trimmed = url
        while trimmed.hasSuffix("/") && !trimmed.hasSuffix("://") { trimmed.removeLast() }
        self.url = trimmed
        self.name = CondaChannel.lastPathComponent(of: trimmed)
        self.givenAs = Redaction.stripCredentials(givenAs ?? trimmed)
    }

    /// The URL with credentials removed, for messages, reports and cache keys.
    package var displayURL: String { Redaction.stripCredentials(url) }

    /// `<channel>/<subdir>/<file>`.
    package func url(subdir: String, file: String) -> String { "\(url)/\(subdir)/\(file)" }

    package var description: String { displayURL }

    static func lastPathComponent(of url: String) -> String {
        var path = Substring(url)
        if let scheme = path.range(of: "://") { path = path[scheme.upperBound...] }
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        return path.split(separator: "/").last.map(String.init) ?? String(path)
    }
}
