/// The URL schemes an index or channel may use: `https://`, `http://` (used as given) and `file://`.
package enum SourceURL {
    package static func isSupported(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("file://")
    }
}
