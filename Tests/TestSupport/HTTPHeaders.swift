import Foundation

/// Header fields of a recorded request, in the order they arrived, with case-insensitive lookup.
public struct HTTPHeaders: Sendable, CustomStringConvertible {
    /// The fields exactly as received (names keep their original spelling).
    public let fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// The value of the first field called `name` (case-insensitive), or nil.
    public subscript(_ name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// Every value of fields called `name` (case-insensitive), in arrival order.
    public func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// Whether a field called `name` (case-insensitive) is present.
    public func contains(_ name: String) -> Bool {
        self[name] != nil
    }

    /// Whether a comma-separated header (e.g. `Connection`) lists `token`, compared case-insensitively.
    public func lists(_ name: String, token: String) -> Bool {
        let wanted = token.lowercased()
        return values(name).contains { value in
            value.split(separator: ",").contains {
                $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted
            }
        }
    }

    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}
