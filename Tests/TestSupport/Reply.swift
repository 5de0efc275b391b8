import Foundation

/// What the server does with a request: a normal response, or a fault that behaves on the wire
/// like the real failure it imitates.
///
/// Every normal response carries `Content-Length` (added unless given) and a `Date` header;
/// a `HEAD` request gets the head without the body.
public indirect enum Reply: Sendable {
    /// A complete response. `Content-Length` is added unless `headers` has one; one given is
    /// sent as is, even when it does not match the body (a way to build other faults).
    case response(status: Int, headers: [(String, String)], body: Data)

    /// `length` bytes of the file at `path` from `offset`, streamed from disk with `sendfile(2)`;
    /// used by `StaticFiles` so large files are never loaded whole.
    case file(path: String, offset: Int64, length: Int64, status: Int, headers: [(String, String)])

    /// Reads the request, then closes with `SO_LINGER` 0 so the client gets a TCP RST
    /// (curl: exit 56, "Connection reset by peer").
    case reset

    /// Reads the request and never answers, until the client closes or the server stops
    /// (curl `--max-time`: exit 28).
    case hang

    /// Reads the request, then closes cleanly (FIN) without a byte of response
    /// (curl: exit 52, "Empty reply from server").
    case closeWithoutReply

    /// Sends the head at once (with the full `Content-Length`), then the body at about
    /// `bytesPerSecond`; the connection stays usable afterwards.
    case drip(bytesPerSecond: Int, status: Int = 200, headers: [(String, String)] = [], body: Data)

    /// Announces `Content-Length: body.count`, sends only the first `sending` bytes, then closes
    /// (curl: exit 18, "transfer closed with N bytes remaining").
    case truncated(body: Data, sending: Int)

    /// A 200 whose body is `length` deterministic pseudo-random bytes, labelled `contentType`.
    case garbage(length: Int = 4096, contentType: String = "application/json")

    /// Not HTTP at all: `length` bytes of junk (never starting with `HTTP/`), then close
    /// (curl: exit 1, "Received HTTP/0.9 when not allowed").
    case rawGarbage(length: Int = 512)

    /// A 200 announcing `announcedLength` bytes (default 2 GiB) and streaming zeros until the
    /// client goes away, the length is reached, or the server stops.
    case oversized(announcedLength: Int64 = 2 << 30)

    /// A redirect to `location` (absolute or relative, sent as given). A handler that redirects a
    /// path to itself, or two routes pointing at each other, make a redirect loop.
    case redirect(to: String, status: Int = 302)

    /// Successive requests for the same target get successive replies; the last one repeats
    /// (e.g. `[.status(503), .status(503), .text("ok")]`).
    case sequence([Reply])

    /// 429 with `Retry-After: retryAfter` (seconds).
    case tooManyRequests(retryAfter: Int)

    /// Waits `seconds` (interrupted by `stop()`) before doing `then`: a slow first byte.
    case delayed(seconds: Double, then: Reply)
}

extension Reply {
    /// A response with status `code` and a short text body (`"503 Service Unavailable\n"` by default).
    public static func status(_ code: Int, body: String? = nil, headers: [(String, String)] = []) -> Reply {
        let text = body ?? "\(code) \(HTTPStatus.reason(code))\n"
        return .response(
            status: code,
            headers: withDefaultContentType(headers, "text/plain; charset=utf-8"),
            body: Data(text.utf8))
    }

    /// A text response (200 by default).
    public static func text(
        _ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8",
        headers: [(String, String)] = []
    ) -> Reply {
        .response(status: status, headers: withDefaultContentType(headers, contentType), body: Data(text.utf8))
    }

    /// A JSON response (200 by default); `contentType` can name e.g. `application/vnd.pypi.simple.v1+json`.
    public static func json(
        _ json: String, status: Int = 200, contentType: String = "application/json",
        headers: [(String, String)] = []
    ) -> Reply {
        .response(status: status, headers: withDefaultContentType(headers, contentType), body: Data(json.utf8))
    }

    /// A 200 with raw bytes.
    public static func data(
        _ body: Data, contentType: String = "application/octet-stream", headers: [(String, String)] = []
    ) -> Reply {
        .response(status: 200, headers: withDefaultContentType(headers, contentType), body: body)
    }

    /// 404 with a short text body.
    public static var notFound: Reply { .status(404) }

    /// `body` compressed with the best coding the request accepts (zstd, then gzip), labelled with
    /// `Content-Encoding` and `Vary: Accept-Encoding`; identity when it accepts neither or the
    /// compressor is unavailable.
    public static func encoded(
        _ body: Data, contentType: String, for request: RecordedRequest, status: Int = 200,
        headers: [(String, String)] = []
    ) -> Reply {
        var all = withDefaultContentType(headers, contentType)
        all.append(("Vary", "Accept-Encoding"))
        guard let coding = ContentCoding.preferred(acceptEncoding: request.header("Accept-Encoding")),
              let compressed = try? coding.encode(body)
        else {
            return .response(status: status, headers: all, body: body)
        }
        all.append(("Content-Encoding", coding.rawValue))
        return .response(status: status, headers: all, body: compressed)
    }

    private static func withDefaultContentType(
        _ headers: [(String, String)], _ contentType: String
    ) -> [(String, String)] {
        if headers.contains(where: { $0.0.lowercased() == "content-type" }) { return headers }
        return [("Content-Type", contentType)] + headers
    }
}
