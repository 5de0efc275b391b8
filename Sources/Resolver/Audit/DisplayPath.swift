/// How the audit names a spec: relative to the working directory when it is inside it, without
/// `./` or doubled slashes, so that reports from different checkouts and shards agree.
public enum DisplayPath {
    public static func normalized(_ path: String, workingDirectory: String) -> String {
        var text = path
        let cwd = workingDirectory.hasSuffix("/") ? String(workingDirectory.dropLast()) : workingDirectory
        if text.hasPrefix("/"), !cwd.isEmpty {
            if text == cwd { return "." }
            if text.hasPrefix(cwd + "/") { text = String(text.dropFirst(cwd.count + 1)) }
        }
        let absolute = text.hasPrefix("/")
        let parts = text.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if parts.isEmpty { return absolute ? "/" : "." }
        return (absolute ? "/" : "") + parts.joined(separator: "/")
    }

    /// `base` (a normalized directory) joined with components below it.
    public static func joined(_ base: String, _ components: [String]) -> String {
        let tail = components.joined(separator: "/")
        if base == "." { return tail }
        return base.hasSuffix("/") ? base + tail : base + "/" + tail
    }
}
