/// How a `Range` request header applies to a representation of a given size (RFC 9110 §14).
/// Only a single `bytes` range is honoured; multiple ranges or bad syntax mean the whole body,
/// which RFC 9110 permits.
enum ByteRange: Equatable {
    case whole
    /// Inclusive byte offsets, already clamped to the size.
    case partial(first: Int64, last: Int64)
    case unsatisfiable

    static func resolve(_ header: String?, size: Int64) -> ByteRange {
        guard let header else { return .whole }
        let trimmed = header.trimmingWhitespace()
        guard let equals = trimmed.firstIndex(of: "="),
              trimmed[..<equals].trimmingWhitespace().lowercased() == "bytes"
        else { return .whole }
        let spec = trimmed[trimmed.index(after: equals)...].trimmingWhitespace()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let startText = spec[..<dash].trimmingWhitespace()
        let endText = spec[spec.index(after: dash)...].trimmingWhitespace()

        if startText.isEmpty {
            // bytes=-n: the last n bytes.
            guard let suffix = digits(endText) else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .partial(first: max(0, size - suffix), last: size - 1)
        }
        guard let first = digits(startText) else { return .whole }
        let last: Int64
        if endText.isEmpty {
            last = size - 1
        } else {
            guard let end = digits(endText) else { return .whole }
            guard end >= first else { return .whole }
            last = min(end, size - 1)
        }
        guard first < size else { return .unsatisfiable }
        return .partial(first: first, last: last)
    }

    /// A non-negative decimal, or nil (overflow included).
    private static func digits(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(text)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
