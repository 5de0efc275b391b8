import Foundation

/// One request as the server received it; handlers decide on it and tests inspect it afterwards.
public struct RecordedRequest: Sendable {
    /// The method token, e.g. `GET`.
    public let method: String
    /// The request target as sent: path plus query, still percent-encoded (`/simple/numpy/?x=1`).
    public let target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    public let httpVersion: String
    public let headers: HTTPHeaders
    public let body: Data
    /// Which TCP connection carried the request: equal ids mean the client reused a connection.
    public let connectionID: Int
    /// 0 for the first request on its connection, 1 for the next, and so on.
    public let indexOnConnection: Int
    public let receivedAt: Date

    public init(
        method: String, target: String, httpVersion: String = "HTTP/1.1",
        headers: HTTPHeaders = HTTPHeaders([]), body: Data = Data(),
        connectionID: Int = 0, indexOnConnection: Int = 0, receivedAt: Date = Date()
    ) {
        self.method = method
        self.target = target
        self.httpVersion = httpVersion
        self.headers = headers
        self.body = body
        self.connectionID = connectionID
        self.indexOnConnection = indexOnConnection
        self.receivedAt = receivedAt
    }

    /// The target without its query, still percent-encoded.
    public var path: String {
        if let mark = target.firstIndex(of: "?") { return String(target[..<mark]) }
        return target
    }

    /// The query after `?`, or nil when there is none.
    public var query: String? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: mark)...])
    }

    /// Shorthand for `headers[name]`.
    public func header(_ name: String) -> String? {
        headers[name]
    }

    /// Whether the client asked to close the connection after this request
    /// (`Connection: close`, or HTTP/1.0 without `Connection: keep-alive`).
    public var wantsClose: Bool {
        if headers.lists("Connection", token: "close") { return true }
        if httpVersion == "HTTP/1.0" { return !headers.lists("Connection", token: "keep-alive") }
        return false
    }
}
