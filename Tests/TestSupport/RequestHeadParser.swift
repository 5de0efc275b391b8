/// The parsed request line and header fields of one request, before its body.
struct RequestHead: Sendable {
    var method: String
    var target: String
    var version: String
    var headers: HTTPHeaders
    var contentLength: Int
    var expectsContinue: Bool
}

/// Parses a request head out of the bytes received so far. It never traps and never loops on
/// hostile input: anything it cannot read becomes a 4xx/5xx outcome and the connection closes.
enum RequestHeadParser {
    enum Outcome {
        /// More bytes are needed; resume the search for the blank line at `scanFrom`.
        case incomplete(scanFrom: Int)
        /// The request cannot be served; answer `status` and close.
        case failed(status: Int, reason: String)
        /// A head that occupied the first `consumed` bytes.
        case parsed(RequestHead, consumed: Int)
    }

    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let maxFieldCount = 256

    static func parse(_ bytes: [UInt8], scanFrom: Int = 0) -> Outcome {
        // RFC 9112 §2.2: ignore empty lines received before the request line.
        var start = 0
        while start < bytes.count, bytes[start] == carriageReturn || bytes[start] == lineFeed { start += 1 }
        guard let end = headEnd(bytes, from: max(start, scanFrom)) else {
            return .incomplete(scanFrom: max(start, bytes.count - 3))
        }
        var lines: [String] = []
        var lineStart = start
        for index in start..<end where bytes[index] == lineFeed {
            var lineEnd = index
            if lineEnd > lineStart, bytes[lineEnd - 1] == carriageReturn { lineEnd -= 1 }
            lines.append(String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self))
            lineStart = index + 1
        }
        // The last "line" is the blank one that ends the head.
        if let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let requestLine = lines.first else { return .failed(status: 400, reason: "empty request") }

        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return .failed(status: 400, reason: "malformed request line") }
        let method = String(parts[0])
        guard !method.isEmpty, method.utf8.allSatisfy(isTokenByte) else {
            return .failed(status: 400, reason: "malformed method")
        }
        guard let target = originForm(String(parts[1])) else {
            return .failed(status: 400, reason: "malformed request target")
        }
        let version = String(parts[2])
        guard version.hasPrefix("HTTP/") else {
            return .failed(status: 400, reason: "malformed HTTP version")
        }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failed(status: 505, reason: "unsupported HTTP version")
        }

        let fieldLines = lines.dropFirst()
        guard fieldLines.count <= maxFieldCount else { return .failed(status: 431, reason: "too many header fields") }
        var fields: [(name: String, value: String)] = []
        for line in fieldLines {
            if line.first == " " || line.first == "\t" {
                return .failed(status: 400, reason: "obsolete line folding")
            }
            guard let colon = line.firstIndex(of: ":") else {
                return .failed(status: 400, reason: "header field without colon")
            }
            let name = String(line[..<colon])
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
                return .failed(status: 400, reason: "malformed header name")
            }
            fields.append((name, trimmed(line[line.index(after: colon)...])))
        }
        let headers = HTTPHeaders(fields)

        if headers.contains("Transfer-Encoding") {
            return .failed(status: 501, reason: "request bodies with Transfer-Encoding are not supported")
        }
        var contentLength = 0
        let lengths = Set(headers.values("Content-Length").flatMap { $0.split(separator: ",").map(trimmed) })
        if lengths.count > 1 { return .failed(status: 400, reason: "conflicting Content-Length") }
        if let text = lengths.first {
            guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return .failed(status: 400, reason: "malformed Content-Length")
            }
            guard let value = Int(text) else { return .failed(status: 413, reason: "Content-Length too large") }
            contentLength = value
        }
        let expectsContinue = headers["Expect"]?.lowercased() == "100-continue"
        let head = RequestHead(
            method: method, target: target, version: version, headers: headers,
            contentLength: contentLength, expectsContinue: expectsContinue)
        return .parsed(head, consumed: end)
    }

    /// The index just past the blank line (CRLF CRLF, or bare LF LF) that ends the head.
    private static func headEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = max(0, start)
        while index < bytes.count {
            if bytes[index] == lineFeed {
                if index + 1 < bytes.count, bytes[index + 1] == lineFeed { return index + 2 }
                if index + 2 < bytes.count, bytes[index + 1] == carriageReturn, bytes[index + 2] == lineFeed {
                    return index + 3
                }
            }
            index += 1
        }
        return nil
    }

    /// Origin-form targets pass through; absolute-form (`http://host/path`, as sent to proxies)
    /// becomes its path; anything else is refused.
    private static func originForm(_ target: String) -> String? {
        guard !target.isEmpty, target.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { return nil }
        if target.hasPrefix("/") || target == "*" { return target }
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            let path = String(rest[slash...])
            return path.hasPrefix("?") ? "/" + path : path
        }
        return nil
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func trimmed(_ text: Substring) -> String {
        var slice = text
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
