import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Thin, blocking POSIX socket calls; every send uses MSG_NOSIGNAL so a client that went away
/// yields an error instead of killing the test process with SIGPIPE.
enum SocketIO {
    /// A listening socket bound to 127.0.0.1:`port` and the port actually bound.
    static func listen(port: UInt16, backlog: Int32 = 1024) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw LoopbackServerError.system("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw LoopbackServerError.system("bind 127.0.0.1:\(port)", code)
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            throw LoopbackServerError.system("listen", code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw LoopbackServerError.system("getsockname", code)
        }
        return (fd, Int(UInt16(bigEndian: actual.sin_port)))
    }

    /// The next connection, or nil when accept failed (e.g. the listener was shut down).
    static func accept(_ listener: Int32) -> Int32? {
        while true {
            let fd = Glibc.accept(listener, nil, nil)
            if fd >= 0 {
                setCloseOnExec(fd)
                var yes: Int32 = 1
                // Heads and small bodies go out in separate writes; Nagle would stall keep-alive.
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
                return fd
            }
            if errno == EINTR || errno == ECONNABORTED { continue }
            return nil
        }
    }

    /// Receives into `scratch` (reused across calls to spare an allocation per read) and appends
    /// what arrived to `buffer`; the byte count, 0 at end of stream, -1 on error.
    static func receive(_ fd: Int32, scratch: inout [UInt8], appendingTo buffer: inout [UInt8]) -> Int {
        let capacity = scratch.count
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, capacity, 0) }
            if count > 0 {
                buffer.append(contentsOf: scratch[0..<count])
                return count
            }
            if count < 0 && errno == EINTR { continue }
            return count < 0 ? -1 : 0
        }
    }

    /// Sends every byte; false when the peer is gone or the socket was shut down.
    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard var pointer = bytes.baseAddress else { return true }
        var remaining = bytes.count
        while remaining > 0 {
            let sent = send(fd, pointer, remaining, Int32(MSG_NOSIGNAL))
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            pointer += sent
            remaining -= sent
        }
        return true
    }

    @discardableResult
    static func sendAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { sendAll(fd, $0) }
    }

    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { sendAll(fd, $0) }
    }

    private static let ignoreBrokenPipe: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Streams `length` bytes of `file` from `offset` with sendfile(2); false on any failure.
    static func sendFile(_ fd: Int32, file: Int32, offset: Int64, length: Int64) -> Bool {
        // sendfile(2) has no MSG_NOSIGNAL: a client that hangs up mid-file (a capped download)
        // would raise SIGPIPE and kill the whole test process, so the signal is ignored once.
        _ = ignoreBrokenPipe
        var position = off_t(offset)
        var remaining = length
        while remaining > 0 {
            let sent = sendfile(fd, file, &position, Int(min(remaining, 1 << 30)))
            if sent < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            if sent == 0 { return false }  // the file shrank under us
            remaining -= Int64(sent)
        }
        return true
    }

    /// Keeps descriptors out of processes the tests spawn (e.g. the `preflight` binary), which
    /// would otherwise hold connections open. (accept4/pipe2 are not visible from Swift's Glibc.)
    static func setCloseOnExec(_ fd: Int32) {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    /// Makes the next close() send RST instead of FIN.
    static func setResetOnClose(_ fd: Int32) {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }
}
