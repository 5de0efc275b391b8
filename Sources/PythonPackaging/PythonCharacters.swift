// Character classes and string operations with Python's semantics.
//
// packaging is written in Python, and its grammar leans on Python's definitions: `\s` and
// `str.strip()` know about Unicode whitespace, `\b` and `\w` about Unicode letters and digits,
// `str.lower()` about Unicode case. Reproducing those exactly is what makes our answers agree
// with packaging on odd input, so they live in one place.

enum PythonCharacters {
    /// `str.isspace()` / regex `\s` for `str` patterns (the two agree).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
             0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Regex `\w` for `str` patterns: `str.isalnum()` or `_`.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        return isAlphanumeric(scalar)
    }

    /// `str.isalnum()` for one character: a letter (Lu, Ll, Lt, Lm, Lo) or anything with a numeric type.
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return properties.numericType != nil
        }
    }

    /// `str.isprintable()` for one character: not in categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs,
    /// except the ASCII space.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value == 0x20 { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
             .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// `str.isidentifier()`: XID_Start or `_`, then XID_Continue.
    static func isIdentifier(_ string: Substring) -> Bool {
        var first = true
        for scalar in string.unicodeScalars {
            if first {
                guard scalar == "_" || scalar.properties.isXIDStart else { return false }
                first = false
            } else if !scalar.properties.isXIDContinue {
                return false
            }
        }
        return !first
    }

    /// `str.lower()`: full Unicode lowercase mapping, character by character.
    static func lowercased(_ string: Substring) -> String {
        var needsWork = false
        for byte in string.utf8 where byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) {
            needsWork = true
            break
        }
        if !needsWork { return String(string) }
        var result = String.UnicodeScalarView()
        for scalar in string.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value
                result.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(UInt8(v + 0x20)) : scalar)
            } else {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(result)
    }

    static func lowercased(_ string: String) -> String { lowercased(string[...]) }

    /// `str.strip()` with no argument: trims Unicode whitespace at both ends.
    static func strip(_ string: Substring) -> Substring {
        let scalars = string.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isWhitespace(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard isWhitespace(scalars[before]) else { break }
            end = before
        }
        return Substring(scalars[start..<end])
    }

    /// Equality as Python compares strings: code point by code point (no canonical equivalence).
    static func scalarsEqual(_ a: Substring, _ b: Substring) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }

    /// Ordering as Python compares strings: code point by code point.
    static func scalarsLess(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// Number of Unicode scalars (Python string indices) in the UTF-8 prefix of `string` that ends
    /// at byte `offset`.
    static func scalarOffset(in string: String, utf8Offset offset: Int) -> Int {
        var count = 0
        var index = 0
        for byte in string.utf8 {
            if index >= offset { break }
            if byte & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }
}
