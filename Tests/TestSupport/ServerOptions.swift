import Foundation

/// How a `LoopbackHTTPServer` listens and guards itself; the defaults suit unit tests.
public struct ServerOptions: Sendable {
    /// TCP port on 127.0.0.1; 0 lets the kernel choose a free one.
    public var port: UInt16
    /// When set, every request without these basic-auth credentials gets 401 and never reaches
    /// the handler (it is still recorded).
    public var requiredCredentials: BasicCredentials?
    /// When set, the server stops itself this many seconds after starting, so nothing lingers.
    public var lifetime: TimeInterval?
    /// When false, every response says `Connection: close` and the connection is closed.
    public var keepAlive: Bool
    /// Larger request heads get 431 and the connection is closed.
    public var maxHeaderBytes: Int
    /// Larger request bodies get 413 and the connection is closed.
    public var maxBodyBytes: Int

    public init(
        port: UInt16 = 0, requiredCredentials: BasicCredentials? = nil, lifetime: TimeInterval? = nil,
        keepAlive: Bool = true, maxHeaderBytes: Int = 64 * 1024, maxBodyBytes: Int = 64 * 1024 * 1024
    ) {
        self.port = port
        self.requiredCredentials = requiredCredentials
        self.lifetime = lifetime
        self.keepAlive = keepAlive
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }
}
