/// A configuration file that cannot be used, with the place that is wrong.
package struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    package var path: String
    package var line: Int?
    package var column: Int?
    package var message: String

    package var description: String {
        var place = path
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}
