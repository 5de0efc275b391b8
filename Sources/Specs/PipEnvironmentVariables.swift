/// pip's expansion of `${NAME}` in requirements files: only the braced form, names of
/// upper-case letters, digits and `_`; an unset or empty variable leaves the text as written.
enum PipEnvironmentVariables {
    struct Unset {
        var name: String
        var position: SourcePosition
    }

    static func expand(_ text: MappedString, environment: [String: String]) -> (MappedString, [Unset]) {
        guard text.scalars.contains("$") else { return (text, []) }
        var result = MappedString(path: text.path, at: text.points.first ?? text.end)
        var unset: [Unset] = []
        var index = 0
        let scalars = text.scalars
        while index < scalars.count {
            if scalars[index] == "$", index + 1 < scalars.count, scalars[index + 1] == "{" {
                var end = index + 2
                while end < scalars.count, isNameScalar(scalars[end]) { end += 1 }
                if end > index + 2, end < scalars.count, scalars[end] == "}" {
                    let name = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
                    if let value = environment[name], !value.isEmpty {
                        result.append(MappedString(path: text.path, text: value, allAt: text.points[index]))
                        index = end + 1
                        continue
                    }
                    unset.append(Unset(name: name, position: text.position(at: index)))
                }
            }
            result.append(scalars[index], at: text.points[index])
            index += 1
        }
        result.end = text.end
        return (result, unset)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }
}
