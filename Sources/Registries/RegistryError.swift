import Transport

/// A source (index or channel) could not give an answer: the verdict for what needed it is unknown.
package struct RegistryError: Error, CustomStringConvertible, Sendable {
    /// The index or channel, credentials removed.
    package var source: String
    package var detail: String
    package var underlying: TransportError?

    package init(source: String, detail: String, underlying: TransportError? = nil) {
        self.source = Redaction.stripCredentials(source)
        self.detail = Redaction.scrub(detail)
        self.underlying = underlying
    }

    package init(source: String, _ error: TransportError) {
        self.init(source: source, detail: error.description, underlying: error)
    }

    /// `source: detail`, or the detail alone when it starts with the URL the transport failed on
    /// and that URL lies within the source (a file of the origin, a page of the index): naming the
    /// source first repeated the same origin twice.
    package var description: String {
        failedURLWithinSource ? detail : "\(source): \(detail)"
    }

    private var failedURLWithinSource: Bool {
        guard let failed = underlying?.url, detail.hasPrefix(failed + ": ") else { return false }
        let base = source.hasSuffix("/") ? String(source.dropLast()) : source
        return failed == base || failed.hasPrefix(base + "/")
    }
}
