/// Reads an MLflow model's `python_env.yaml`: `python`, `build_dependencies` and
/// `dependencies`. MLflow hands both lists to pip from the model directory, so they are
/// read as requirements-file lines (`-r requirements.txt` is common).
struct MLflowPythonEnvReader {
    let session: ReadSession

    func read(_ text: SourceText) {
        let document = YAMLDocument.load(text)
        session.spec.problems += document.problems
        guard let tree = document.tree().tree else {
            if document.problems.isEmpty { session.problem("python_env.yaml is empty", at: text.position(of: 0)) }
            return
        }
        guard tree.entries != nil else {
            session.problem("python_env.yaml must be a mapping of python, build_dependencies and dependencies, not \(tree.kindName)",
                            at: tree.position)
            return
        }
        if let python = tree["python"] {
            if let value = python.value.mappedString {
                let trimmed = value.trimmed()
                let version = trimmed.string
                session.offerPythonPin(PythonPin(
                    text: version, version: CondaPythonPin.isPlainVersion(version) ? version : nil,
                    position: trimmed.startPosition, source: .mlflowPythonEnv))
            } else {
                session.problem("python must be a version such as 3.8.5, not \(python.value.kindName)", at: python.value.position)
            }
        }
        let directory = FilePaths.directory(of: text.path)
        for section in ["build_dependencies", "dependencies"] {
            guard let entry = tree[section], !entry.value.isNull else { continue }
            guard let items = entry.value.items else {
                session.problem("\(section) must be a list of requirements, not \(entry.value.kindName)", at: entry.value.position)
                continue
            }
            var lines: [MappedString] = []
            for item in items {
                guard let line = item.mappedString else {
                    session.problem("a requirement must be a single line of text, not \(item.kindName)", at: item.position)
                    continue
                }
                lines += line.splitLines()
            }
            PipRequirementsReader(session: session).read(lines: lines, directory: directory, constraint: false, section: section)
        }
    }
}
