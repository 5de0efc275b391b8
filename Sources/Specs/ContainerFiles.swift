import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the files a Dockerfile's `RUN` lines name (`-r /tmp/requirements.txt`,
/// `-f conda.yaml`) come from in the build context, following `WORKDIR` and `COPY`/`ADD`.
struct ContainerFiles: Sendable {
    /// One `COPY`/`ADD` from the build context.
    struct Copy: Sendable {
        /// Sources relative to the build context, as written.
        var sources: [String]
        /// Absolute destination in the image.
        var destination: String
        /// The destination is a directory (it ends with `/`, or several sources or a
        /// directory or wildcard are copied).
        var destinationIsDirectory: Bool
    }

    /// The build context directory on disk.
    let context: String
    private(set) var copies: [Copy] = []
    /// Absolute image paths that the build itself writes (`echo x > f`, `COPY --from=`):
    /// they are not in the build context, and that is not a mistake.
    private(set) var generated: Set<String> = []

    init(context: String) {
        self.context = context
    }

    mutating func record(sources: [String], destination: String, workdir: String) {
        let absolute = absolutePath(destination, workdir: workdir)
        let isDirectory = destination.hasSuffix("/") || destination == "." || sources.count > 1
            || sources.contains(where: { hasWildcard($0) || isContextDirectory($0) })
        copies.append(Copy(sources: sources, destination: absolute, destinationIsDirectory: isDirectory))
    }

    mutating func recordGenerated(_ path: String, workdir: String) {
        generated.insert(absolutePath(path, workdir: workdir))
    }

    func isGenerated(_ path: String, workdir: String) -> Bool {
        let target = absolutePath(path, workdir: workdir)
        return generated.contains(target) || generated.contains(where: { target.hasPrefix($0 + "/") })
    }

    /// The file on disk that an image path comes from: through the latest `COPY` that puts a
    /// file there, else (for a relative path) the same path in the build context.
    func locate(_ path: String, workdir: String) -> (path: String, viaCopy: Bool)? {
        let target = absolutePath(path, workdir: workdir)
        for copy in copies.reversed() {
            for source in copy.sources.reversed() {
                if let found = match(source, copy: copy, target: target) { return (found, true) }
            }
        }
        if !path.hasPrefix("/") {
            let candidate = FilePaths.join(context, path)
            if FileManager.default.fileExists(atPath: candidate) { return (candidate, false) }
        }
        return nil
    }

    private func match(_ source: String, copy: Copy, target: String) -> String? {
        let sourceInContext = FilePaths.normalize(source.hasPrefix("/") ? String(source.dropFirst()) : source)
        if hasWildcard(source) {
            guard copy.destinationIsDirectory, FilePaths.directory(of: target) == copy.destination else { return nil }
            let name = FilePaths.baseName(target)
            guard fnmatch(FilePaths.baseName(sourceInContext), name, 0) == 0 else { return nil }
            return FilePaths.join(context, FilePaths.join(FilePaths.directory(of: sourceInContext), name))
        }
        if isContextDirectory(source) {
            let prefix = copy.destination == "/" ? "/" : copy.destination + "/"
            guard target.hasPrefix(prefix) else { return nil }
            let rest = String(target.dropFirst(prefix.count))
            return FilePaths.join(context, FilePaths.join(sourceInContext, rest))
        }
        let destination = copy.destinationIsDirectory
            ? FilePaths.join(copy.destination, FilePaths.baseName(sourceInContext)) : copy.destination
        return destination == target ? FilePaths.join(context, sourceInContext) : nil
    }

    func absolutePath(_ path: String, workdir: String) -> String {
        path.hasPrefix("/") ? FilePaths.normalize(path) : FilePaths.join(workdir, path)
    }

    private func hasWildcard(_ path: String) -> Bool {
        path.contains("*") || path.contains("?") || path.contains("[")
    }

    private func isContextDirectory(_ source: String) -> Bool {
        let relative = source.hasPrefix("/") ? String(source.dropFirst()) : source
        var isDirectory: ObjCBool = false
        let path = FilePaths.join(context, relative)
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
