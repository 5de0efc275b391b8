/// Reads a conda environment (`name`, `channels`, `dependencies` with a `pip:` list), from a
/// file or from a mapping inside another spec.
///
/// Environment variables: conda expands `$VAR` and `${VAR}` in channels only; the `pip:`
/// list goes to pip, which expands `${VAR}`; conda dependencies are used as written.
struct CondaEnvironmentReader {
    let session: ReadSession

    /// Reads a conda environment file.
    func read(_ text: SourceText) {
        let document = YAMLDocument.load(text)
        session.spec.problems += document.problems
        let (tree, truncated) = document.tree()
        if truncated {
            session.problem("the YAML document is too large (aliases?); only part of it is read", at: text.position(of: 0))
        }
        guard let tree else {
            if document.problems.isEmpty {
                session.problem("the conda environment file is empty", at: text.position(of: 0))
            }
            return
        }
        read(tree, directory: FilePaths.directory(of: text.path))
    }

    /// Reads a conda environment mapping; `-r` and `-e` paths of its pip list are relative to
    /// `directory`.
    func read(_ tree: SpecTree, directory: String) {
        guard let entries = tree.entries else {
            session.problem(
                "a conda environment must be a mapping with name, channels and dependencies, not \(tree.kindName)",
                at: tree.position)
            return
        }
        if let name = tree["name"], let value = name.value.string, session.spec.name == nil {
            session.spec.name = value
        }
        if let channels = tree["channels"] { readChannels(channels) }
        if let dependencies = tree["dependencies"] {
            readDependencies(dependencies, directory: directory)
        } else if entries.isEmpty {
            session.problem("the conda environment is empty", at: tree.position)
        }
    }

    private func readChannels(_ entry: SpecTreeEntry) {
        if entry.value.isNull { return }
        guard let items = entry.value.items else {
            session.problem("channels must be a list, not \(entry.value.kindName)", at: entry.value.position)
            return
        }
        if session.spec.channelsPosition == nil { session.spec.channelsPosition = entry.keyPosition }
        for item in items {
            guard let raw = item.mappedString else {
                session.problem("a channel must be a name or URL, not \(item.kindName)", at: item.position)
                continue
            }
            let (expanded, unset) = ShellStyleVariables.expand(raw, environment: session.environment)
            for variable in unset {
                session.problem("environment variable \(variable.name) is not set; conda would use the channel name literally",
                                at: variable.position)
            }
            let channel = expanded.string.trimmingPythonWhitespace()
            if channel.isEmpty {
                session.problem("empty channel name", at: item.position)
                continue
            }
            session.addChannel(channel, at: entry.keyPosition)
        }
    }

    private func readDependencies(_ entry: SpecTreeEntry, directory: String) {
        if entry.value.isNull { return }
        guard let items = entry.value.items else {
            session.problem("dependencies must be a list, not \(entry.value.kindName)", at: entry.value.position)
            return
        }
        var pipSections: [(keyPosition: SourcePosition, value: SpecTree)] = []
        for item in items {
            switch item {
            case .scalar(let value, let isNull):
                if isNull {
                    session.problem("empty dependency", at: item.position)
                    continue
                }
                let trimmed = value.trimmed()
                if trimmed.isEmpty {
                    session.problem("empty dependency", at: item.position)
                    continue
                }
                let text = trimmed.string
                session.addConda(SpecRequirement(
                    ecosystem: .conda, text: text, position: trimmed.startPosition,
                    reference: ReferenceClassifier.conda(text), section: "dependencies"))
                if let pin = CondaPythonPin.pin(text, position: trimmed.startPosition) {
                    session.offerPythonPin(pin)
                }
            case .map(let installers, _):
                for installer in installers {
                    if installer.key == "pip" {
                        pipSections.append((installer.keyPosition, installer.value))
                    } else {
                        session.problem(
                            "unknown installer '\(installer.key)' in dependencies: conda knows conda packages and a pip: list",
                            at: installer.keyPosition)
                    }
                }
            case .list, .typed:
                session.problem("a dependency must be a package spec or a pip: list, not \(item.kindName)", at: item.position)
            }
        }
        for earlier in pipSections.dropLast() {
            session.note(.replaced, "a later pip: section replaces this one; conda installs only the last", at: earlier.keyPosition)
        }
        if let pip = pipSections.last {
            session.spec.pipSectionPosition = pip.keyPosition
            readPipList(pip.value, directory: directory)
        }
    }

    private func readPipList(_ value: SpecTree, directory: String) {
        if value.isNull { return }
        guard let items = value.items else {
            session.problem("pip: must hold a list of requirements, not \(value.kindName)", at: value.position)
            return
        }
        var lines: [MappedString] = []
        for item in items {
            guard let text = item.mappedString else {
                session.problem("a pip requirement must be a single line of text, not \(item.kindName)", at: item.position)
                continue
            }
            lines += text.splitLines()
        }
        PipRequirementsReader(session: session)
            .read(lines: lines, directory: directory, constraint: false, section: "pip")
    }
}
