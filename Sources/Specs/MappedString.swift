/// A line and column inside one file, compactly.
struct TextPoint: Sendable, Hashable {
    var line: Int32
    var column: Int32

    init(line: Int, column: Int) {
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
    }
}

/// Text whose every Unicode scalar remembers where it was written.
///
/// Readers cut, join and expand text (line continuations, environment variables, shell
/// quoting) and still know the exact position of what is left: a requirement's position is
/// the position of its first scalar.
struct MappedString: Sendable {
    var path: String
    var scalars: [Unicode.Scalar]
    var points: [TextPoint]
    /// Where the text ends: the position reported for an empty string or for the end.
    var end: TextPoint

    init(path: String, scalars: [Unicode.Scalar], points: [TextPoint], end: TextPoint) {
        self.path = path
        self.scalars = scalars
        self.points = points
        self.end = end
    }

    /// An empty string at a position.
    init(path: String, at point: TextPoint) {
        self.init(path: path, scalars: [], points: [], end: point)
    }

    /// A string whose scalars all sit on one line, one column apart, from `start`.
    init(path: String, text: String, start: TextPoint) {
        let scalars = Array(text.unicodeScalars)
        var points: [TextPoint] = []
        points.reserveCapacity(scalars.count)
        for offset in scalars.indices {
            points.append(TextPoint(line: Int(start.line), column: Int(start.column) + offset))
        }
        self.init(
            path: path, scalars: scalars, points: points,
            end: TextPoint(line: Int(start.line), column: Int(start.column) + scalars.count))
    }

    /// A string whose scalars all come from one place (an expanded variable's value).
    init(path: String, text: String, allAt point: TextPoint) {
        let scalars = Array(text.unicodeScalars)
        self.init(path: path, scalars: scalars, points: Array(repeating: point, count: scalars.count), end: point)
    }

    var count: Int { scalars.count }
    var isEmpty: Bool { scalars.isEmpty }
    var string: String { String(String.UnicodeScalarView(scalars)) }

    /// The position of the scalar at `index`; `count` gives the end.
    func position(at index: Int) -> SourcePosition {
        let point = index < points.count && index >= 0 ? points[index] : end
        return SourcePosition(path: path, line: Int(point.line), column: Int(point.column))
    }

    /// Where the text starts (its end when empty).
    var startPosition: SourcePosition { position(at: 0) }

    subscript(range: Range<Int>) -> MappedString {
        let end = range.upperBound < points.count ? points[range.upperBound] : self.end
        return MappedString(path: path, scalars: scalars.copiedElements(range), points: points.copiedElements(range), end: end)
    }

    func suffix(from index: Int) -> MappedString { self[min(index, count)..<count] }
    func prefix(upTo index: Int) -> MappedString { self[0..<min(index, count)] }

    mutating func append(_ other: MappedString) {
        scalars.append(contentsOf: other.scalars)
        points.append(contentsOf: other.points)
        end = other.end
    }

    mutating func append(_ scalar: Unicode.Scalar, at point: TextPoint) {
        scalars.append(scalar)
        points.append(point)
        end = TextPoint(line: Int(point.line), column: Int(point.column) + 1)
    }

    /// Without leading and trailing whitespace (Python's `str.strip()` set).
    func trimmed() -> MappedString {
        var lower = 0, upper = count
        while lower < upper, scalars[lower].isPythonWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].isPythonWhitespace { upper -= 1 }
        return self[lower..<upper]
    }

    func hasPrefix(_ prefix: String) -> Bool {
        let wanted = Array(prefix.unicodeScalars)
        return scalars.count >= wanted.count && Array(scalars[0..<wanted.count]) == wanted
    }

    /// First index of a scalar at or after `start`.
    func firstIndex(of scalar: Unicode.Scalar, from start: Int = 0) -> Int? {
        var index = start
        while index < count {
            if scalars[index] == scalar { return index }
            index += 1
        }
        return nil
    }
}

extension MappedString {
    /// Splits at `\n`, `\r\n` and `\r`, as the lines of a file written from this text.
    func splitLines() -> [MappedString] {
        var lines: [MappedString] = []
        var start = 0
        var index = 0
        while index < count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                lines.append(self[start..<index])
                if scalar == "\r", index + 1 < count, scalars[index + 1] == "\n" { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(self[start..<count])
        return lines
    }
}

extension Unicode.Scalar {
    /// Whitespace as Python's `str.isspace()` and regex `\s` see it.
    var isPythonWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x1F, 0x20, 0x85, 0xA0: return true
        default: return value > 0x7F && properties.isWhitespace
        }
    }

    /// A space or tab, the only blanks of shell and Dockerfile syntax.
    var isBlank: Bool { self == " " || self == "\t" }
}

extension Array {
    /// `Array(self[range])`, copied element by element. The slice-to-array copy of these element
    /// types, specialised by Swift 6.3 with -O, writes into its new buffer after releasing it
    /// (AddressSanitizer, `preflight audit` of the corpus: heap-use-after-free here; without the
    /// sanitizer a rare `malloc(): mismatching next->prev_size` abort).
    func copiedElements(_ range: Range<Int>) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(range.count)
        for index in range { out.append(self[index]) }
        return out
    }
}
