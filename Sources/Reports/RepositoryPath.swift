/// A finding's path as code-scanning services and CI annotations want it: relative to the
/// repository root, with no `./` segments.
///
/// GitHub matches an alert or an annotation to a file of the repository by its path string, so
/// `./env/conda.yaml` (what a user typing `preflight check ./env/conda.yaml` gives) would name no
/// file of the diff, and `/home/runner/work/r/r/env/conda.yaml` would name none either.
package enum RepositoryPath {
    /// `./a/./b//c` → `a/b/c`; an absolute path beneath `root` (the checkout, e.g.
    /// `GITHUB_WORKSPACE`) becomes relative to it. Anything else (`../x`, an absolute path
    /// elsewhere) is kept, without its `.` segments, since no relative form would be truer.
    package static func relative(_ path: String, root: String? = nil) -> String {
        var path = path
        if let root, path.hasPrefix("/") {
            let base = normalized(root)
            if !base.isEmpty, base != "/", path.hasPrefix(base + "/") { path = String(path.dropFirst(base.count + 1)) }
        }
        let result = normalized(path)
        return result.isEmpty ? path : result
    }

    /// Drops empty and `.` segments, keeping a leading `/`; `..` is kept (it is not resolvable
    /// without the file system: a symlink may be in the way).
    private static func normalized(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return (path.hasPrefix("/") ? "/" : "") + segments.joined(separator: "/")
    }
}
