/// Something worth telling about a spec that is not a parse error: the installer accepts it,
/// but preflight cannot check it, or it probably does not do what its author meant.
///
/// The resolver may turn notes into `info` or `warning` findings.
package struct SpecNote: Sendable, Hashable, CustomStringConvertible {
    /// What kind of remark this is; the raw values are stable.
    package enum Kind: String, Sendable, Hashable {
        /// A requirement or file whose content is only known at build time
        /// (`$SERVER_VERSION`, `$(cat x)`, a remote `-r https://...` file).
        case unverifiable = "unverifiable"
        /// An unquoted `<` or `>` in a shell `pip install`/`conda install` line: the shell
        /// treats it as a redirection and the installer never sees the version constraint.
        case shellRedirection = "shell-redirection"
        /// An option that the installer ignores where it is written.
        case ignoredOption = "ignored-option"
        /// An option that preflight does not know; it was skipped.
        case unknownOption = "unknown-option"
        /// An entry that a later one replaces (a second `pip:` section in a conda file).
        case replaced = "replaced"
        /// `dynamic` dependencies in `pyproject.toml`: the build backend computes them.
        case dynamicDependencies = "dynamic-dependencies"
        /// Azure ML v1 `userManagedDependencies`: Azure ML installs nothing from the spec.
        case userManaged = "user-managed"
    }

    package var kind: Kind
    package var message: String
    package var position: SourcePosition

    package init(kind: Kind, message: String, position: SourcePosition) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    package var description: String { "\(position): \(message)" }
}
