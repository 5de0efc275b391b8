/// Reads pip requirements the way pip's `req_file.py` does — line continuations, comments,
/// `${VAR}` expansion, the split between requirement and options, `-r`/`-c` recursion — and
/// keeps the position of every requirement.
///
/// The same reader serves requirements files and the lists that are requirements files in
/// disguise: a conda environment's `pip:` list and an MLflow `python_env.yaml`
/// `dependencies` list, whose items conda and MLflow write one per line to a temporary
/// requirements file next to the spec.
struct PipRequirementsReader {
    let session: ReadSession

    /// Reads a whole requirements file.
    func read(_ text: SourceText, constraint: Bool, section: String?) {
        var lines: [MappedString] = []
        lines.reserveCapacity(text.lineCount)
        for line in 0..<text.lineCount {
            // A final line break does not start another line.
            if line == text.lineCount - 1, text.lineRange(line).isEmpty, line > 0 { break }
            lines.append(text.mappedLine(line))
        }
        read(lines: lines, directory: FilePaths.directory(of: text.path), constraint: constraint, section: section)
    }

    /// Reads physical lines. Includes are resolved against `directory`.
    func read(lines: [MappedString], directory: String, constraint: Bool, section: String?) {
        for logical in Self.joinLines(lines) {
            handle(logical, directory: directory, constraint: constraint, section: section)
        }
    }

    // MARK: - Lines

    /// pip's `join_lines`: a line ending in `\` continues on the next one, unless it is a
    /// comment line; a comment line ends a continued line.
    static func joinLines(_ lines: [MappedString]) -> [MappedString] {
        var result: [MappedString] = []
        var pending: MappedString? = nil
        for line in lines {
            let isComment = isCommentLine(line)
            if line.scalars.last != "\\" || isComment {
                if var joined = pending {
                    joined.append(line)
                    result.append(joined)
                    pending = nil
                } else {
                    result.append(line)
                }
            } else {
                // pip strips backslashes from both ends of the line.
                var lower = 0, upper = line.count
                while lower < upper, line.scalars[lower] == "\\" { lower += 1 }
                while upper > lower, line.scalars[upper - 1] == "\\" { upper -= 1 }
                let stripped = line[lower..<upper]
                if pending == nil { pending = stripped } else { pending!.append(stripped) }
            }
        }
        if let joined = pending { result.append(joined) }
        return result
    }

    /// `COMMENT_RE.match(line)`: optional whitespace, then `#`.
    private static func isCommentLine(_ line: MappedString) -> Bool {
        var index = 0
        while index < line.count, line.scalars[index].isPythonWhitespace { index += 1 }
        return index < line.count && line.scalars[index] == "#"
    }

    /// `COMMENT_RE.sub("", line)`: cuts at the first `#` that starts the line or follows
    /// whitespace, together with that whitespace.
    static func removingComment(_ line: MappedString) -> MappedString {
        var index = 0
        while index < line.count {
            if line.scalars[index] == "#", index == 0 || line.scalars[index - 1].isPythonWhitespace {
                var start = index
                while start > 0, line.scalars[start - 1].isPythonWhitespace { start -= 1 }
                return line.prefix(upTo: start)
            }
            index += 1
        }
        return line
    }

    /// `break_args_options`: words (split at single spaces) up to the first one starting
    /// with `-` are the requirement; the rest are options.
    static func splitArgumentsAndOptions(_ line: MappedString) -> (arguments: MappedString, options: MappedString) {
        var wordStart = 0
        while wordStart <= line.count {
            if wordStart < line.count, line.scalars[wordStart] == "-" {
                let arguments = wordStart == 0 ? line.prefix(upTo: 0) : line.prefix(upTo: wordStart - 1)
                return (arguments, line.suffix(from: wordStart))
            }
            guard let space = line.firstIndex(of: " ", from: wordStart) else { break }
            wordStart = space + 1
        }
        return (line, line.suffix(from: line.count))
    }

    // MARK: - One logical line

