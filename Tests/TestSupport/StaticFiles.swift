import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Serves the files under a root directory: GET/HEAD, validators and 304s, single byte ranges,
/// directory index, optional precompressed siblings. Bodies are streamed from disk, so a 180 MB
/// repodata.json costs no memory. Usable alone (`LoopbackHTTPServer.serving(directory:)`) or
/// inside a handler that adds faults for some paths:
///
///     let files = try StaticFiles(root: fixtures)
///     let server = try LoopbackHTTPServer { $0.path == "/flaky" ? .reset : files.reply(for: $0) }
public struct StaticFiles: Sendable {
    /// The directory served, symlinks resolved.
    public let root: URL
    public let options: StaticFileOptions

    public init(root: URL, options: StaticFileOptions = StaticFileOptions()) throws {
        let resolved = root.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory),
              isDirectory.boolValue
        else { throw LoopbackServerError.notADirectory(root.path) }
        self.root = resolved
        self.options = options
    }

    /// The reply for `request`: 200/206/304/416 for files, 301 to add a directory's slash,
    /// 403 for paths that try to leave the root, 404 for missing files, 405 for other methods.
    public func reply(for request: RecordedRequest) -> Reply {
        guard request.method == "GET" || request.method == "HEAD" else {
            return .status(405, headers: [("Allow", "GET, HEAD")])
        }
        guard let decoded = request.path.removingPercentEncoding, !decoded.contains("\0") else {
            return .status(400, body: "undecodable path\n")
        }
        let components = decoded.split(separator: "/").filter { $0 != "." }
        guard !components.contains("..") else { return .status(403, body: "path leaves the served root\n") }
        var path = ([root.path] + components.map(String.init)).joined(separator: "/")

        guard var info = Self.status(of: path) else { return .notFound }
        if info.isDirectory {
            guard request.path.hasSuffix("/") else {
                let location = request.path + "/" + (request.query.map { "?\($0)" } ?? "")
                return .redirect(to: location, status: 301)
            }
            guard let index = options.directoryIndex,
                  let indexInfo = Self.status(of: path + "/" + index), !indexInfo.isDirectory
            else { return .notFound }
            path += "/" + index
            info = indexInfo
        }
        return fileReply(path: path, info: info, request: request)
    }

    private func fileReply(path: String, info: FileStatus, request: RecordedRequest) -> Reply {
        var headers: [(String, String)] = [("Content-Type", Self.contentType(forFileName: path))]
        var servedPath = path
        var served = info
        var variant: String?
        if options.precompressedSiblings {
            headers.append(("Vary", "Accept-Encoding"))
            for coding in ContentCoding.accepted(acceptEncoding: request.header("Accept-Encoding")) {
                let sibling = path + (coding == .zstd ? ".zst" : ".gz")
                if let siblingInfo = Self.status(of: sibling), !siblingInfo.isDirectory {
                    servedPath = sibling
                    served = siblingInfo
                    variant = coding.rawValue
                    headers.append(("Content-Encoding", coding.rawValue))
                    break
                }
            }
        }
        headers.append(("Accept-Ranges", options.ranges ? "bytes" : "none"))
        let validators = FileValidators(
            size: served.size, modifiedSeconds: served.modifiedSeconds,
            modifiedNanoseconds: served.modifiedNanoseconds, variant: variant)
        if options.validators {
            headers.append(("ETag", validators.entityTag))
            headers.append(("Last-Modified", validators.lastModified))
        }
        if let cacheControl = options.cacheControl { headers.append(("Cache-Control", cacheControl)) }
        headers += options.extraHeaders

        if options.validators && validators.notModified(request.headers) {
            let kept = headers.filter { ["etag", "last-modified", "cache-control", "vary"].contains($0.0.lowercased()) }
            return .response(status: 304, headers: kept, body: Data())
        }

        var range = ByteRange.whole
        if options.ranges, request.method == "GET", let header = request.header("Range") {
            // Without validators an If-Range can never be confirmed, so the range is dropped.
            let stillValid = options.validators
                ? validators.rangeStillValid(request.header("If-Range"))
                : !request.headers.contains("If-Range")
            if stillValid { range = ByteRange.resolve(header, size: served.size) }
        }
        switch range {
        case .whole:
            return .file(path: servedPath, offset: 0, length: served.size, status: 200, headers: headers)
        case let .partial(first, last):
            headers.append(("Content-Range", "bytes \(first)-\(last)/\(served.size)"))
            return .file(path: servedPath, offset: first, length: last - first + 1, status: 206, headers: headers)
        case .unsatisfiable:
            headers.append(("Content-Range", "bytes */\(served.size)"))
            return .response(status: 416, headers: headers, body: Data())
        }
    }

    /// The `Content-Type` for a file name, from its (compound) extension.
    public static func contentType(forFileName name: String) -> String {
        let lower = name.lowercased()
        let table: [(String, String)] = [
            (".json", "application/json"),
            (".html", "text/html; charset=utf-8"),
            (".htm", "text/html; charset=utf-8"),
            (".tgz", "application/gzip"),
            (".gz", "application/gzip"),
            (".bz2", "application/x-bzip2"),
            (".zst", "application/zstd"),
            (".whl", "application/zip"),
            (".zip", "application/zip"),
            (".conda", "application/octet-stream"),
            (".msgpack", "application/msgpack"),
            (".metadata", "text/plain; charset=utf-8"),
            (".txt", "text/plain; charset=utf-8"),
            (".xml", "application/xml"),
            (".yml", "application/yaml"),
            (".yaml", "application/yaml"),
        ]
        return table.first { lower.hasSuffix($0.0) }?.1 ?? "application/octet-stream"
    }

    private struct FileStatus {
        let isDirectory: Bool
        let size: Int64
        let modifiedSeconds: Int
        let modifiedNanoseconds: Int
    }

    private static func status(of path: String) -> FileStatus? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFDIR || kind == S_IFREG else { return nil }
        return FileStatus(
            isDirectory: kind == S_IFDIR, size: Int64(info.st_size),
            modifiedSeconds: Int(info.st_mtim.tv_sec), modifiedNanoseconds: Int(info.st_mtim.tv_nsec))
    }
}
