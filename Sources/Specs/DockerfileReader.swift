/// Reads a Dockerfile: the base image of its last stage, and the packages its `RUN` lines
/// install with pip, conda, mamba or micromamba — including the requirements files and
/// conda environment files they name, found in the build context through `COPY`.
///
/// Variables from `ARG` defaults and `ENV` are expanded; anything only known while the image
/// builds (`--build-arg` values, `$(...)`) makes a requirement unverifiable (a note).
/// All stages are read: a failing install in any stage fails the build.
final class DockerfileReader {
    let session: ReadSession

    struct Stage {
        var variables: [String: ShellVariable] = [:]
        var workdir = "/"
        var files: ContainerFiles
        var image: String?
    }

    private var globalArguments: [String: ShellVariable] = [:]
    private(set) var stage: Stage
    private var stages: [String: Stage] = [:]
    private var stageName: String?
    private var sawFrom = false
    private var context = "."

    init(session: ReadSession) {
        self.session = session
        self.stage = Stage(files: ContainerFiles(context: "."))
    }

    /// Reads a Dockerfile whose build context is the directory `context`.
    func read(_ text: SourceText, context: String) {
        self.context = context
        stage = Stage(files: ContainerFiles(context: context))
        for instruction in DockerfileInstructions.parse(text) {
            switch instruction.keyword {
            case "ARG": argument(instruction)
            case "ENV": environment(instruction)
            case "FROM": from(instruction)
            case "WORKDIR": workdir(instruction)
            case "COPY", "ADD": copy(instruction)
            case "RUN": run(instruction)
            default: break
            }
        }
    }

    // MARK: - Variables

    private func lookup(_ name: String) -> ShellVariable? {
        if !sawFrom { return globalArguments[name] }
        return stage.variables[name] ?? globalArguments[name]
    }

    private func words(_ text: MappedString) -> [ShellWord] {
        ShellLexer(source: text, lookup: lookup).items().compactMap {
            if case .word(let word) = $0 { return word }
            return nil
        }
    }

    private func value(of word: ShellWord) -> ShellVariable {
        word.isResolved ? .value(word.string) : .unknown
    }

    private func argument(_ instruction: DockerfileInstruction) {
        for word in words(instruction.arguments) {
            let text = word.text
            let name: String
            var assigned: ShellVariable
            if let equals = text.firstIndex(of: "=") {
                name = text.prefix(upTo: equals).string
                assigned = word.isResolved ? .value(text.suffix(from: equals + 1).string) : .unknown
            } else {
                name = text.string
                assigned = .unknown
            }
            guard ShellCommand.isName(name) else { continue }
            if sawFrom {
                if assigned == .unknown, text.firstIndex(of: "=") == nil, let global = globalArguments[name] {
                    assigned = global
                }
                stage.variables[name] = assigned
                pipEnvironment(name, assigned, at: word.start)
            } else {
                globalArguments[name] = assigned
            }
        }
    }

    private func environment(_ instruction: DockerfileInstruction) {
        let all = words(instruction.arguments)
        guard let first = all.first else { return }
        if first.text.firstIndex(of: "=") == nil {
            // Legacy `ENV NAME value with spaces`.
            let rest = all.dropFirst()
            let resolved = rest.allSatisfy(\.isResolved)
            let value: ShellVariable = resolved ? .value(rest.map(\.string).joined(separator: " ")) : .unknown
            if ShellCommand.isName(first.string) {
                stage.variables[first.string] = value
                pipEnvironment(first.string, value, at: first.start)
            }
            return
        }
        for word in all {
            guard let equals = word.text.firstIndex(of: "=") else { continue }
            let name = word.text.prefix(upTo: equals).string
            guard ShellCommand.isName(name) else { continue }
            let value: ShellVariable = word.isResolved ? .value(word.text.suffix(from: equals + 1).string) : .unknown
            stage.variables[name] = value
            pipEnvironment(name, value, at: word.start)
        }
    }

    /// pip reads its options from `PIP_*` variables too.
    private func pipEnvironment(_ name: String, _ value: ShellVariable, at position: SourcePosition) {
        guard name.hasPrefix("PIP_") else { return }
        guard case .value(let text) = value else {
            if ["PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS"].contains(name) {
                session.note(.unverifiable, "\(name) is only known when the image is built", at: position)
            }
            return
        }
        var options = session.spec.indexOptions
        let values = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        let truthy = ["1", "true", "yes", "on"].contains(text.lowercased())
        switch name {
        case "PIP_INDEX_URL": options.indexURL = values.first ?? text
        case "PIP_EXTRA_INDEX_URL": for v in values where !options.extraIndexURLs.contains(v) { options.extraIndexURLs.append(v) }
        case "PIP_FIND_LINKS": for v in values where !options.findLinks.contains(v) { options.findLinks.append(v) }
        case "PIP_TRUSTED_HOST": for v in values where !options.trustedHosts.contains(v) { options.trustedHosts.append(v) }
        case "PIP_PRE": options.pre = truthy
        case "PIP_NO_INDEX": options.noIndex = truthy
        case "PIP_PREFER_BINARY": options.preferBinary = truthy
        case "PIP_ONLY_BINARY": options.onlyBinary += text.split(separator: ",").map(String.init)
        case "PIP_NO_BINARY": options.noBinary += text.split(separator: ",").map(String.init)
        default: return
        }
        session.spec.indexOptions = options
    }

