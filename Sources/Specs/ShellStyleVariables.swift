/// Python's `os.path.expandvars`, which conda applies to channel names: `$NAME` and `${NAME}`
/// are replaced when the variable is set and left as written otherwise.
enum ShellStyleVariables {
    static func expand(_ text: MappedString, environment: [String: String])
        -> (MappedString, [PipEnvironmentVariables.Unset]) {
        guard text.scalars.contains("$") else { return (text, []) }
        var result = MappedString(path: text.path, at: text.points.first ?? text.end)
        var unset: [PipEnvironmentVariables.Unset] = []
        let scalars = text.scalars
        var index = 0
        while index < scalars.count {
            if scalars[index] == "$", index + 1 < scalars.count {
                var name = ""
                var end = index + 1
                if scalars[end] == "{" {
                    if let close = text.firstIndex(of: "}", from: end + 1) {
                        name = String(String.UnicodeScalarView(scalars[(end + 1)..<close]))
                        end = close + 1
                    }
                } else {
                    while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
                    name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                }
                if !name.isEmpty {
                    if let value = environment[name] {
                        result.append(MappedString(path: text.path, text: value, allAt: text.points[index]))
                    } else {
                        unset.append(.init(name: name, position: text.position(at: index)))
                        result.append(text[index..<end])
                    }
                    index = end
                    continue
                }
            }
            result.append(scalars[index], at: text.points[index])
            index += 1
        }
        result.end = text.end
        return (result, unset)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }
}
