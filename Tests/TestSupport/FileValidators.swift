/// The validators of a served file (`ETag` from size and nanosecond mtime, `Last-Modified`)
/// and the conditional-request rules that use them (RFC 9110 §13).
struct FileValidators: Equatable {
    /// Quoted strong entity tag, e.g. `"1f4-6566f0a1.1b3c4d5e"` (size-seconds.nanoseconds).
    let entityTag: String
    /// Modification time in whole seconds since the epoch.
    let modifiedSeconds: Int

    init(size: Int64, modifiedSeconds: Int, modifiedNanoseconds: Int, variant: String? = nil) {
        let suffix = variant.map { "-\($0)" } ?? ""
        entityTag = "\"\(String(size, radix: 16))-\(String(modifiedSeconds, radix: 16))."
            + "\(String(modifiedNanoseconds, radix: 16))\(suffix)\""
        self.modifiedSeconds = modifiedSeconds
    }

    var lastModified: String { HTTPDate.format(modifiedSeconds) }

    /// Whether a GET/HEAD with these request headers should get 304: `If-None-Match` (weak
    /// comparison) decides when present, otherwise `If-Modified-Since`.
    func notModified(_ headers: HTTPHeaders) -> Bool {
        let matchLists = headers.values("If-None-Match")
        if !matchLists.isEmpty {
            let tags = matchLists.flatMap { $0.split(separator: ",").map { $0.trimmingWhitespace() } }
            return tags.contains { $0 == "*" || Self.opaque($0) == Self.opaque(entityTag) }
        }
        if let since = headers["If-Modified-Since"], let date = HTTPDate.parse(since) {
            return modifiedSeconds <= date
        }
        return false
    }

    /// Whether an `If-Range` value still designates this file (strong comparison for tags,
    /// exact equality for dates), so a `Range` may be honoured.
    func rangeStillValid(_ ifRange: String?) -> Bool {
        guard let ifRange = ifRange?.trimmingWhitespace() else { return true }
        if ifRange.hasPrefix("\"") || ifRange.hasPrefix("W/") { return ifRange == entityTag }
        return HTTPDate.parse(ifRange) == modifiedSeconds
    }

    private static func opaque(_ tag: String) -> String {
        tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
    }
}