    // MARK: - Stages and files

    private func from(_ instruction: DockerfileInstruction) {
        let words = words(instruction.arguments)
        let all = words.filter { !$0.string.hasPrefix("--") }
        let platform = words.first { $0.string.hasPrefix("--platform=") && $0.isResolved }
            .map { String($0.string.dropFirst("--platform=".count)).lowercased() }
        sawFrom = true
        guard let imageWord = all.first else { return }
        if let stageName { stages[stageName] = stage }
        stageName = all.count >= 3 && all[1].string.lowercased() == "as" ? all[2].string.lowercased() : nil
        var next = Stage(files: ContainerFiles(context: context))
        let reference = imageWord.string
        if let earlier = stages[reference.lowercased()] {
            next = earlier
        } else if imageWord.isResolved {
            next.image = reference
        } else {
            session.note(.unverifiable,
                         "the base image '\(reference)' depends on \(imageWord.unresolved.joined(separator: ", ")), a build argument without a default",
                         at: imageWord.textPosition)
        }
        stage = next
        session.spec.imagePlatform = platform
        if let platform, let os = platform.split(separator: "/").first { session.spec.operatingSystem = String(os) }
        if let image = next.image {
            session.spec.image = image
            session.spec.imagePosition = imageWord.textPosition
            if let pin = ImagePythonGuess.pin(image: image, position: imageWord.textPosition) {
                if session.spec.pythonPin?.source == .baseImage || session.spec.pythonPin == nil {
                    session.spec.pythonPin = pin
                }
            } else if session.spec.pythonPin?.source == .baseImage {
                session.spec.pythonPin = nil
            }
        }
    }

    private func workdir(_ instruction: DockerfileInstruction) {
        let path = words(instruction.arguments).map(\.string).joined(separator: " ")
        guard !path.isEmpty else { return }
        stage.workdir = stage.files.absolutePath(path, workdir: stage.workdir)
    }

    private func copy(_ instruction: DockerfileInstruction) {
        guard instruction.heredocs.isEmpty else { return }
        var paths: [String]
        if let exec = Self.execForm(instruction.arguments) {
            paths = exec.map(\.string)
        } else {
            let all = words(instruction.arguments)
            paths = all.map(\.string)
        }
        var fromOtherImage = false
        while let first = paths.first, first.hasPrefix("--") {
            if first.hasPrefix("--from") { fromOtherImage = true }
            paths.removeFirst()
        }
        if fromOtherImage {
            if paths.count >= 2, let destination = paths.last {
                stage.files.recordGenerated(destination, workdir: stage.workdir)
            }
            return
        }
        guard paths.count >= 2, let destination = paths.last else { return }
        let sources = paths.dropLast().filter { !$0.contains("://") && !$0.hasPrefix("git@") }
        guard !sources.isEmpty else {
            stage.files.recordGenerated(destination, workdir: stage.workdir)
            return
        }
        stage.files.record(sources: Array(sources), destination: destination, workdir: stage.workdir)
    }

