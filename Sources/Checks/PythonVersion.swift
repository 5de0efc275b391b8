/// A target's CPython version as it was given, `3.8` or `3.8.5`: the text is what reports print
/// and what tells two targets apart (`3.8` is not `3.8.0`); the numbers are read from it once.
package struct PythonVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    package let text: String
    package let major: Int
    package let minor: Int
    /// Nil when the text names a minor release only.
    package let micro: Int?

    /// Lenient, as pip's `--python-version` is: missing parts read as `3` and `0`.
    package init(_ text: String) {
        self.text = text
        let parts = text.split(separator: ".").compactMap { Int($0) }
        major = parts.first ?? 3
        minor = parts.count > 1 ? parts[1] : 0
        micro = parts.count > 2 ? parts[2] : nil
    }

    package init(stringLiteral text: String) { self.init(text) }

    package init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    package var description: String { text }

    /// `3.8.5` → (3, 8).
    package var majorMinor: (Int, Int) { (major, minor) }

    /// `3.8` → `3.8.0`, as pip's `--python-version 3.8` does when `requires_python` is evaluated.
    package var fullVersion: String {
        let parts = text.split(separator: ".")
        return parts.count >= 3 ? text : parts.count == 2 ? text + ".0" : text + ".0.0"
    }

    package static func == (a: PythonVersion, b: PythonVersion) -> Bool { a.text == b.text }
    package func hash(into hasher: inout Hasher) { hasher.combine(text) }

    package static func < (a: PythonVersion, b: PythonVersion) -> Bool {
        (a.major, a.minor, a.micro ?? 0, a.text) < (b.major, b.minor, b.micro ?? 0, b.text)
    }
}
