import Foundation
import Specs
import Resolver

/// Finds the specs an audit checks: files named on the command line as they are, and under
/// directories every file that a `SpecPattern` takes, minus excluded and git-ignored paths.
///
/// The result is sorted (bytewise) and free of duplicates, so that two runs over the same tree,
/// and every shard of a run, agree on what the specs are and what they are called.
package struct SpecDiscovery: Sendable {
    /// Which files under a directory are specs (the first pattern that matches decides).
    package var include: [SpecPattern] = SpecPattern.defaults
    /// Paths (relative to the directory argument) that are never walked or taken.
    package var exclude: [PathGlob] = []
    /// Honour `.gitignore` files (and `.git/info/exclude`) from the repository's top down.
    package var honourGitignore = true
    /// Directories never entered, whatever the ignore files say.
    package var skippedDirectoryNames: Set<String> = [".git", ".build", "node_modules", ".hg", ".svn"]
    /// How much of a candidate file is read to detect its kind.
    package var sniffBytes = 1 << 20

    package init() {}

    package struct Result: Sendable {
        /// The specs, as the audit reports them (relative to the working directory when inside it).
        package var specs: [String]
        /// The specs that were named on the command line rather than found.
        package var named: Set<String>
        /// Arguments that name nothing.
        package var missing: [String]
    }

    package func discover(_ arguments: [String], workingDirectory: String = FileManager.default.currentDirectoryPath) -> Result {
        var found = Set<String>()
        var named = Set<String>()
        var missing: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard !argument.isEmpty, FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                missing.append(argument)
                continue
            }
            let display = DisplayPath.normalized(argument, workingDirectory: workingDirectory)
            if isDirectory.boolValue {
                for relative in walk(root: argument) {
                    found.insert(DisplayPath.joined(display, relative))
                }
            } else {
                found.insert(display)
                named.insert(display)
            }
        }
        let sorted = found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return Result(specs: sorted, named: named, missing: missing)
    }

    /// The specs under `root`, as components relative to it.
    func walk(root: String) -> [[String]] {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        var ignores = IgnoreStack()
        // Components of `root` relative to the directory the ignore files are relative to.
        var rootPrefix: [String] = []
        if honourGitignore {
            (ignores, rootPrefix) = ancestorIgnores(of: rootURL)
        }
        var out: [[String]] = []
        var stack: [([String], IgnoreStack)] = [([], ignores)]
        while let (relative, inherited) = stack.popLast() {
            let directory = relative.reduce(rootURL) { $0.appendingPathComponent($1) }
            var ignores = inherited
            if honourGitignore, !relative.isEmpty, let text = Self.readText(directory.appendingPathComponent(".gitignore"), limit: 1 << 20) {
                ignores = ignores.adding(IgnoreFile(base: rootPrefix + relative, contents: text))
            }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            var subdirectories: [[String]] = []
            for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                let path = relative + [name]
                let url = directory.appendingPathComponent(name)
                guard let type = Self.entryType(url) else { continue }
                let isDirectory = type == .directory
                if isDirectory && skippedDirectoryNames.contains(name) { continue }
                if ignores.isIgnored(rootPrefix + path, isDirectory: isDirectory) { continue }
                if exclude.contains(where: { $0.matches(path, isDirectory: isDirectory) }) { continue }
                if isDirectory {
                    subdirectories.append(path)
                } else if isSpec(url, relative: path) {
                    out.append(path)
                }
            }
            // Reversed so that the stack pops them in order (the result is sorted later anyway).
            for sub in subdirectories.reversed() { stack.append((sub, ignores)) }
        }
        return out
    }

    private enum EntryType { case directory, file }

    /// Directories and regular files; a symbolic link to a file counts as a file, a link to a
    /// directory is not followed (it could loop).
    private static func entryType(_ url: URL) -> EntryType? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let type = attributes[.type] as? FileAttributeType else { return nil }
        switch type {
        case .typeDirectory: return .directory
        case .typeRegular: return .file
        case .typeSymbolicLink:
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
            return .file
        default: return nil
        }
    }

    func isSpec(_ url: URL, relative: [String]) -> Bool {
        guard let pattern = include.first(where: { $0.glob.matches(relative, isDirectory: false) }) else { return false }
        let contents = Self.readText(url, limit: sniffBytes) ?? ""
        guard let kind = SpecReader.detectKind(path: url.path, contents: contents) else { return false }
        return pattern.discovery.accepts(kind, contents: contents)
    }

    /// The ignore files that apply above and at `root`: from the top of the git work tree that
    /// holds it (the nearest ancestor with a `.git`) down to `root` itself, plus `.git/info/exclude`.
    /// Returns them with `root`'s components relative to that top.
    func ancestorIgnores(of root: URL) -> (IgnoreStack, [String]) {
        var chain: [URL] = [root]
        var top: URL? = nil
        var current = root
        for _ in 0..<64 {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) {
                top = current
                break
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
            chain.append(current)
        }
        guard let top else {
            let stack = Self.readText(root.appendingPathComponent(".gitignore"), limit: 1 << 20)
                .map { IgnoreStack(files: [IgnoreFile(base: [], contents: $0)]) } ?? IgnoreStack()
            return (stack, [])
        }
        var stack = IgnoreStack()
        if let text = Self.readText(top.appendingPathComponent(".git/info/exclude"), limit: 1 << 20) {
            stack = stack.adding(IgnoreFile(base: [], contents: text))
        }
        var base: [String] = []
        for directory in chain.reversed() {
            if directory.path != top.path { base.append(directory.lastPathComponent) }
            if let text = Self.readText(directory.appendingPathComponent(".gitignore"), limit: 1 << 20) {
                stack = stack.adding(IgnoreFile(base: base, contents: text))
            }
        }
        return (stack, base)
    }

    /// Up to `limit` bytes of a file as text (invalid UTF-8 repaired); nil when it cannot be read.
    static func readText(_ url: URL, limit: Int) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
