/// A setting of the run that came from a file or the environment rather than a flag or a
/// built-in default, as a report names it: a check against a mirror or for a Python nobody
/// typed says which file or variable chose it.
public struct ReportedSetting: Sendable, Equatable {
    /// As in the configuration file: `pypi.index_url`, `targets.python`.
    public var name: String
    /// The value as text; may hold credentials, so reports redact it.
    public var value: String
    /// `PIP_INDEX_URL`, `/etc/pip.conf:2`, `pyproject.toml:7`.
    public var source: String

    public init(name: String, value: String, source: String) {
        self.name = name
        self.value = value
        self.source = source
    }
}
