/// Reads `pyproject.toml`: `[project]` `dependencies`, `optional-dependencies` and
/// `requires-python`, PEP 735 `[dependency-groups]` and `[build-system] requires`.
///
/// These are PEP 508 strings, not requirements-file lines: no options, comments or
/// environment variables.
struct PyprojectReader {
    let session: ReadSession

    func read(_ text: SourceText) {
        let (tree, failure) = TOMLScanner.parse(text)
        if let failure { session.problem(failure.message, at: failure.position) }
        let project = tree["project"]
        if let project {
            guard project.value.entries != nil else {
                session.problem("[project] must be a table, not \(project.value.kindName)", at: project.keyPosition)
                return
            }
            if let name = project.value["name"]?.value.string { session.spec.name = name }
            if let requires = project.value["requires-python"] {
                if let value = requires.value.mappedString {
                    let trimmed = value.trimmed()
                    session.offerPythonPin(PythonPin(
                        text: trimmed.string, version: nil, position: trimmed.startPosition, source: .requiresPython))
                } else {
                    session.problem("requires-python must be a string", at: requires.value.position)
                }
            }
            if let dependencies = project.value["dependencies"] {
                readList(dependencies, section: "dependencies")
            }
            if let optional = project.value["optional-dependencies"] {
                if let extras = optional.value.entries {
                    for extra in extras { readList(extra, section: "optional-dependencies.\(extra.key)") }
                } else {
                    session.problem("optional-dependencies must be a table", at: optional.value.position)
                }
            }
            if let dynamic = project.value["dynamic"]?.value.items {
                for item in dynamic {
                    guard let field = item.string, field == "dependencies" || field == "optional-dependencies" else { continue }
                    session.note(.dynamicDependencies,
                                 "\(field) are dynamic: the build backend computes them, so they are not checked", at: item.position)
                }
            }
        } else if tree["tool"]?.value["poetry"] != nil {
            session.note(.unverifiable, "Poetry dependencies ([tool.poetry]) are not read; only [project] is",
                         at: text.position(of: 0))
        }
        if let groups = tree["dependency-groups"] {
            for group in groups.value.entries ?? [] {
                readList(group, section: "dependency-groups.\(group.key)", allowIncludes: true)
            }
        }
        if let requires = tree["build-system"]?.value["requires"] {
            readList(requires, section: "build-system.requires")
        }
    }

    private func readList(_ entry: SpecTreeEntry, section: String, allowIncludes: Bool = false) {
        guard let items = entry.value.items else {
            session.problem("\(entry.key) must be an array of requirement strings, not \(entry.value.kindName)",
                            at: entry.value.position)
            return
        }
        for item in items {
            if allowIncludes, item.entries != nil { continue }
            guard let value = item.mappedString else {
                session.problem("a requirement must be a string, not \(item.kindName)", at: item.position)
                continue
            }
            let trimmed = value.trimmed()
            guard !trimmed.isEmpty else {
                session.problem("empty requirement", at: item.position)
                continue
            }
            let text = trimmed.string
            session.addPip(SpecRequirement(
                ecosystem: .pip, text: text, position: trimmed.startPosition,
                reference: ReferenceClassifier.pip(text, editable: false), section: section))
        }
    }
}
