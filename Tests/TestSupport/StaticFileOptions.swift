/// How `StaticFiles` serves a directory; the defaults behave like a plain, well-behaved web server.
public struct StaticFileOptions: Sendable {
    /// Send `ETag` and `Last-Modified` and answer `If-None-Match` / `If-Modified-Since` with 304.
    /// When false, neither validators nor 304s (a server that defeats caching).
    public var validators: Bool
    /// The `Cache-Control` value to send with every file (e.g. `max-age=60`); nil sends none.
    public var cacheControl: String?
    /// Honour `Range: bytes=…` with 206; when false, ranges are ignored and the full body is sent
    /// with `Accept-Ranges: none`.
    public var ranges: Bool
    /// The file a directory URL ending in `/` serves, if it exists; nil disables it.
    public var directoryIndex: String?
    /// When the request accepts zstd or gzip and `FILE.zst` / `FILE.gz` exists next to `FILE`,
    /// serve that sibling with `Content-Encoding` (and `Vary: Accept-Encoding`).
    public var precompressedSiblings: Bool
    /// Sent with every file response.
    public var extraHeaders: [(String, String)]

    public init(
        validators: Bool = true, cacheControl: String? = nil, ranges: Bool = true,
        directoryIndex: String? = "index.html", precompressedSiblings: Bool = false,
        extraHeaders: [(String, String)] = []
    ) {
        self.validators = validators
        self.cacheControl = cacheControl
        self.ranges = ranges
        self.directoryIndex = directoryIndex
        self.precompressedSiblings = precompressedSiblings
        self.extraHeaders = extraHeaders
    }
}
