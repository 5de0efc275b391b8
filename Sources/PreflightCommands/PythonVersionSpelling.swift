/// The ways pip and uv users write a Python version, read as the dotted `X.Y[.Z]` preflight
/// targets: pip's `--python-version 38` (its digits-only form, a one-digit major), the
/// interpreter tags `cp38` and `py38` of wheel names and tox, and `3.8` itself.
enum PythonVersionSpelling {
    /// `38`, `cp38`, `py38` → `3.8`; `311`, `cp311` → `3.11`; a dotted version unchanged;
    /// `nil` for anything else.
    static func dotted(_ text: String) -> String? {
        if TargetOptions.isDottedVersion(text, parts: 2...3) { return text }
        var digits = Substring(text.lowercased())
        for prefix in ["cp", "py"] where digits.hasPrefix(prefix) { digits = digits.dropFirst(prefix.count) }
        // pip reads `--python-version 38` as 3.8: the first digit is the major version.
        guard digits.count >= 2, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let minor = digits.dropFirst()
        guard minor.count == 1 || minor.first != "0" else { return nil }
        return "\(digits.first!).\(minor)"
    }
}
