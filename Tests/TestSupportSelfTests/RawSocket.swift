import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP client for what curl will not send: malformed heads, pipelining, hostile bytes.
struct RawSocket {
    enum Failure: Error { case connect(Int32) }

    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            _ = Glibc.close(fd)
            throw Failure.connect(code)
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = Glibc.send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Everything until the server closes (or 5 s pass without a byte).
    func readToEnd() -> Data {
        var all = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { return all }
            all.append(contentsOf: chunk[0..<count])
        }
    }

    /// Reads until `data` contains `count` occurrences of `marker` (or the stream ends).
    func read(until marker: String, occurrences count: Int = 1) -> String {
        var all = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while String(decoding: all, as: UTF8.self).components(separatedBy: marker).count - 1 < count {
            let received = recv(fd, &chunk, chunk.count, 0)
            if received <= 0 { break }
            all.append(contentsOf: chunk[0..<received])
        }
        return String(decoding: all, as: UTF8.self)
    }

    /// Half-closes: the server sees the end of the request stream.
    func finishSending() { _ = shutdown(fd, Int32(SHUT_WR)) }

    func close() { _ = Glibc.close(fd) }
}
