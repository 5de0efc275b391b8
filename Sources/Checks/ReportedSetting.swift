/// A setting of the run that came from a file or the environment rather than a flag or a
/// built-in default, as a report names it: a check against a mirror or for a Python nobody
/// typed says which file or variable chose it.
package struct ReportedSetting: Sendable, Equatable {
    /// As in the configuration file: `pypi.index_url`, `targets.python`.
    package var name: String
    /// The value as text; may hold credentials, so reports redact it.
    package var value: String
    /// `PIP_INDEX_URL`, `/etc/pip.conf:2`, `pyproject.toml:7`.
    package var source: String

    package init(name: String, value: String, source: String) {
        self.name = name
        self.value = value
        self.source = source
    }
}
