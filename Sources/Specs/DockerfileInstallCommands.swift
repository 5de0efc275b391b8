/// The `pip install`, `conda install`, `conda create` and `conda env create|update` commands
/// of a Dockerfile's `RUN` lines.
extension DockerfileReader {
    /// pip options that take a value (install options and general options).
    private static let pipValueOptions: Set<String> = [
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "--platform",
        "--python-version", "--implementation", "--abi", "--root", "--prefix", "--src", "--upgrade-strategy",
        "-C", "--config-settings", "--global-option", "--no-binary", "--only-binary", "--progress-bar",
        "--root-user-action", "--report", "-i", "--index-url", "--extra-index-url", "-f", "--find-links",
        "--group", "--python", "--log", "--log-file", "--local-log", "--proxy", "--retries", "--timeout",
        "--exists-action", "--trusted-host", "--cert", "--client-cert", "--cache-dir", "--keyring-provider",
        "--use-feature", "--use-deprecated", "--resume-retries", "--install-option", "--build-option",
    ]
    private static let pipFlags: Set<String> = [
        "-U", "--upgrade", "--force-reinstall", "-I", "--ignore-installed", "--ignore-requires-python",
        "--no-deps", "--no-build-isolation", "--use-pep517", "--no-use-pep517", "--check-build-dependencies",
        "--break-system-packages", "--compile", "--no-compile", "--no-warn-script-location",
        "--no-warn-conflicts", "--prefer-binary", "--require-hashes", "--pre", "--no-clean", "--dry-run",
        "--user", "--no-index", "-h", "--help", "--debug", "--isolated", "-v", "--verbose", "-V", "--version",
        "-q", "--quiet", "--no-input", "--disable-pip-version-check", "--no-color", "--no-cache-dir",
        "--no-python-version-warning", "--require-virtualenv", "--egg", "--no-binary-all",
    ]
    private static let pipShortValues: Set<Unicode.Scalar> = ["r", "c", "e", "t", "C", "i", "f"]
    private static let pipShortFlags: Set<Unicode.Scalar> = ["U", "I", "q", "v", "V", "h"]

    private static let condaValueOptions: Set<String> = [
        "-c", "--channel", "-n", "--name", "-p", "--prefix", "--file", "-f", "--solver", "--repodata-fn",
        "--subdir", "--platform", "--clone", "--revision", "--experimental-solver", "--experimental",
        "--channel-priority", "-r", "--root-prefix", "--rc-file", "--category", "--channel-alias", "--cwd",
        "-a", "--arch", "--log-level",
    ]

    /// An option word split into its name and, for `--name=value`, the value.
    private func option(_ word: ShellWord) -> (name: String, inline: ShellWord?) {
        let text = word.string
        guard text.hasPrefix("--"), let equals = word.text.firstIndex(of: "=") else { return (text, nil) }
        let value = ShellWord(text: word.text.suffix(from: equals + 1), unresolved: word.unresolved,
                              start: word.text.position(at: equals + 1), precededByBlank: false)
        return (word.text.prefix(upTo: equals).string, value)
    }

    // MARK: - pip

