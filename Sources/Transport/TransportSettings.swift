import Foundation

/// Limits and behaviour of the HTTP client. Defaults are the documented ones (README, Config/).
public struct TransportSettings: Sendable {
    /// Seconds to establish a connection (TCP + TLS).
    public var connectTimeout: Double = 10
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds is abandoned:
    /// this is what stops a dripping server.
    public var lowSpeedLimit: Int = 512
    public var lowSpeedTime: Int = 10
    /// Overall budget of one request, every retry and backoff included. A user waits at most 30 s for one answer (the configuration cannot raise it).
    public var requestTimeout: Double = 30
    /// Further attempts after the first one.
    public var retries: Int = 3
    public var backoffBase: Double = 0.2
    public var backoffMax: Double = 4
    /// Longest `Retry-After` honoured; a longer one is treated as this.
    public var retryAfterCap: Double = 10
    public var maxConcurrentTransfers: Int = 64
    public var maxConnectionsPerHost: Int = 8
    public var maxRedirects: Int = 5
    /// `$NETRC`, else `$HOME/.netrc`; nil disables netrc.
    public var netrcPath: String?
    /// Answer from the cache alone.
    public var offline: Bool = false
    public var userAgent: String = "preflight/0.1 (+libcurl)"

    public init() {
        let env = ProcessInfo.processInfo.environment
        if let netrc = env["NETRC"], !netrc.isEmpty {
            netrcPath = netrc
        } else if let home = env["HOME"], !home.isEmpty {
            netrcPath = home + "/.netrc"
        }
    }
}
