/// Recognises the `python` dependency among conda MatchSpecs and the version it pins.
enum CondaPythonPin {
    /// The package name of a MatchSpec, lower-cased, without channel: enough to spot `python`.
    static func packageName(_ spec: String) -> String {
        var text = Substring(spec.trimmingPythonWhitespace())
        if let range = text.range(of: "::", options: .backwards) { text = text[range.upperBound...] }
        let stop: Set<Character> = [" ", "=", "<", ">", "!", "~", "[", "\t"]
        return String(text.prefix(while: { !stop.contains($0) })).lowercased()
    }

    /// A pin for `python…` specs; nil for other packages.
    static func pin(_ spec: String, position: SourcePosition) -> PythonPin? {
        guard packageName(spec) == "python" else { return nil }
        return PythonPin(text: spec.trimmingPythonWhitespace(), version: pinnedVersion(spec),
                         position: position, source: .condaDependency)
    }

    /// `python=3.8`, `python==3.8.5`, `python 3.8.*`, `python=3.8.5=h12_0` → the version;
    /// ranges and bare `python` → nil.
    static func pinnedVersion(_ spec: String) -> String? {
        var text = Substring(spec.trimmingPythonWhitespace())
        if let range = text.range(of: "::", options: .backwards) { text = text[range.upperBound...] }
        text = text.dropFirst("python".count)
        text = text.drop(while: { $0 == " " || $0 == "\t" })
        if text.hasPrefix("==") { text = text.dropFirst(2) } else if text.hasPrefix("=") { text = text.dropFirst() }
        var version = String(text.prefix(while: { $0 != "=" && $0 != " " && $0 != "\t" }))
        if version.hasSuffix(".*") { version.removeLast(2) } else if version.hasSuffix("*") { version.removeLast() }
        return isPlainVersion(version) ? version : nil
    }

    /// `3`, `3.8`, `3.8.5` — digits and at most two dots.
    static func isPlainVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return (1...3).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
