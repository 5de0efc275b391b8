import Foundation

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names lower-cased; for a repeated header the last value wins.
    public var headers: [String: String]
    public var body: Data
    /// The URL that finally answered (after redirects), credentials removed.
    public var finalURL: String
    public var origin: Origin
    /// SHA-256 of the body when it is known without hashing it again (it came from, or went
    /// into, the disk cache): a key for things derived from the body.
    public var bodySHA256: String?
    /// Where the body is when the request asked for it in a file (`HTTPRequest.bodyFile`);
    /// nil when this answer carries no body (a fresh or revalidated cache entry).
    public var bodyFile: String?

    public enum Origin: Sendable, Hashable {
        case network
        /// A cached copy, fresh without asking the server.
        case cache
        /// A cached copy the server confirmed with 304.
        case revalidated
        /// A cached copy used because `--offline` was given.
        case offline
    }

    public init(status: Int, headers: [String: String], body: Data, finalURL: String, origin: Origin) {
        self.status = status
        self.headers = headers
        self.body = body
        self.finalURL = finalURL
        self.origin = origin
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    public var isSuccess: Bool { (200..<300).contains(status) }
}
