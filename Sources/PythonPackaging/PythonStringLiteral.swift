/// Decodes a quoted marker value as packaging's `process_python_str` does: plain printable text
/// is taken as is; anything with a backslash or a non-printable character goes through Python's
/// string-literal rules (`ast.literal_eval`), whose failures packaging reports as
/// "Invalid quoted string".
///
/// Differences from CPython, all on inputs no real marker uses: `\N{...}` knows the names and the
/// correction aliases of the Swift runtime's Unicode tables (not the control-code aliases such as
/// `BEL`), and an escape that yields a lone surrogate is rejected, since a Swift string cannot hold
/// one.
enum PythonStringLiteral {
    /// `quoted` includes its delimiters. Nil where Python would raise.
    static func decode(_ quoted: Substring) -> String? {
        let scalars = Array(quoted.unicodeScalars)
        guard scalars.count >= 2 else { return nil }
        let body = scalars[1..<(scalars.count - 1)]
        if !body.contains("\\") && scalars.allSatisfy(PythonCharacters.isPrintable) {
            return String(String.UnicodeScalarView(body))
        }
        return evaluate(Array(body))
    }

    private static func evaluate(_ body: [Unicode.Scalar]) -> String? {
        var out = String.UnicodeScalarView()
        var i = 0
        let n = body.count
        while i < n {
            let c = body[i]
            if c == "\0" { return nil }  // "source code string cannot contain null bytes"
            if c == "\n" || c == "\r" { return nil }  // unterminated single-quoted string
            guard c == "\\" else {
                out.append(c)
                i += 1
                continue
            }
            // A backslash as the last character escapes the closing quote: unterminated.
            guard i + 1 < n else { return nil }
            let e = body[i + 1]
            i += 2
            switch e {
            case "\n": break  // line continuation
            case "\r":
                if i < n, body[i] == "\n" { i += 1 }
            case "\\", "'", "\"": out.append(e)
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "0"..."7":
                var value = e.value - 0x30
                var digits = 1
                while digits < 3, i < n, ("0"..."7").contains(body[i]) {
                    value = value * 8 + body[i].value - 0x30
                    i += 1
                    digits += 1
                }
                guard let scalar = Unicode.Scalar(value) else { return nil }
                out.append(scalar)
            case "x", "u", "U":
                let width = e == "x" ? 2 : e == "u" ? 4 : 8
                guard i + width <= n else { return nil }
                var value: UInt32 = 0
                for k in 0..<width {
                    guard let digit = hexValue(body[i + k]) else { return nil }
                    value = value &* 16 &+ digit
                }
                i += width
                guard let scalar = Unicode.Scalar(value) else { return nil }
                out.append(scalar)
            case "N":
                guard i < n, body[i] == "{", let close = body[i...].firstIndex(of: "}"), close > i + 1 else {
                    return nil
                }
                let name = String(String.UnicodeScalarView(body[(i + 1)..<close]))
                guard let scalar = UnicodeNames.scalar(named: name) else { return nil }
                out.append(scalar)
                i = close + 1
            default:
                // Unknown escapes keep their backslash (with a warning in Python).
                out.append("\\")
                out.append(e)
            }
        }
        return String(out)
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 0x30
        case "a"..."f": return scalar.value - 0x61 + 10
        case "A"..."F": return scalar.value - 0x41 + 10
        default: return nil
        }
    }
}

/// Reverse lookup of Unicode character names, built on first use (only `\N{...}` escapes need it).
enum UnicodeNames {
    private static let table: [String: Unicode.Scalar] = {
        var names: [String: Unicode.Scalar] = [:]
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            if let name = properties.name { names[name] = scalar }
            if let alias = properties.nameAlias, names[alias] == nil { names[alias] = scalar }
        }
        return names
    }()

    /// Case-insensitive, as Python's `unicodedata.lookup`.
    static func scalar(named name: String) -> Unicode.Scalar? {
        table[name.uppercased()]
    }
}