    /// The JSON array form of an instruction (`RUN ["pip", "install", "x"]`), or nil.
    static func execForm(_ arguments: MappedString) -> [MappedString]? {
        guard arguments.scalars.first == "[", arguments.scalars.last == "]" else { return nil }
        var result: [MappedString] = []
        var index = 1
        let scalars = arguments.scalars
        func skipBlanks() { while index < scalars.count, scalars[index].isPythonWhitespace { index += 1 } }
        skipBlanks()
        if index < scalars.count, scalars[index] == "]" { return index == scalars.count - 1 ? [] : nil }
        while index < scalars.count {
            skipBlanks()
            guard index < scalars.count, scalars[index] == "\"" else { return nil }
            index += 1
            var element = MappedString(path: arguments.path, at: arguments.points[min(index, scalars.count - 1)])
            var closed = false
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\"" { closed = true; index += 1; break }
                if scalar == "\\", index + 1 < scalars.count {
                    let escaped = scalars[index + 1]
                    let replacement: Unicode.Scalar
                    switch escaped {
                    case "n": replacement = "\n"
                    case "t": replacement = "\t"
                    default: replacement = escaped
                    }
                    element.append(replacement, at: arguments.points[index])
                    index += 2
                    continue
                }
                element.append(scalar, at: arguments.points[index])
                index += 1
            }
            guard closed else { return nil }
            result.append(element)
            skipBlanks()
            guard index < scalars.count else { return nil }
            if scalars[index] == "]" { return index == scalars.count - 1 ? result : nil }
            guard scalars[index] == "," else { return nil }
            index += 1
        }
        return nil
    }

    // MARK: - RUN

    private func run(_ instruction: DockerfileInstruction) {
        var arguments = instruction.arguments
        // RUN flags: --mount=..., --network=..., --security=...
        while arguments.hasPrefix("--") {
            var end = 0
            while end < arguments.count, !arguments.scalars[end].isBlank { end += 1 }
            arguments = arguments.suffix(from: end).trimmed()
        }
        if let exec = Self.execForm(arguments) {
            let words = exec.map { ShellWord(text: $0, start: $0.startPosition, precededByBlank: true) }
            var workdir = stage.workdir
            interpret(ShellCommand(words: words, redirections: []), workdir: &workdir)
            return
        }
        var script = arguments
        if let body = instruction.heredocs.first {
            let command = arguments.prefix(upTo: arguments.firstIndex(of: "<") ?? arguments.count).trimmed()
            let shell = FilePaths.baseName(command.string.split(separator: " ").first.map(String.init) ?? "")
            if command.isEmpty || ["sh", "bash", "dash", "zsh", "ash"].contains(shell) {
                script = body
            }
        }
        // Variables the script itself assigns are known after a first pass.
        var local: [String: ShellVariable] = [:]
        let firstPass = ShellCommand.split(ShellLexer(source: script, lookup: lookup).items())
        for command in firstPass {
            for (name, word) in command.assignments { local[name] = value(of: word) }
        }
        let commands = ShellCommand.split(ShellLexer(source: script, lookup: { [unowned self] name in
            local[name] ?? self.lookup(name)
        }).items())
        var workdir = stage.workdir
        for command in commands {
            interpret(command, workdir: &workdir)
            // Files the script writes exist only in the image.
            for redirection in command.redirections where redirection.op.hasPrefix(">") || redirection.op == "&>" {
                if let target = redirection.target, target.isResolved {
                    stage.files.recordGenerated(target.string, workdir: workdir)
                }
            }
        }
    }

    private static let prefixKeywords: Set<String> = [
        "then", "do", "else", "elif", "if", "while", "until", "!", "{", "}", "time", "exec", "nohup", "command",
        "builtin", "noglob",
    ]

    /// Recognises the install commands among a simple command's words (also those run
    /// through `conda run`).
    func interpret(_ command: ShellCommand, workdir: inout String) {
        var index = 0
        let words = command.words
        // Skip keywords, assignments and wrappers (`sudo -E`, `env X=1`).
        while index < words.count {
            let text = words[index].string
            if Self.prefixKeywords.contains(text) {
                index += 1
            } else if let equals = words[index].text.firstIndex(of: "="), equals > 0,
                      ShellCommand.isName(words[index].text.prefix(upTo: equals).string) {
                index += 1
            } else if text == "sudo" || text == "env" {
                index += 1
                while index < words.count, words[index].string.hasPrefix("-") {
                    let option = words[index].string
                    index += ["-u", "-g", "-C", "-h", "-p", "-U", "-D", "-R", "-T"].contains(option) ? 2 : 1
                }
            } else {
                break
            }
        }
        guard index < words.count else { return }
        let program = FilePaths.baseName(words[index].string)
        let rest = Array(index + 1..<words.count)
        if program == "cd" {
            if let target = rest.first, words[target].isResolved {
                workdir = stage.files.absolutePath(words[target].string, workdir: workdir)
            }
            return
        }
        if Self.isPip(program) {
            pipCommand(command, arguments: rest, workdir: workdir)
        } else if Self.isPython(program) {
            var position = 0
            while position < rest.count {
                let word = words[rest[position]].string
                if word == "-m", position + 1 < rest.count, words[rest[position + 1]].string == "pip" {
                    pipCommand(command, arguments: Array(rest[(position + 2)...]), workdir: workdir)
                    return
                }
                if word == "-mpip" {
                    pipCommand(command, arguments: Array(rest[(position + 1)...]), workdir: workdir)
                    return
                }
                guard word.hasPrefix("-") else { return }
                position += (word == "-X" || word == "-W") ? 2 : 1
            }
        } else if program == "uv", let first = rest.first, words[first].string == "pip" {
            pipCommand(command, arguments: Array(rest.dropFirst()), workdir: workdir)
        } else if ["conda", "mamba", "micromamba"].contains(program) {
            condaCommand(command, arguments: rest, workdir: &workdir, program: program)
        }
    }

    static func isPip(_ program: String) -> Bool {
        guard program.hasPrefix("pip") else { return false }
        let version = program.dropFirst(3)
        return version.allSatisfy { $0.isASCIIDigit || $0 == "." }
    }

    static func isPython(_ program: String) -> Bool {
        guard program.hasPrefix("python") else { return false }
        let version = program.dropFirst(6)
        return version.allSatisfy { $0.isASCIIDigit || $0 == "." }
    }
}
