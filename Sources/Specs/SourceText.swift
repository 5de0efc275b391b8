import Foundation

/// A decoded text file: its Unicode scalars and where each line starts, so that any scalar
/// index can be turned into a line and column.
struct SourceText: Sendable {
    let path: String
    /// The text without a byte-order mark.
    let string: String
    let scalars: [Unicode.Scalar]
    /// Scalar index of the first scalar of each line. Lines end at `\r\n`, `\n` or `\r`.
    let lineStarts: [Int]
    /// For text embedded in another file (a Dockerfile inside a JSON string): where each
    /// scalar really is. Positions then come from here instead of from `lineStarts`.
    private(set) var embeddedPoints: [TextPoint]? = nil

    /// Text embedded in another file: lines are its own, positions those of `mapped`.
    init(embedded mapped: MappedString) {
        self.init(path: mapped.path, string: mapped.string)
        if scalars.count == mapped.points.count { embeddedPoints = mapped.points + [mapped.end] }
    }

    init(path: String, string: String) {
        self.path = path
        var text = string
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        self.string = text
        let scalars = Array(text.unicodeScalars)
        self.scalars = scalars
        var starts = [0]
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\r" {
                if index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                starts.append(index + 1)
            } else if scalar == "\n" {
                starts.append(index + 1)
            }
            index += 1
        }
        self.lineStarts = starts
    }

    /// Decodes file bytes: UTF-8 (with or without BOM), or UTF-16/UTF-32 when a BOM says so.
    /// Anything else with NUL bytes or invalid UTF-8 is not text.
    static func decode(_ data: Data, path: String) -> SourceText? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(bytes.dropFirst(3), path: path)
        }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return units(bytes.dropFirst(4), width: 4, bigEndian: true, path: path)
        }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return units(bytes.dropFirst(4), width: 4, bigEndian: false, path: path)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return units(bytes.dropFirst(2), width: 2, bigEndian: true, path: path)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return units(bytes.dropFirst(2), width: 2, bigEndian: false, path: path)
        }
        return utf8(bytes[...], path: path)
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>, path: String) -> SourceText? {
        if bytes.contains(0) { return nil }
        guard let string = String(validating: bytes, as: UTF8.self) else { return nil }
        return SourceText(path: path, string: string)
    }

    private static func units(_ bytes: ArraySlice<UInt8>, width: Int, bigEndian: Bool, path: String) -> SourceText? {
        guard bytes.count % width == 0 else { return nil }
        let start = bytes.startIndex
        var scalars = String.UnicodeScalarView()
        if width == 4 {
            var offset = 0
            while offset < bytes.count {
                var value: UInt32 = 0
                for k in 0..<4 {
                    let byte = UInt32(bytes[start + offset + (bigEndian ? k : 3 - k)])
                    value = value << 8 | byte
                }
                guard let scalar = Unicode.Scalar(value), value != 0 else { return nil }
                scalars.append(scalar)
                offset += 4
            }
        } else {
            var codeUnits: [UInt16] = []
            codeUnits.reserveCapacity(bytes.count / 2)
            var offset = 0
            while offset < bytes.count {
                let first = UInt16(bytes[start + offset]), second = UInt16(bytes[start + offset + 1])
                codeUnits.append(bigEndian ? first << 8 | second : second << 8 | first)
                offset += 2
            }
            var iterator = codeUnits.makeIterator()
            var decoder = UTF16()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar):
                    if scalar.value == 0 { return nil }
                    scalars.append(scalar)
                case .emptyInput: break decoding
                case .error: return nil
                }
            }
        }
        return SourceText(path: path, string: String(scalars))
    }

    var lineCount: Int { lineStarts.count }

    /// The scalar range of a line (0-based line index), without its line break.
    func lineRange(_ line: Int) -> Range<Int> {
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : scalars.count
        while end > start, scalars[end - 1] == "\n" || scalars[end - 1] == "\r" { end -= 1 }
        return start..<end
    }

    /// The 0-based line holding a scalar index.
    func lineIndex(of index: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The 1-based position of a scalar index (the end of the text is a valid index).
    func position(of index: Int) -> SourcePosition {
        if let embeddedPoints {
            let point = embeddedPoints[min(max(index, 0), embeddedPoints.count - 1)]
            return SourcePosition(path: path, line: Int(point.line), column: Int(point.column))
        }
        let line = lineIndex(of: index)
        return SourcePosition(path: path, line: line + 1, column: index - lineStarts[line] + 1)
    }

    /// The scalar index of a 1-based line and column, if it is inside the text.
    func index(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        let index = lineStarts[line - 1] + column - 1
        return index <= scalars.count ? index : nil
    }

    /// A line as a mapped string (0-based line index).
    func mappedLine(_ line: Int) -> MappedString {
        mapped(lineRange(line))
    }

    /// A range of scalars with their positions.
    func mapped(_ range: Range<Int>) -> MappedString {
        if let embeddedPoints {
            return MappedString(
                path: path, scalars: scalars.copiedElements(range), points: embeddedPoints.copiedElements(range),
                end: embeddedPoints[range.upperBound])
        }
        let line = lineIndex(of: range.lowerBound)
        var points: [TextPoint] = []
        points.reserveCapacity(range.count)
        var currentLine = line
        for index in range {
            while currentLine + 1 < lineStarts.count, lineStarts[currentLine + 1] <= index { currentLine += 1 }
            points.append(TextPoint(line: currentLine + 1, column: index - lineStarts[currentLine] + 1))
        }
        let end = position(of: range.upperBound)
        return MappedString(
            path: path, scalars: scalars.copiedElements(range), points: points,
            end: TextPoint(line: end.line, column: end.column))
    }
}