    private func handle(_ raw: MappedString, directory: String, constraint: Bool, section: String?) {
        let stripped = Self.removingComment(raw).trimmed()
        if stripped.isEmpty { return }
        let (line, unset) = PipEnvironmentVariables.expand(stripped, environment: session.environment)
        for variable in unset {
            session.problem(
                "environment variable \(variable.name) is not set; pip would use '${\(variable.name)}' literally",
                at: variable.position)
        }
        let (argumentsPart, optionsPart) = Self.splitArgumentsAndOptions(line)
        let arguments = argumentsPart.trimmed()
        let words: [MappedString]
        switch PythonShlex.split(optionsPart) {
        case .success(let split): words = split
        case .failure(.noClosingQuotation(let position)):
            session.problem("cannot split the options of this line: no closing quotation", at: position)
            return
        case .failure(.noEscapedCharacter(let position)):
            session.problem("cannot split the options of this line: no escaped character after '\\'", at: position)
            return
        }
        let options: PipLineOptions
        switch PipOptionParser.parse(words) {
        case .success(let parsed): options = parsed
        case .failure(let failure):
            session.problem(failure.message, at: failure.position)
            return
        }

        if !arguments.isEmpty {
            addRequirement(arguments, editable: false, options: options, constraint: constraint, section: section)
            noteIgnored(options.fileLevelOptionNames, reason: "on a requirement line")
            if !options.editables.isEmpty {
                session.note(.ignoredOption, "pip ignores -e on a line that already names a requirement",
                             at: options.editables[0].startPosition)
            }
        } else if let editable = options.editables.first {
            addRequirement(editable, editable: true, options: options, constraint: constraint, section: section)
            noteIgnored(options.fileLevelOptionNames, reason: "on a requirement line")
            if let hash = options.hashes.first {
                session.note(.ignoredOption, "pip ignores --hash on an editable requirement", at: hash.startPosition)
            }
            for extra in options.editables.dropFirst() {
                session.note(.ignoredOption, "pip reads only the first -e of a line", at: extra.startPosition)
            }
        } else if let include = options.requirements.first ?? options.constraints.first {
            let nestedConstraint = options.requirements.isEmpty
            let ignored = options.requirements.dropFirst() + (options.requirements.isEmpty ? options.constraints.dropFirst() : options.constraints[...])
            for extra in ignored {
                session.note(.ignoredOption, "pip follows only the first -r or -c of a line", at: extra.startPosition)
            }
            readInclude(include, directory: directory, constraint: nestedConstraint, section: section)
        } else {
            apply(options)
            if let hash = options.hashes.first {
                session.note(.ignoredOption, "--hash without a requirement on its line is ignored", at: hash.startPosition)
            }
        }
    }

    private func noteIgnored(_ names: [(name: String, position: SourcePosition)], reason: String) {
        for (name, position) in names {
            session.note(.ignoredOption, "pip ignores \(name) \(reason)", at: position)
        }
    }

    private func addRequirement(
        _ text: MappedString, editable: Bool, options: PipLineOptions, constraint: Bool, section: String?
    ) {
        let string = text.string
        session.addPip(SpecRequirement(
            ecosystem: .pip, text: string, position: text.startPosition,
            hashes: editable ? [] : options.hashes.map(\.string), isEditable: editable,
            reference: ReferenceClassifier.pip(string, editable: editable),
            isConstraint: constraint, section: section))
    }

    private func apply(_ options: PipLineOptions) {
        var index = session.spec.indexOptions
        if options.noIndex { index.noIndex = true }
        if let url = options.indexURL { index.indexURL = url.string }
        for url in options.extraIndexURLs where !index.extraIndexURLs.contains(url.string) {
            index.extraIndexURLs.append(url.string)
        }
        for link in options.findLinks where !index.findLinks.contains(link.string) {
            index.findLinks.append(link.string)
        }
        for host in options.trustedHosts where !index.trustedHosts.contains(host.string) {
            index.trustedHosts.append(host.string)
        }
        if options.pre { index.pre = true }
        if options.preferBinary { index.preferBinary = true }
        if options.requireHashes { index.requireHashes = true }
        index.onlyBinary += options.onlyBinary
        index.noBinary += options.noBinary
        session.spec.indexOptions = index
    }

    private func readInclude(_ include: MappedString, directory: String, constraint: Bool, section: String?) {
        let target = include.string
        let lower = target.lowercased()
        let path: String
        if lower.hasPrefix("http:") || lower.hasPrefix("https:") {
            session.note(.unverifiable, "requirements from the remote file '\(target)' are not checked",
                         at: include.startPosition)
            return
        } else if lower.hasPrefix("file:") {
            path = Self.pathOfFileURL(target)
        } else {
            path = FilePaths.join(directory, target)
        }
        let what = constraint ? "constraints file" : "requirements file"
        session.include(path, namedAt: include.startPosition, as: what) { text in
            read(text, constraint: constraint, section: section)
        }
    }

    /// `file:///a/b` → `/a/b`, `file:relative` → `relative`, percent escapes decoded.
    static func pathOfFileURL(_ url: String) -> String {
        var rest = String(url.dropFirst(5))
        if rest.hasPrefix("//") {
            rest = String(rest.dropFirst(2))
            if let slash = rest.firstIndex(of: "/") { rest = String(rest[slash...]) } else { rest = "/" }
        }
        return rest.removingPercentEncoding ?? rest
    }
}
