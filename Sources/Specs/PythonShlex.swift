/// Python's `shlex.split(text)` (POSIX mode, no comments), which pip applies to the options
/// part of a requirements line, keeping the source position of every scalar.
enum PythonShlex {
    enum Failure: Error, Equatable {
        /// "No closing quotation": an unterminated quote, at the quote.
        case noClosingQuotation(SourcePosition)
        /// "No escaped character": a backslash at the very end.
        case noEscapedCharacter(SourcePosition)
    }

    static func split(_ text: MappedString) -> Result<[MappedString], Failure> {
        var tokens: [MappedString] = []
        var token: MappedString? = nil
        var index = 0
        let scalars = text.scalars
        func startToken(at i: Int) -> MappedString {
            let point = i < text.points.count ? text.points[i] : text.end
            return MappedString(path: text.path, at: point)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                if let finished = token { tokens.append(finished) }
                token = nil
                index += 1
                continue
            }
            if token == nil { token = startToken(at: index) }
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else {
                    return .failure(.noEscapedCharacter(text.position(at: index)))
                }
                token!.append(scalars[index + 1], at: text.points[index + 1])
                index += 2
            case "'":
                guard let close = text.firstIndex(of: "'", from: index + 1) else {
                    return .failure(.noClosingQuotation(text.position(at: index)))
                }
                for i in (index + 1)..<close { token!.append(scalars[i], at: text.points[i]) }
                index = close + 1
            case "\"":
                var i = index + 1
                var closed = false
                while i < scalars.count {
                    let inner = scalars[i]
                    if inner == "\"" { closed = true; break }
                    if inner == "\\", i + 1 < scalars.count, scalars[i + 1] == "\"" || scalars[i + 1] == "\\" {
                        token!.append(scalars[i + 1], at: text.points[i + 1])
                        i += 2
                        continue
                    }
                    token!.append(inner, at: text.points[i])
                    i += 1
                }
                guard closed else { return .failure(.noClosingQuotation(text.position(at: index))) }
                index = i + 1
            default:
                token!.append(scalar, at: text.points[index])
                index += 1
            }
        }
        if let finished = token { tokens.append(finished) }
        return .success(tokens)
    }
}
