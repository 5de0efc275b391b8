/// The PEP 503 normalized form of a project (or extra) name, as `packaging.utils.canonicalize_name`:
/// lowercase, every run of `-`, `_` and `.` becomes one `-` (`Foo.Bar__baz` → `foo-bar-baz`).
package func normalizeProjectName(_ name: String) -> String {
    var needsWork = false
    var previousWasSeparator = false
    for byte in name.utf8 {
        let isSeparator = byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        if byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            || (isSeparator && previousWasSeparator) {
            needsWork = true
            break
        }
        previousWasSeparator = isSeparator
    }
    if !needsWork { return name }

    var out = String.UnicodeScalarView()
    var inSeparatorRun = false
    for scalar in PythonCharacters.lowercased(name).unicodeScalars {
        if scalar == "-" || scalar == "_" || scalar == "." {
            if !inSeparatorRun { out.append("-") }
            inSeparatorRun = true
        } else {
            out.append(scalar)
            inSeparatorRun = false
        }
    }
    return String(out)
}

/// Whether `name` is a valid distribution name (core metadata `Name`): ASCII letters and digits,
/// with `.`, `_`, `-` allowed inside but not at either end.
package func isValidProjectName(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard let first = bytes.first, let last = bytes.last else { return false }
    func isAlphanumeric(_ b: UInt8) -> Bool { b &- 0x30 < 10 || (b | 0x20) &- UInt8(ascii: "a") < 26 }
    guard isAlphanumeric(first), isAlphanumeric(last) else { return false }
    return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
}

/// Whether `name` is already in normalized form (`packaging.utils.is_normalized_name`):
/// lowercase ASCII letters and digits in `-`-separated runs.
package func isNormalizedProjectName(_ name: String) -> Bool {
    var previousWasDash = true
    for byte in name.utf8 {
        if byte == UInt8(ascii: "-") {
            if previousWasDash { return false }
            previousWasDash = true
        } else if byte &- 0x30 < 10 || byte &- UInt8(ascii: "a") < 26 {
            previousWasDash = false
        } else {
            return false
        }
    }
    return !previousWasDash
}
