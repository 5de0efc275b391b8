/// A part of a spec that cannot be read: it becomes an `invalid-spec` finding.
package struct SpecProblem: Sendable, Hashable, CustomStringConvertible {
    package var message: String
    package var position: SourcePosition

    package init(message: String, position: SourcePosition) {
        self.message = message
        self.position = position
    }

    package var description: String { "\(position): \(message)" }
}
