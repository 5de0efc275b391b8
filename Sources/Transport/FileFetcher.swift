import Foundation

/// `file://` URLs (local channels and `--find-links` folders), answered like HTTP: a missing file
/// is a 404 response, not an error, exactly as a missing subdir on a server would be.
enum FileFetcher {
    static func read(request: HTTPRequest, path rawPath: String) -> Result<HTTPResponse, TransportError> {
        var path = rawPath.removingPercentEncoding ?? rawPath
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
        var isDirectory: ObjCBool = false
        // A directory answers with its index.html, as a static web server (and pip) would:
        // a `file://` simple index is a tree of `<project>/index.html` pages.
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            path = (path.hasSuffix("/") ? path : path + "/") + "index.html"
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .success(HTTPResponse(status: 404, headers: [:], body: Data(), finalURL: request.url, origin: .network))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(TransportError(kind: .file, url: request.url, detail: "cannot open \(path)"))
        }
        defer { try? handle.close() }
        do {
            let size = Int64(try handle.seekToEnd())
            var start: Int64 = 0
            var end = size - 1
            var status = 200
            switch request.range {
            case let .span(a, b)?: start = a; end = min(b, size - 1); status = 206
            case let .suffix(n)?: start = max(0, size - n); status = 206
            case nil: break
            }
            let length = max(0, end - start + 1)
            guard length <= Int64(request.maxBodyBytes) else {
                return .failure(TransportError(kind: .tooLarge, url: request.url, detail: "\(length) bytes, larger than the cap"))
            }
            try handle.seek(toOffset: UInt64(start))
            let body = try handle.read(upToCount: Int(length)) ?? Data()
            let type = path.hasSuffix(".html") ? ["content-type": "text/html"] : path.hasSuffix(".json") ? ["content-type": "application/json"] : [:]
            return .success(HTTPResponse(status: status, headers: type.merging(["content-length": "\(body.count)"]) { a, _ in a }, body: body,
                                         finalURL: request.url, origin: .network))
        } catch {
            return .failure(TransportError(kind: .file, url: request.url, detail: "\(error)"))
        }
    }
}
