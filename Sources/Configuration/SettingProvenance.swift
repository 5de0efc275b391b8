/// Where each setting that is not a built-in default came from: a configuration file's line,
/// pip's or conda's own file, an environment variable. Reports name these sources so that a
/// check against a mirror nobody asked for on the command line says which file chose it.
///
/// Settings are named as in the configuration file (`pypi.index_url`, `targets.python`); a
/// setting with no entry has its built-in default.
package struct SettingProvenance: Sendable, Equatable {
    package struct Origin: Sendable, Equatable {
        /// The value as text (a list space-separated); may hold credentials, so redact it for output.
        package var value: String
        /// `PIP_INDEX_URL`, `/home/u/.condarc:3`, `pyproject.toml:7`.
        package var source: String
    }

    package private(set) var origins: [String: Origin] = [:]
    /// Every configuration file that was read, in the order read (a change to any of them
    /// changes the configuration).
    package private(set) var filesRead: [String] = []

    package init() {}

    /// A later record of the same setting replaces the earlier one: records are made from the
    /// lowest layer of precedence to the highest.
    package mutating func record(_ setting: String, value: String, from source: String) {
        origins[setting] = Origin(value: value, source: source)
    }

    package mutating func read(file path: String) {
        if !filesRead.contains(path) { filesRead.append(path) }
    }

    /// The settings with their origins, by name.
    package var sorted: [(setting: String, origin: Origin)] {
        origins.keys.sorted().map { ($0, origins[$0]!) }
    }

    /// The order in which layers apply, lowest first, as `--help` states it.
    package static let precedence = """
        Settings are taken, highest first, from: the command-line flag; the spec's own options \
        (a requirements file's --index-url, an Azure ML image's platform); the environment \
        (PIP_INDEX_URL / PIP_EXTRA_INDEX_URL, then UV_INDEX_URL / UV_EXTRA_INDEX_URL, CONDA_SUBDIR); \
        --config FILE or $PREFLIGHT_CONFIG; the [tool.preflight] table of ./pyproject.toml; pip's \
        pip.conf files for index-url and extra-index-url ($PIP_CONFIG_FILE, $VIRTUAL_ENV/pip.conf, \
        ~/.config/pip/pip.conf, ~/.pip/pip.conf, /etc/pip.conf, /etc/xdg/pip/pip.conf, in that \
        order, [install] over [global]) and conda's .condarc files for channels, channel_alias, \
        default_channels, custom_channels, channel_priority and subdir ($CONDARC, \
        $CONDA_PREFIX/.condarc, ~/.condarc, ~/.conda/.condarc, ~/.config/conda/.condarc, \
        $CONDA_ROOT/.condarc, /etc/conda/.condarc and their condarc.d/ folders, in that order; one \
        file's list replaces another's); the built-in defaults (Config/preflight.yaml). Reports \
        name every setting that did not come from a flag or a default.
        """
}