    func pipCommand(_ command: ShellCommand, arguments: [Int], workdir: String) {
        let words = command.words
        var index = 0
        // General options before the subcommand.
        while index < arguments.count, words[arguments[index]].string.hasPrefix("-") {
            let (name, inline) = option(words[arguments[index]])
            index += Self.pipValueOptions.contains(name) && inline == nil ? 2 : 1
        }
        guard index < arguments.count, words[arguments[index]].string == "install" else { return }
        index += 1
        var positionalOnly = false
        while index < arguments.count {
            let wordIndex = arguments[index]
            let word = words[wordIndex]
            let text = word.string
            if positionalOnly || !text.hasPrefix("-") || text == "-" {
                pipRequirement(word, at: wordIndex, in: command, editable: false)
                index += 1
                continue
            }
            if text == "--" {
                positionalOnly = true
                index += 1
                continue
            }
            if text.hasPrefix("--") {
                let (name, inline) = option(word)
                if Self.pipValueOptions.contains(name) {
                    let value = inline ?? (index + 1 < arguments.count ? words[arguments[index + 1]] : nil)
                    index += inline == nil ? 2 : 1
                    if let value { pipOption(name, value, command: command, valueIndex: inline == nil ? arguments[index - 1] : wordIndex, workdir: workdir) }
                } else {
                    if !Self.pipFlags.contains(name) {
                        session.note(.unknownOption, "unknown pip option \(name) is taken as a flag", at: word.start)
                    }
                    pipFlag(name)
                    index += 1
                }
                continue
            }
            // Short options, possibly clustered (`-qU`) or with an attached value (`-rfile`).
            var offset = 1
            var consumedNext = false
            while offset < word.text.count {
                let flag = word.text.scalars[offset]
                if Self.pipShortValues.contains(flag) {
                    let name = "-" + String(flag)
                    if offset + 1 < word.text.count {
                        let value = ShellWord(text: word.text.suffix(from: offset + 1), unresolved: word.unresolved,
                                              start: word.text.position(at: offset + 1), precededByBlank: false)
                        pipOption(name, value, command: command, valueIndex: wordIndex, workdir: workdir)
                    } else if index + 1 < arguments.count {
                        pipOption(name, words[arguments[index + 1]], command: command, valueIndex: arguments[index + 1], workdir: workdir)
                        consumedNext = true
                    }
                    break
                }
                if !Self.pipShortFlags.contains(flag) {
                    session.note(.unknownOption, "unknown pip option -\(flag) is taken as a flag", at: word.start)
                }
                offset += 1
            }
            index += consumedNext ? 2 : 1
        }
    }

    private func pipFlag(_ name: String) {
        switch name {
        case "--pre": session.spec.indexOptions.pre = true
        case "--no-index": session.spec.indexOptions.noIndex = true
        case "--prefer-binary": session.spec.indexOptions.preferBinary = true
        case "--require-hashes": session.spec.indexOptions.requireHashes = true
        default: break
        }
    }

    private func pipOption(_ name: String, _ value: ShellWord, command: ShellCommand, valueIndex: Int, workdir: String) {
        let text = value.string
        switch name {
        case "-r", "--requirement", "-c", "--constraint":
            includeRequirementsFile(value, constraint: name == "-c" || name == "--constraint", workdir: workdir)
        case "-e", "--editable":
            pipRequirement(value, at: valueIndex, in: command, editable: true)
        case "-i", "--index-url":
            if value.isResolved { session.spec.indexOptions.indexURL = text } else { unverifiable(value, "the index URL") }
        case "--extra-index-url":
            if value.isResolved {
                if !session.spec.indexOptions.extraIndexURLs.contains(text) { session.spec.indexOptions.extraIndexURLs.append(text) }
            } else {
                unverifiable(value, "the extra index URL")
            }
        case "-f", "--find-links":
            if value.isResolved, !session.spec.indexOptions.findLinks.contains(text) {
                session.spec.indexOptions.findLinks.append(text)
            }
        case "--trusted-host":
            if !session.spec.indexOptions.trustedHosts.contains(text) { session.spec.indexOptions.trustedHosts.append(text) }
        case "--only-binary":
            session.spec.indexOptions.onlyBinary += text.split(separator: ",").map(String.init)
        case "--no-binary":
            session.spec.indexOptions.noBinary += text.split(separator: ",").map(String.init)
        default:
            break
        }
    }

    private func unverifiable(_ word: ShellWord, _ what: String) {
        session.note(.unverifiable,
                     "\(what) '\(word.string)' depends on \(word.unresolved.joined(separator: ", ")), only known when the image is built; it is not checked",
                     at: word.textPosition)
    }

