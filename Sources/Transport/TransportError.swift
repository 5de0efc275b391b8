import Foundation

/// Why a request could not be answered. Every message names the host and the URL path with
/// credentials already removed, so it can be printed as is.
package struct TransportError: Error, Sendable, CustomStringConvertible {
    package enum Kind: String, Sendable {
        case connect = "could not connect"
        case dns = "could not resolve host"
        case timeout = "timed out"
        case reset = "connection reset"
        case truncated = "truncated response"
        case tooLarge = "response too large"
        case tls = "TLS error"
        case http = "HTTP error"
        case protocolError = "malformed response"
        case offlineMiss = "not in the cache (offline)"
        case file = "file error"
        case invalidURL = "invalid URL"
        case redirects = "too many redirects"
        case other = "transfer failed"
        case noHTTPLibrary = "libcurl unavailable"
    }

    package var kind: Kind
    /// The URL with credentials removed.
    package var url: String
    package var detail: String
    package var attempts: Int
    package var status: Int?

    package init(kind: Kind, url: String, detail: String, attempts: Int = 1, status: Int? = nil) {
        self.kind = kind
        self.url = Redaction.stripCredentials(url)
        self.detail = Redaction.scrub(detail)
        self.attempts = attempts
        self.status = status
    }

    package var host: String { URLParts(self.url)?.host ?? "?" }

    package var description: String {
        let tries = attempts > 1 ? " after \(attempts) attempts" : ""
        let what = kind == .http ? "HTTP \(status ?? 0)" : kind.rawValue
        return "\(url): \(what)\(tries)\(detail.isEmpty ? "" : " (\(detail))")"
    }

    /// Worth another attempt: the failure says nothing about the resource itself.
    var isRetryable: Bool {
        switch kind {
        case .connect, .dns, .timeout, .reset, .truncated, .protocolError, .other: return true
        case .http: return status.map { $0 >= 500 || $0 == 429 || $0 == 408 } ?? false
        case .tooLarge, .tls, .offlineMiss, .file, .invalidURL, .redirects, .noHTTPLibrary: return false
        }
    }
}
