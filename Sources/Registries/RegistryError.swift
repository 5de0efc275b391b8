import Transport

/// A source (index or channel) could not give an answer: the verdict for what needed it is unknown.
public struct RegistryError: Error, CustomStringConvertible, Sendable {
    /// The index or channel, credentials removed.
    public var source: String
    public var detail: String
    public var underlying: TransportError?

    public init(source: String, detail: String, underlying: TransportError? = nil) {
        self.source = Redaction.stripCredentials(source)
        self.detail = Redaction.scrub(detail)
        self.underlying = underlying
    }

    public init(source: String, _ error: TransportError) {
        self.init(source: source, detail: error.description, underlying: error)
    }

    public var isOfflineMiss: Bool { underlying?.kind == .offlineMiss }
    public var description: String { "\(source): \(detail)" }
}