    /// Notes an unquoted `>`/`<` glued to an argument: the shell cut the argument there.
    private func noteRedirection(after wordIndex: Int, in command: ShellCommand, text: String, installer: String) {
        for redirection in command.redirections where redirection.afterWord == wordIndex && redirection.glued {
            guard redirection.op.hasPrefix(">") || redirection.op.hasPrefix("<") else { continue }
            let target = redirection.target?.string ?? ""
            session.note(.shellRedirection,
                         "the shell reads '\(redirection.op)' as a redirection: \(installer) receives '\(text)' without "
                            + "'\(redirection.op)\(target)'; quote the requirement ('\(text)\(redirection.op)\(target)')",
                         at: redirection.position)
        }
    }

    private func pipRequirement(_ word: ShellWord, at wordIndex: Int, in command: ShellCommand, editable: Bool) {
        guard word.isResolved else {
            unverifiable(word, "the requirement")
            return
        }
        let text = word.string
        guard !text.isEmpty else { return }
        noteRedirection(after: wordIndex, in: command, text: text, installer: "pip")
        session.addPip(SpecRequirement(
            ecosystem: .pip, text: text, position: word.textPosition, isEditable: editable,
            reference: ReferenceClassifier.pip(text, editable: editable), section: "pip install"))
    }

    /// A file named in a RUN line: found through `COPY`, or in the build context.
    private func locate(_ word: ShellWord, workdir: String, what: String) -> String? {
        guard word.isResolved else {
            unverifiable(word, "the \(what)")
            return nil
        }
        let path = word.string
        if let found = stage.files.locate(path, workdir: workdir) { return found.path }
        if stage.files.isGenerated(path, workdir: workdir) {
            session.note(.unverifiable, "the \(what) '\(path)' is written while the image builds; it is not checked",
                         at: word.textPosition)
            return nil
        }
        let absolute = stage.files.absolutePath(path, workdir: workdir)
        session.problem(
            "\(what) '\(path)' is not in the build context '\(stage.files.context)' and no COPY or ADD puts it at '\(absolute)'",
            at: word.textPosition)
        return nil
    }

    private func includeRequirementsFile(_ word: ShellWord, constraint: Bool, workdir: String) {
        let lower = word.string.lowercased()
        if lower.hasPrefix("http:") || lower.hasPrefix("https:") {
            session.note(.unverifiable, "requirements from the remote file '\(word.string)' are not checked", at: word.textPosition)
            return
        }
        let what = constraint ? "constraints file" : "requirements file"
        guard let path = locate(word, workdir: workdir, what: what) else { return }
        session.include(path, namedAt: word.textPosition, as: what) { text in
            PipRequirementsReader(session: session).read(text, constraint: constraint, section: "pip install")
        }
    }

    // MARK: - conda, mamba, micromamba

    func condaCommand(_ command: ShellCommand, arguments: [Int], workdir: inout String, program: String) {
        let words = command.words
        var index = 0
        while index < arguments.count, words[arguments[index]].string.hasPrefix("-") {
            let (name, inline) = option(words[arguments[index]])
            index += Self.condaValueOptions.contains(name) && inline == nil ? 2 : 1
        }
        guard index < arguments.count else { return }
        let subcommand = words[arguments[index]].string
        index += 1
        let rest = Array(arguments[index...])
        switch subcommand {
        case "install", "create", "update", "upgrade", "i":
            condaInstall(command, arguments: rest, workdir: workdir,
                         section: "\(program == "conda" ? "conda" : program) \(subcommand == "i" ? "install" : subcommand)")
        case "env":
            guard let first = rest.first, ["create", "update"].contains(words[first].string) else { return }
            condaEnvironment(command, arguments: Array(rest.dropFirst()), workdir: workdir)
        case "run":
            var position = 0
            while position < rest.count, words[rest[position]].string.hasPrefix("-") {
                let (name, inline) = option(words[rest[position]])
                position += Self.condaValueOptions.contains(name) && inline == nil ? 2 : 1
            }
            guard position < rest.count else { return }
            let offset = rest[position]
            let inner = ShellCommand(
                words: Array(words[offset...]),
                redirections: command.redirections.map {
                    var shifted = $0
                    shifted.afterWord -= offset
                    return shifted
                })
            var innerWorkdir = workdir
            interpret(inner, workdir: &innerWorkdir)
        default:
            return
        }
    }

