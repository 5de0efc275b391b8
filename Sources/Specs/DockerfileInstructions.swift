/// One Dockerfile instruction with its arguments, continuation lines joined.
struct DockerfileInstruction: Sendable {
    /// Upper-cased: `FROM`, `RUN`, `COPY` ...
    var keyword: String
    var keywordPosition: SourcePosition
    /// Everything after the keyword, line continuations removed, positions kept.
    var arguments: MappedString
    /// Here-document bodies (`RUN <<EOF ... EOF`), in order, with their line breaks.
    var heredocs: [MappedString]
}

/// Splits a Dockerfile into instructions the way BuildKit's parser does: parser directives
/// (`# escape=`), comment lines, the escape character at the end of a line continuing it
/// (blank and comment lines inside a continuation are dropped), here-documents.
enum DockerfileInstructions {
    static func parse(_ text: SourceText) -> [DockerfileInstruction] {
        var escape: Unicode.Scalar = "\\"
        var instructions: [DockerfileInstruction] = []
        var line = 0
        // Parser directives: `# name=value` lines at the very top.
        while line < text.lineCount {
            let content = text.mappedLine(line).string.trimmingPythonWhitespace()
            guard content.hasPrefix("#"), let equals = content.firstIndex(of: "=") else { break }
            let name = String(content[content.index(after: content.startIndex)..<equals])
                .trimmingPythonWhitespace().lowercased()
            let value = String(content[content.index(after: equals)...]).trimmingPythonWhitespace()
            guard !name.isEmpty, !name.contains(" ") else { break }
            if name == "escape", value == "`" { escape = "`" }
            line += 1
        }
        while line < text.lineCount {
            let first = text.mappedLine(line)
            let leading = first.trimmed()
            if leading.isEmpty || leading.scalars.first == "#" {
                line += 1
                continue
            }
            var joined = MappedString(path: text.path, at: first.points.first ?? first.end)
            var current = first
            while true {
                line += 1
                let (body, continues) = continuation(current, escape: escape)
                joined.append(body)
                guard continues else { break }
                while line < text.lineCount {
                    let next = text.mappedLine(line).trimmed()
                    if next.isEmpty || next.scalars.first == "#" { line += 1 } else { break }
                }
                guard line < text.lineCount else { break }
                current = text.mappedLine(line)
            }
            let statement = joined.trimmed()
            var keywordEnd = 0
            while keywordEnd < statement.count, !statement.scalars[keywordEnd].isPythonWhitespace { keywordEnd += 1 }
            let keyword = statement.prefix(upTo: keywordEnd).string.uppercased()
            let arguments = statement.suffix(from: keywordEnd).trimmed()
            var heredocs: [MappedString] = []
            if ["RUN", "COPY", "ADD"].contains(keyword) {
                for marker in heredocMarkers(arguments) {
                    var body = MappedString(path: text.path, at: TextPoint(line: line + 1, column: 1))
                    while line < text.lineCount {
                        let bodyLine = text.mappedLine(line)
                        line += 1
                        var candidate = bodyLine.string
                        if marker.stripsTabs { candidate = String(candidate.drop(while: { $0 == "\t" })) }
                        if candidate == marker.word { break }
                        body.append(bodyLine)
                        body.append("\n", at: bodyLine.end)
                    }
                    heredocs.append(body)
                }
            }
            instructions.append(DockerfileInstruction(
                keyword: keyword, keywordPosition: statement.startPosition, arguments: arguments, heredocs: heredocs))
        }
        return instructions
    }

    /// The line without a final escape character (and the blanks after it), and whether it
    /// continues on the next line.
    private static func continuation(_ line: MappedString, escape: Unicode.Scalar) -> (MappedString, Bool) {
        var end = line.count
        while end > 0, line.scalars[end - 1].isPythonWhitespace { end -= 1 }
        if end > 0, line.scalars[end - 1] == escape {
            return (line.prefix(upTo: end - 1), true)
        }
        return (line, false)
    }

    struct HeredocMarker {
        var word: String
        var stripsTabs: Bool
    }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` in an instruction's arguments.
    static func heredocMarkers(_ arguments: MappedString) -> [HeredocMarker] {
        var markers: [HeredocMarker] = []
        let scalars = arguments.scalars
        var index = 0
        while index + 2 < scalars.count {
            guard scalars[index] == "<", scalars[index + 1] == "<", index == 0 || scalars[index - 1] != "<" else {
                index += 1
                continue
            }
            var i = index + 2
            var stripsTabs = false
            if i < scalars.count, scalars[i] == "-" { stripsTabs = true; i += 1 }
            var quote: Unicode.Scalar? = nil
            if i < scalars.count, scalars[i] == "\"" || scalars[i] == "'" { quote = scalars[i]; i += 1 }
            var word = ""
            while i < scalars.count, scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) || scalars[i] == "_" {
                word.unicodeScalars.append(scalars[i])
                i += 1
            }
            if let quote, i < scalars.count, scalars[i] == quote { i += 1 }
            if !word.isEmpty, let first = word.unicodeScalars.first, !("0"..."9").contains(first) {
                markers.append(HeredocMarker(word: word, stripsTabs: stripsTabs))
            }
            index = i
        }
        return markers
    }
}
