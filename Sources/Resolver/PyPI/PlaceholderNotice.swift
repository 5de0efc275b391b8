import Checks

/// What to say about a requirement on a name in `NameMappings.placeholders` for one target: the
/// index's files say nothing useful about such a name (an sdist that fails on purpose looks like
/// any sdist), so the name itself is the finding. Pure: no I/O.
struct PlaceholderNotice: Sendable, Equatable {
    var name: String
    var placeholder: NameMappings.Placeholder

    /// nil when `name` is no placeholder, or names a backport of a module the target's Python lacks.
    static func make(name: String, target: Target) -> PlaceholderNotice? {
        guard let placeholder = NameMappings.placeholders[name] else { return nil }
        if case .standardLibrary(_, let since) = placeholder {
            guard target.python.majorMinor >= PythonVersion(since).majorMinor else { return nil }
        }
        return PlaceholderNotice(name: name, placeholder: placeholder)
    }

    /// The project meant, for a placeholder; nil for a standard-library backport.
    var realName: String? {
        guard case .renamed = placeholder else { return nil }
        return NameMappings.pypiAliases[name]
    }

    /// Why the name is wrong and what to do, for `exists` details and `check` messages.
    func explanation(target: Target) -> String {
        switch placeholder {
        case .renamed:
            return "\(name) is a placeholder on PyPI, not a project: installing it fails on purpose; the project is \(realName ?? "named differently")"
        case .standardLibrary(let module, let since):
            return "\(module) is part of the standard library since Python \(since): the PyPI project \(name) is an old backport "
                + "that installs nothing Python \(target.python) needs, or shadows the module it copies; remove the line"
        }
    }

    /// The project to require instead (none for a backport: the line goes).
    var suggestions: [String] { realName.map { [$0] } ?? [] }
}
