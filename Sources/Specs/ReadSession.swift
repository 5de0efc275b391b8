/// The state of one `SpecReader.read` call: the spec being assembled, the chain of files
/// being included (for cycle detection) and the limits that keep hostile specs finite.
final class ReadSession {
    var spec: ParsedSpec
    let environment: [String: String]
    private var includeChain: [String] = []
    private var filesRead = 0

    /// Deeper include chains than this are reported instead of followed.
    static let maximumDepth = 32
    /// More files than this in one spec are reported instead of read.
    static let maximumFiles = 256

    init(path: String, kind: SpecKind, environment: [String: String]) {
        self.spec = ParsedSpec(path: path, kind: kind)
        self.environment = environment
    }

    func problem(_ message: String, at position: SourcePosition) {
        spec.problems.append(SpecProblem(message: message, position: position))
    }

    func note(_ kind: SpecNote.Kind, _ message: String, at position: SourcePosition) {
        spec.notes.append(SpecNote(kind: kind, message: message, position: position))
    }

    func addPip(_ requirement: SpecRequirement) {
        spec.pipRequirements.append(requirement)
        if !requirement.hashes.isEmpty { spec.indexOptions.requireHashes = true }
    }

    func addConda(_ requirement: SpecRequirement) {
        spec.condaRequirements.append(requirement)
    }

    func addChannel(_ channel: String, at position: SourcePosition) {
        if spec.channelsPosition == nil { spec.channelsPosition = position }
        if !spec.channels.contains(channel) { spec.channels.append(channel) }
    }

    /// Sets the Python pin unless a more literal one is already known.
    func offerPythonPin(_ pin: PythonPin) {
        if let existing = spec.pythonPin, existing.source != .baseImage || pin.source == .baseImage { return }
        spec.pythonPin = pin
    }

    /// Marks the top-level file as being read, so that an include of it is a cycle.
    func enterRoot(_ path: String) {
        includeChain = [FilePaths.canonical(path)]
    }

    /// Reads a file named by the spec (an include, a `conda_file`, a Dockerfile) and runs
    /// `body` on it with the file on the include chain. A missing or unreadable file, a file
    /// already on the chain (a cycle) and the depth and count limits are problems reported at
    /// `position`, the place that names the file.
    func include(_ path: String, namedAt position: SourcePosition, as what: String,
                 _ body: (SourceText) -> Void) {
        let key = FilePaths.canonical(path)
        if includeChain.contains(key) {
            problem("\(what) '\(path)' includes itself (an include cycle); it is read only once", at: position)
            return
        }
        if includeChain.count >= Self.maximumDepth {
            problem("includes nest deeper than \(Self.maximumDepth) files; '\(path)' is not read", at: position)
            return
        }
        if filesRead >= Self.maximumFiles {
            problem("the spec includes more than \(Self.maximumFiles) files; '\(path)' is not read", at: position)
            return
        }
        filesRead += 1
        switch FileLoading.load(path) {
        case .failure(let error):
            problem(Self.describe(error, what: what), at: position)
        case .success(let text):
            if !spec.includedFiles.contains(path) { spec.includedFiles.append(path) }
            includeChain.append(key)
            body(text)
            includeChain.removeLast()
        }
    }

    private static func describe(_ error: SpecReadError, what: String) -> String {
        switch error {
        case .notFound(let path): return "\(what) '\(path)' does not exist"
        case .notText(let path): return "\(what) '\(path)' is not a text file"
        case .unknownKind(let path): return "\(what) '\(path)' is not a spec"
        case .unreadable(let path, let reason): return "\(what) '\(path)' cannot be read: \(reason)"
        }
    }
}
