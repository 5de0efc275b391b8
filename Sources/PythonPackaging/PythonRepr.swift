/// Python's `repr()` of a `str`, so that error messages read exactly like packaging's.
enum PythonRepr {
    static func string(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars
        let hasSingle = scalars.contains("'")
        let hasDouble = scalars.contains("\"")
        let quote: Unicode.Scalar = (hasSingle && !hasDouble) ? "\"" : "'"
        var out = String.UnicodeScalarView()
        out.append(quote)
        for scalar in scalars {
            switch scalar {
            case quote, "\\":
                out.append("\\")
                out.append(scalar)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default:
                if PythonCharacters.isPrintable(scalar) {
                    out.append(scalar)
                } else {
                    let value = scalar.value
                    let (prefix, width) = value < 0x100 ? ("\\x", 2) : value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
                    let hex = String(value, radix: 16)
                    out.append(contentsOf: prefix.unicodeScalars)
                    out.append(contentsOf: String(repeating: "0", count: width - hex.count).unicodeScalars)
                    out.append(contentsOf: hex.unicodeScalars)
                }
            }
        }
        out.append(quote)
        return String(out)
    }
}