    private func condaInstall(_ command: ShellCommand, arguments: [Int], workdir: String, section: String) {
        let words = command.words
        var index = 0
        while index < arguments.count {
            let wordIndex = arguments[index]
            let word = words[wordIndex]
            let text = word.string
            if text.hasPrefix("-"), text.count > 1 {
                let (name, inline) = option(word)
                if Self.condaValueOptions.contains(name) {
                    let value = inline ?? (index + 1 < arguments.count ? words[arguments[index + 1]] : nil)
                    index += inline == nil ? 2 : 1
                    guard let value else { continue }
                    switch name {
                    case "-c", "--channel":
                        if value.isResolved { session.addChannel(value.string, at: value.textPosition) } else {
                            unverifiable(value, "the channel")
                        }
                    case "--file", "-f":
                        includeCondaFile(value, workdir: workdir, section: section)
                    default:
                        break
                    }
                } else {
                    if name == "--override-channels" { session.addChannel("nodefaults", at: word.start) }
                    index += 1
                }
                continue
            }
            index += 1
            guard word.isResolved else {
                unverifiable(word, "the package spec")
                continue
            }
            guard !text.isEmpty else { continue }
            noteRedirection(after: wordIndex, in: command, text: text, installer: "conda")
            session.addConda(SpecRequirement(
                ecosystem: .conda, text: text, position: word.textPosition,
                reference: ReferenceClassifier.conda(text), section: section))
            if let pin = CondaPythonPin.pin(text, position: word.textPosition) { session.offerPythonPin(pin) }
        }
    }

    private func includeCondaFile(_ word: ShellWord, workdir: String, section: String) {
        let lower = word.string.lowercased()
        if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") {
            includeCondaEnvironment(word, workdir: workdir)
            return
        }
        guard let path = locate(word, workdir: workdir, what: "conda spec file") else { return }
        session.include(path, namedAt: word.textPosition, as: "conda spec file") { text in
            CondaSpecListReader(session: session).read(text, section: section)
        }
    }

    private func condaEnvironment(_ command: ShellCommand, arguments: [Int], workdir: String) {
        let words = command.words
        var index = 0
        var file: ShellWord? = nil
        while index < arguments.count {
            let word = words[arguments[index]]
            let (name, inline) = option(word)
            if Self.condaValueOptions.contains(name) {
                let value = inline ?? (index + 1 < arguments.count ? words[arguments[index + 1]] : nil)
                if name == "-f" || name == "--file" { file = value }
                index += inline == nil ? 2 : 1
            } else {
                index += 1
            }
        }
        if let file {
            includeCondaEnvironment(file, workdir: workdir)
        } else if let found = stage.files.locate("environment.yml", workdir: workdir) {
            session.include(found.path, namedAt: words[0].start, as: "conda environment file") { text in
                readCondaEnvironment(text)
            }
        } else {
            session.note(.unverifiable, "conda env reads environment.yml, which is not in the build context", at: words[0].start)
        }
    }

    private func includeCondaEnvironment(_ word: ShellWord, workdir: String) {
        guard let path = locate(word, workdir: workdir, what: "conda environment file") else { return }
        session.include(path, namedAt: word.textPosition, as: "conda environment file") { text in
            readCondaEnvironment(text)
        }
    }

    /// A conda environment installed by the Dockerfile; its name is not the spec's name.
    private func readCondaEnvironment(_ text: SourceText) {
        let name = session.spec.name
        CondaEnvironmentReader(session: session).read(text)
        session.spec.name = name
    }
}
