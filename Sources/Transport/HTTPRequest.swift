import Foundation

/// One GET a registry wants answered. The URL may carry credentials (`https://user:token@host/…`);
/// they are moved into an `Authorization` header — of this request and, through the client's
/// `CredentialStore`, of every later one to the same origin — and never appear anywhere else.
package struct HTTPRequest: Sendable {
    package var url: String
    /// Extra request headers (e.g. `Accept` for PEP 691 content negotiation).
    package var headers: [String: String]
    /// A byte range (`Range: bytes=…`), used to read parts of large files such as a wheel's zip directory.
    package var range: ByteRange?
    /// Bodies larger than this (after content decoding) fail with `.tooLarge`.
    package var maxBodyBytes: Int
    package var cachePolicy: CachePolicy
    /// Write the body to this file instead of memory (documents of hundreds of MB). The disk
    /// cache then keeps only the response's metadata and body checksum, and a fresh cached
    /// answer comes back without a body: the caller keeps what it derived from the file.
    package var bodyFile: String?
    /// With `bodyFile`: the body starts this many bytes into the file, the bytes before it left
    /// zero for the caller (a compact index's header, so the download becomes the index in place).
    package var bodyFileOffset = 0
    /// With `bodyFile`: told as the body arrives (see `BodyFileObserver`).
    package var bodyObserver: (any BodyFileObserver)?
    /// False for a read that only feeds hints (an index's project list, for "did you mean"):
    /// fetching it past the cache does not stop the run's verdicts from being replayed later.
    package var decidesVerdicts = true

    package init(url: String, headers: [String: String] = [:], range: ByteRange? = nil,
                maxBodyBytes: Int = 64 << 20, cachePolicy: CachePolicy = .standard, bodyFile: String? = nil) {
        self.url = url
        self.headers = headers
        self.range = range
        self.maxBodyBytes = maxBodyBytes
        self.cachePolicy = cachePolicy
        self.bodyFile = bodyFile
    }
}

package enum ByteRange: Sendable, Hashable, CustomStringConvertible {
    /// `bytes=start-end`, both inclusive.
    case span(Int64, Int64)
    /// `bytes=-n`: the last n bytes.
    case suffix(Int64)

    package var description: String {
        switch self {
        case let .span(a, b): return "bytes=\(a)-\(b)"
        case let .suffix(n): return "bytes=-\(n)"
        }
    }
}

/// How the disk cache may answer a request.
package enum CachePolicy: Sendable, Hashable {
    /// HTTP semantics: fresh entries answer directly, stale ones are revalidated.
    case standard
    /// The URL names content that never changes (hashed file paths): a cached copy is always valid.
    case immutable
    /// Always go to the network (the answer is still stored).
    case reload
    /// Never store or read (range reads of files we only peek into).
    case bypass
}
