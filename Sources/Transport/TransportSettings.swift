import Foundation

/// Limits and behaviour of the HTTP client. Defaults are the documented ones (README, Config/).
package struct TransportSettings: Sendable {
    /// Seconds to establish a connection (TCP + TLS).
    package var connectTimeout: Double = 10
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds is abandoned:
    /// this is what stops a dripping server.
    package var lowSpeedLimit: Int = 512
    package var lowSpeedTime: Int = 10
    /// Overall budget of one request, every retry and backoff included. A user waits at most 30 s for one answer (the configuration cannot raise it).
    package var requestTimeout: Double = 30
    /// Further attempts after the first one.
    package var retries: Int = 3
    package var backoffBase: Double = 0.2
    package var backoffMax: Double = 4
    /// Longest `Retry-After` honoured; a longer one is treated as this.
    package var retryAfterCap: Double = 10
    package var maxConcurrentTransfers: Int = 64
    package var maxConnectionsPerHost: Int = 8
    package var maxRedirects: Int = 5
    /// `$NETRC`, else `$HOME/.netrc`; nil disables netrc.
    package var netrcPath: String?
    /// Answer from the cache alone.
    package var offline: Bool = false
    package var userAgent: String = "preflight/0.1 (+libcurl)"

    package init() {
        let env = ProcessInfo.processInfo.environment
        if let netrc = env["NETRC"], !netrc.isEmpty {
            netrcPath = netrc
        } else if let home = env["HOME"], !home.isEmpty {
            netrcPath = home + "/.netrc"
        }
    }
}
