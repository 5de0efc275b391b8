import Foundation

package struct HTTPResponse: Sendable {
    package var status: Int
    /// Header names lower-cased; for a repeated header the last value wins.
    package var headers: [String: String]
    package var body: Data
    /// The URL that finally answered (after redirects), credentials removed.
    package var finalURL: String
    package var origin: Origin
    /// SHA-256 of the body when it is known without hashing it again (it came from, or went
    /// into, the disk cache): a key for things derived from the body.
    package var bodySHA256: String?
    /// Where the body is when the request asked for it in a file (`HTTPRequest.bodyFile`);
    /// nil when this answer carries no body (a fresh or revalidated cache entry).
    package var bodyFile: String?

    package enum Origin: Sendable, Hashable {
        case network
        /// A cached copy, fresh without asking the server.
        case cache
        /// A cached copy the server confirmed with 304.
        case revalidated
        /// A cached copy used because `--offline` was given.
        case offline
    }

    package init(status: Int, headers: [String: String], body: Data, finalURL: String, origin: Origin) {
        self.status = status
        self.headers = headers
        self.body = body
        self.finalURL = finalURL
        self.origin = origin
    }

    package func header(_ name: String) -> String? { headers[name.lowercased()] }
    package var isSuccess: Bool { (200..<300).contains(status) }
}
