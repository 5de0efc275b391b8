import Foundation

/// Serves the requests of one accepted TCP connection in turn (keep-alive, pipelining), on the
/// thread the server started for it.
struct Connection {
    let fd: Int32
    let id: Int
    let server: ServerCore

    /// Runs until the connection must close; says whether to close with RST.
    func run() -> ReplyWriter.Ending {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        var index = 0
        let options = server.options

        while true {
            // The head.
            var scanFrom = 0
            let head: RequestHead
            readHead: while true {
                switch RequestHeadParser.parse(buffer, scanFrom: scanFrom) {
                case let .parsed(parsed, consumed):
                    // The limit holds however the head arrived, in one read or many.
                    guard consumed <= options.maxHeaderBytes else {
                        refuse(status: 431, reason: "request head larger than \(options.maxHeaderBytes) bytes")
                        return .close
                    }
                    head = parsed
                    buffer.removeFirst(consumed)
                    break readHead
                case let .failed(status, reason):
                    refuse(status: status, reason: reason)
                    return .close
                case let .incomplete(next):
                    if buffer.count > options.maxHeaderBytes {
                        refuse(status: 431, reason: "request head larger than \(options.maxHeaderBytes) bytes")
                        return .close
                    }
                    scanFrom = next
                    guard SocketIO.receive(fd, scratch: &scratch, appendingTo: &buffer) > 0 else { return .close }
                }
            }

            // The body.
            guard head.contentLength <= options.maxBodyBytes else {
                refuse(status: 413, reason: "request body larger than \(options.maxBodyBytes) bytes")
                return .close
            }
            if head.expectsContinue && buffer.count < head.contentLength {
                guard SocketIO.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return .close }
            }
            while buffer.count < head.contentLength {
                guard SocketIO.receive(fd, scratch: &scratch, appendingTo: &buffer) > 0 else { return .close }
            }
            let body = Data(buffer[0..<head.contentLength])
            buffer.removeFirst(head.contentLength)

            let request = RecordedRequest(
                method: head.method, target: head.target, httpVersion: head.version, headers: head.headers,
                body: body, connectionID: id, indexOnConnection: index, receivedAt: Date())
            index += 1
            server.record(request)

            let writer = ReplyWriter(
                fd: fd, stop: server.stopSignal, request: request,
                keepAlive: options.keepAlive && !request.wantsClose)
            let ending = writer.write(server.reply(for: request))
            if ending != .keepOpen { return ending }
        }
    }

    /// Answers a request that cannot be parsed or served; the connection closes afterwards.
    private func refuse(status: Int, reason: String) {
        let placeholder = RecordedRequest(method: "GET", target: "/")
        let writer = ReplyWriter(fd: fd, stop: server.stopSignal, request: placeholder, keepAlive: false)
        _ = writer.write(.status(status, body: "\(status) \(HTTPStatus.reason(status)): \(reason)\n"))
    }
}
