/// Reads a conda spec list (`conda install --file specs.txt`): one MatchSpec per line, `#`
/// comments, or package URLs after an `@EXPLICIT` line.
struct CondaSpecListReader {
    let session: ReadSession

    func read(_ text: SourceText, section: String) {
        var explicit = false
        for line in 0..<text.lineCount {
            var content = text.mappedLine(line)
            if let hash = content.firstIndex(of: "#"), !explicit || hash == 0 || content.scalars[hash - 1].isPythonWhitespace {
                content = content.prefix(upTo: hash)
            }
            let spec = content.trimmed()
            if spec.isEmpty { continue }
            let string = spec.string
            if string == "@EXPLICIT" {
                explicit = true
                continue
            }
            if string.hasPrefix("@") { continue }
            session.addConda(SpecRequirement(
                ecosystem: .conda, text: string, position: spec.startPosition,
                reference: explicit ? (ReferenceClassifier.conda(string) ?? .url(string)) : ReferenceClassifier.conda(string),
                section: section))
            if !explicit, let pin = CondaPythonPin.pin(string, position: spec.startPosition) {
                session.offerPythonPin(pin)
            }
        }
    }
}
