import Resolver
/// How the audit names a spec: relative to the working directory when it is inside it, without
/// `./` or doubled slashes, so that reports from different checkouts and shards agree.
package enum DisplayPath {
    package static func normalized(_ path: String, workingDirectory: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts = components(path)
        let base = components(workingDirectory)
        if absolute, workingDirectory.hasPrefix("/"), parts.count >= base.count, Array(parts.prefix(base.count)) == base {
            parts.removeFirst(base.count)
            return parts.isEmpty ? "." : parts.joined(separator: "/")
        }
        if parts.isEmpty { return absolute ? "/" : "." }
        return (absolute ? "/" : "") + parts.joined(separator: "/")
    }

    /// `base` (a normalized directory) joined with components below it.
    package static func joined(_ base: String, _ components: [String]) -> String {
        let tail = components.joined(separator: "/")
        if base == "." { return tail }
        return base.hasSuffix("/") ? base + tail : base + "/" + tail
    }

    private static func components(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    }
}
