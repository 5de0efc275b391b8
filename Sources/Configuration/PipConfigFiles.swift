import Foundation

/// pip's own configuration files, found and merged as pip finds and merges them, for the index
/// settings: a machine set up with a company mirror in `pip.conf` installs from it, so the check
/// must look there too.
///
/// Files, in pip's order (a later file overrides an earlier one): the global files
/// (`$XDG_CONFIG_DIRS/pip/pip.conf`, default `/etc/xdg/pip/pip.conf`, then `/etc/pip.conf`); the
/// user files (`~/.pip/pip.conf`, then `$XDG_CONFIG_HOME/pip/pip.conf`, default
/// `~/.config/pip/pip.conf`), skipped when `$PIP_CONFIG_FILE` names an existing file; the
/// virtualenv's `$VIRTUAL_ENV/pip.conf`; `$PIP_CONFIG_FILE`. `PIP_CONFIG_FILE=/dev/null` turns
/// them all off. Within the merged files `[install]` overrides `[global]`: the image runs
/// `pip install`.
package struct PipConfigFiles {
    let environment: [String: String]

    package init(environment: [String: String]) {
        self.environment = environment
    }

    /// The files pip would read, in its order, existing or not.
    package var candidates: [String] {
        let configFile = environment["PIP_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if configFile == "/dev/null" { return [] }
        let xdgDirs = environment["XDG_CONFIG_DIRS"].flatMap { $0.isEmpty ? nil : $0 } ?? "/etc/xdg"
        var files = xdgDirs.split(separator: ":").map { "\($0)/pip/pip.conf" } + ["/etc/pip.conf"]
        let loadsUserFiles = configFile.map { !FileManager.default.fileExists(atPath: $0) } ?? true
        if loadsUserFiles, let home = environment["HOME"], !home.isEmpty {
            let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
            files += [home + "/.pip/pip.conf", configHome + "/pip/pip.conf"]
        }
        if let venv = environment["VIRTUAL_ENV"], !venv.isEmpty { files.append(venv + "/pip.conf") }
        if let configFile { files.append(configFile) }
        return files
    }

    /// pip's option → the setting it gives, and whether pip splits it into a list.
    static let options: [(option: String, setting: String, isList: Bool)] = [
        ("index-url", "pypi.index_url", false),
        ("extra-index-url", "pypi.extra_index_urls", true),
    ]

    package func apply(to config: inout PreflightConfiguration) throws {
        // The last file's value of each section's key, with the file and line it came from.
        var merged: [String: (value: String, path: String, line: Int)] = [:]
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            let document = try INIDocument(parsing: try ConfigurationLoader.text(of: path, what: "pip's configuration file"), path: path)
            config.provenance.read(file: path)
            for entry in document.entries {
                merged["\(entry.section).\(Self.optionName(entry.key))"] = (entry.value, path, entry.line)
            }
        }
        for (option, setting, isList) in Self.options {
            guard let (value, path, line) = merged["install.\(option)"] ?? merged["global.\(option)"] else { continue }
            func error(_ message: String) -> ConfigurationError { ConfigurationError(path: path, line: line, message: message) }
            // pip takes several extra indexes separated by any whitespace, newlines included.
            let urls = try value.split(whereSeparator: \.isWhitespace).map { url in
                let url = String(url)
                guard SourceURL.isSupported(url) else {
                    throw error("`\(option)` must be an https://, http:// or file:// URL, got `\(url)`")
                }
                return url
            }
            if isList {
                config.pypi.extraIndexURLs = urls
            } else {
                guard let url = urls.first, urls.count == 1 else {
                    throw error("`\(option)` must be one URL, got `\(value)`")
                }
                config.pypi.indexURL = url
            }
            config.provenance.record(setting, value: urls.joined(separator: " "), from: "\(path):\(line)")
        }
    }

    /// pip's spelling of a key: lower case, `-` for `_`, without a leading `--`.
    static func optionName(_ key: String) -> String {
        var name = key.lowercased().replacingOccurrences(of: "_", with: "-")
        if name.hasPrefix("--") { name.removeFirst(2) }
        return name
    }
}
