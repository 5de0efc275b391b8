import Foundation

/// A real HTTP/1.1 server on 127.0.0.1 for tests and benchmarks, with fault injection.
///
/// It listens as soon as it is created (port 0 = kernel-chosen), serves every connection on its
/// own thread with keep-alive, records every request, and stops on `stop()` or `deinit`.
///
///     let server = try LoopbackHTTPServer(routes: [
///         "/simple/numpy/": .sequence([.status(503), .text("<html>…</html>")]),
///         "/reset": .reset,
///     ])
///     // … point the client at server.baseURL + "/simple/numpy/" …
///     XCTAssertEqual(server.requestCount(path: "/simple/numpy/"), 2)
public final class LoopbackHTTPServer: @unchecked Sendable {
    private let core: ServerCore

    /// Starts a server answering every request with `handler`'s reply. The handler runs on the
    /// connection's thread, possibly on several at once. A handler that must reach the server
    /// should hold it weakly: a strong reference is a cycle, and `deinit` would never stop it.
    public init(
        options: ServerOptions = ServerOptions(),
        handler: @escaping @Sendable (RecordedRequest) -> Reply
    ) throws {
        core = try ServerCore(options: options, handler: handler)
        core.start()
    }

    /// Starts a server answering from a table: the exact target (path and query) first, then the
    /// path alone; 404 otherwise.
    public convenience init(routes: [String: Reply], options: ServerOptions = ServerOptions()) throws {
        try self.init(options: options) { request in
            routes[request.target] ?? routes[request.path] ?? .notFound
        }
    }

    /// Starts a server for the files under `directory` (see `StaticFiles`).
    public static func serving(
        directory: URL, files: StaticFileOptions = StaticFileOptions(), options: ServerOptions = ServerOptions()
    ) throws -> LoopbackHTTPServer {
        let site = try StaticFiles(root: directory, options: files)
        return try LoopbackHTTPServer(options: options) { site.reply(for: $0) }
    }

    deinit {
        core.stop()
    }

    /// The bound TCP port.
    public var port: Int { core.port }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(core.port)" }

    /// `baseURL` followed by `path` (which should start with `/`).
    public func url(_ path: String) -> String { baseURL + path }

    /// Every request received so far, in arrival order (thread-safe snapshot).
    public var requests: [RecordedRequest] { core.requests }

    /// How many requests had this path: the exact target when `path` has a query, else the path
    /// with any query ignored.
    public func requestCount(path: String) -> Int {
        let matchesTarget = path.contains("?")
        return core.requests.filter { matchesTarget ? $0.target == path : $0.path == path }.count
    }

    /// How many TCP connections were accepted so far (keep-alive reuse keeps this low).
    public var connectionCount: Int { core.connectionCount }

    /// Waits until at least `count` requests were received; false on timeout.
    public func waitForRequests(count: Int, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while core.requests.count < count {
            if Date() >= deadline { return false }
            usleep(2_000)
        }
        return true
    }

    /// Forgets the recorded requests (e.g. between benchmark rounds).
    public func clearRequests() { core.clearLog() }

    /// Starts every `Reply.sequence` from its first step again.
    public func resetSequences() { core.resetSequences() }

    /// Whether `stop()` ran (explicitly, from `deinit`, or at the end of `options.lifetime`).
    public var isStopped: Bool { core.isStopped }

    /// Closes the listener and every connection (hanging and dripping ones too) and waits for
    /// the server's threads. Idempotent.
    public func stop() { core.stop() }
}
