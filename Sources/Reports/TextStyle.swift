/// ANSI colour or plain text; `ColourChoice` decides which.
public struct TextStyle: Sendable {
    public var colour: Bool
    public init(colour: Bool) { self.colour = colour }

    func wrap(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    public func red(_ s: String) -> String { wrap(s, "31") }
    public func green(_ s: String) -> String { wrap(s, "32") }
    public func yellow(_ s: String) -> String { wrap(s, "33") }
    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
}
