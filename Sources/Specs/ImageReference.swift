/// A container image as written in `FROM` or an Azure ML `image:` (`docker.io/library/python:3.8-slim@sha256:…`):
/// its repository's last path component and its tag, lower-cased. Pure.
package struct ImageReference: Sendable, Hashable {
    /// `python` for `docker.io/library/python:3.8-slim`.
    package var repository: String
    /// `3.8-slim`; empty when the image names no tag.
    package var tag: String

    package init(_ image: String) {
        var name = image.lowercased()
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        var tag = ""
        // A colon after the last slash separates the tag; one before it is a registry's port.
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            tag = String(name[name.index(after: colon)...])
            name = String(name[..<colon])
        }
        repository = FilePaths.baseName(name)
        self.tag = tag
    }

    /// The official `python` images (or a mirror of them under another registry).
    package var isPythonImage: Bool { repository == "python" }

    /// The version a `python` image's tag starts with: `3.8-slim` → `3.8`, `3.8.13` → `3.8.13`.
    package var pythonTagVersion: String? {
        guard isPythonImage else { return nil }
        let parts = tag.prefix(while: { $0.isASCIIDigit || $0 == "." }).split(separator: ".", omittingEmptySubsequences: true)
        return parts.count >= 2 ? parts.prefix(3).joined(separator: ".") : nil
    }

    /// A `python` tag that names no distribution (`3.11`, `3.11-slim`), unlike `3.11-slim-bookworm`
    /// or `3.11-alpine`: the image is built on that minor's default Debian release.
    package var namesNoDistribution: Bool {
        guard pythonTagVersion != nil else { return false }
        let rest = tag.drop(while: { $0.isASCIIDigit || $0 == "." })
        return rest.split(separator: "-").allSatisfy { $0 == "slim" }
    }
}
