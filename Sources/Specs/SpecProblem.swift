/// A part of a spec that cannot be read: it becomes an `invalid-spec` finding.
public struct SpecProblem: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var position: SourcePosition

    public init(message: String, position: SourcePosition) {
        self.message = message
        self.position = position
    }

    public var description: String { "\(position): \(message)" }
}
