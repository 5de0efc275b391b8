import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts one `Reply` on the wire for one request and says what becomes of the connection.
struct ReplyWriter {
    /// What the connection does after the reply.
    enum Ending {
        case keepOpen
        /// Close normally (FIN).
        case close
        /// Close with SO_LINGER 0 (RST).
        case reset
    }

    let fd: Int32
    let stop: StopSignal
    let request: RecordedRequest
    /// False when the client or the server options want the connection closed after this reply.
    let keepAlive: Bool

    private var sendsBody: Bool { request.method != "HEAD" }

    func write(_ reply: Reply) -> Ending {
        switch reply {
        case let .response(status, headers, body):
            return respond(status: status, headers: headers, body: body)

        case let .file(path, offset, length, status, headers):
            return sendFile(path: path, offset: offset, length: length, status: status, headers: headers)

        case .reset:
            return .reset

        case .hang:
            drainUntilClosed()
            return .close

        case .closeWithoutReply:
            return .close

        case let .drip(bytesPerSecond, status, headers, body):
            return drip(bytesPerSecond: bytesPerSecond, status: status, headers: headers, body: body)

        case let .truncated(body, sending):
            let head = self.head(status: 200, headers: [("Content-Type", "application/octet-stream")],
                                 contentLength: Int64(body.count), closing: true)
            guard SocketIO.sendAll(fd, head), sendsBody else { return .close }
            // Always fewer bytes than announced, or it would not be truncated.
            let count = max(0, min(sending, body.count - 1))
            SocketIO.sendAll(fd, body.prefix(count))
            return .close

        case let .garbage(length, contentType):
            return respond(status: 200, headers: [("Content-Type", contentType)],
                           body: Data(GarbageBytes.make(count: length)))

        case let .rawGarbage(length):
            SocketIO.sendAll(fd, GarbageBytes.notHTTP(count: length))
            return .close

        case let .oversized(announcedLength):
            return streamZeros(announcedLength: announcedLength)

        case let .redirect(location, status):
            return respond(status: status, headers: [("Location", location), ("Content-Type", "text/plain")],
                           body: Data("Redirecting to \(location)\n".utf8))

        case let .sequence(replies):
            // The server resolves sequences before writing; an unresolved one acts as its first step.
            return write(replies.first ?? .status(500, body: "empty Reply.sequence\n"))

        case let .tooManyRequests(retryAfter):
            return respond(status: 429, headers: [("Retry-After", "\(retryAfter)"), ("Content-Type", "text/plain")],
                           body: Data("429 Too Many Requests\n".utf8))

        case let .delayed(seconds, then):
            guard stop.sleep(milliseconds: Int(max(0, seconds) * 1000)) else { return .close }
            return write(then)
        }
    }

    // MARK: - Wire behaviours

    private func respond(status: Int, headers: [(String, String)], body: Data) -> Ending {
        let closing = isClosing(headers)
        var message = Data(head(status: status, headers: headers, contentLength: Int64(body.count), closing: closing))
        let withBody = sendsBody && !HTTPStatus.forbidsBody(status)
        if withBody && body.count <= 256 * 1024 {
            // One write for head and small body: fewer syscalls and no half-sent responses.
            message.append(body)
            guard SocketIO.sendAll(fd, message) else { return .close }
        } else {
            guard SocketIO.sendAll(fd, message) else { return .close }
            if withBody { guard SocketIO.sendAll(fd, body) else { return .close } }
        }
        return closing ? .close : .keepOpen
    }

    private func sendFile(path: String, offset: Int64, length: Int64, status: Int, headers: [(String, String)]) -> Ending {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else {
            return respond(status: 500, headers: [("Content-Type", "text/plain")],
                           body: Data("cannot open \(path)\n".utf8))
        }
        defer { close(file) }
        let closing = isClosing(headers)
        guard SocketIO.sendAll(fd, head(status: status, headers: headers, contentLength: length, closing: closing))
        else { return .close }
        if sendsBody && !HTTPStatus.forbidsBody(status) {
            guard SocketIO.sendFile(fd, file: file, offset: offset, length: length) else { return .close }
        }
        return closing ? .close : .keepOpen
    }

    private func drip(bytesPerSecond: Int, status: Int, headers: [(String, String)], body: Data) -> Ending {
        let closing = isClosing(headers)
        guard SocketIO.sendAll(fd, head(status: status, headers: headers, contentLength: Int64(body.count), closing: closing))
        else { return .close }
        guard sendsBody else { return closing ? .close : .keepOpen }
        // Ticks of 50 ms carry rate/20 bytes; slower rates send one byte per 1/rate seconds.
        let rate = max(1, bytesPerSecond)
        let (chunk, tick) = rate >= 20 ? (rate / 20, 50) : (1, 1000 / rate)
        var sent = 0
        while sent < body.count {
            guard stop.sleep(milliseconds: tick) else { return .close }
            let end = min(body.count, sent + chunk)
            guard SocketIO.sendAll(fd, body.subdata(in: body.startIndex + sent ..< body.startIndex + end))
            else { return .close }
            sent = end
        }
        return closing ? .close : .keepOpen
    }

    private func streamZeros(announcedLength: Int64) -> Ending {
        guard SocketIO.sendAll(fd, head(status: 200, headers: [("Content-Type", "application/octet-stream")],
                                        contentLength: announcedLength, closing: true)),
              sendsBody
        else { return .close }
        let zeros = [UInt8](repeating: 0, count: 64 * 1024)
        var remaining = announcedLength
        while remaining > 0 {
            let count = Int(min(remaining, Int64(zeros.count)))
            // stop() shuts the socket down, which makes this send fail.
            let sent = zeros.withUnsafeBytes { SocketIO.sendAll(fd, UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            guard sent else { break }
            remaining -= Int64(count)
        }
        return .close
    }

    /// Reads and discards whatever the client sends until it closes or the server stops.
    private func drainUntilClosed() {
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var sink: [UInt8] = []
        while SocketIO.receive(fd, scratch: &scratch, appendingTo: &sink) > 0 {
            sink.removeAll(keepingCapacity: true)
        }
    }

    // MARK: - Head

    private func isClosing(_ headers: [(String, String)]) -> Bool {
        !keepAlive || headers.contains { $0.0.lowercased() == "connection" && $0.1.lowercased().contains("close") }
    }

    /// Status line and fields; adds `Content-Length`, `Date` and `Connection: close` unless given.
    func head(status: Int, headers: [(String, String)], contentLength: Int64?, closing: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(HTTPStatus.reason(status))\r\n"
        var hasLength = false, hasDate = false, hasConnection = false
        for (name, value) in headers {
            switch name.lowercased() {
            case "content-length": hasLength = true
            case "date": hasDate = true
            case "connection": hasConnection = true
            default: break
            }
            text += "\(name): \(value)\r\n"
        }
        if !hasLength, let contentLength, !HTTPStatus.forbidsBody(status) {
            text += "Content-Length: \(contentLength)\r\n"
        }
        if !hasDate { text += "Date: \(HTTPDate.now())\r\n" }
        if !hasConnection {
            if closing {
                text += "Connection: close\r\n"
            } else if request.httpVersion == "HTTP/1.0" {
                // An HTTP/1.0 client assumes close unless told otherwise.
                text += "Connection: keep-alive\r\n"
            }
        }
        text += "\r\n"
        return Array(text.utf8)
    }
}
