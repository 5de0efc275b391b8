import Foundation

/// conda's own configuration files, for the channel settings: a machine whose `.condarc` lists
/// an internal mirror, or sets `channel_priority: flexible`, solves environments that way, so the
/// check must too.
///
/// Files in conda's search order: `/etc/conda/`, `/var/lib/conda/`, `$CONDA_ROOT/`,
/// `$XDG_CONFIG_HOME/conda/`, `~/.config/conda/`, `~/.conda/` (each `.condarc`, `condarc` and the
/// `*.yml`/`*.yaml` files of `condarc.d/` in name order), `~/.condarc`, `$CONDA_PREFIX/` (the same
/// three), `$CONDARC`. conda merges lists across files; here the last file that sets a key wins,
/// which is the same whenever one file sets it.
package struct CondaRCFiles {
    let environment: [String: String]

    package init(environment: [String: String]) {
        self.environment = environment
    }

    /// The files conda would read, in its order, that exist.
    package var files: [String] {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var roots = ["/etc/conda", "/var/lib/conda"]
        if let root = value("CONDA_ROOT") { roots.append(root) }
        if let xdg = value("XDG_CONFIG_HOME") { roots.append(xdg + "/conda") }
        let home = value("HOME")
        if let home { roots += [home + "/.config/conda", home + "/.conda"] }
        var files: [String] = []
        func add(root: String) {
            files += [root + "/.condarc", root + "/condarc"]
            let directory = root + "/condarc.d"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            files += names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { directory + "/" + $0 }
        }
        for root in roots { add(root: root) }
        if let home { files.append(home + "/.condarc") }
        if let prefix = value("CONDA_PREFIX") { add(root: prefix) }
        if let condarc = value("CONDARC") { files.append(condarc) }
        var seen = Set<String>()
        return files.filter { FileManager.default.fileExists(atPath: $0) && seen.insert($0).inserted }
    }

    package func apply(to config: inout PreflightConfiguration) throws {
        for path in files {
            let text = try ConfigurationLoader.text(of: path, what: "conda's configuration file")
            config.provenance.read(file: path)
            guard let root = try ConfigurationLoader.yamlTree(text, path: path) else { continue }
            try Self.apply(root, path: path, to: &config)
        }
    }

    /// The keys that concern channels and the platform; conda's many others are not preflight's business.
    static func apply(_ root: SettingsTree, path: String, to config: inout PreflightConfiguration) throws {
        let reader = NodeReader(path: path)
        for (key, value) in try reader.mapping(root, "the top level of a .condarc") {
            if case .scalar(let text, _) = value, text.isEmpty || text == "null" || text == "~" { continue }
            let setting: String
            switch key {
            case "channels":
                config.conda.defaultChannels = try reader.strings(value, key)
                config.conda.defaultChannelsFollowSpecChannels = true
                setting = "conda.default_channels"
            case "channel_alias":
                config.conda.channelAlias = try reader.url(value, key)
                setting = "conda.channel_alias"
            case "default_channels":
                config.conda.defaultsChannels = try reader.strings(value, key)
                setting = "conda.defaults_channels"
            case "custom_channels":
                // conda's value is the server a channel lives on: the channel is `<server>/<name>`.
                var channels: [String: String] = [:]
                for (name, server) in try reader.mapping(value, key) {
                    var base = try reader.url(server, name)
                    while base.hasSuffix("/") { base.removeLast() }
                    channels[name] = base + "/" + name
                }
                config.conda.customChannels = channels
                setting = "conda.custom_channels"
            case "channel_priority":
                // conda before 4.6 wrote a boolean: true meant today's flexible, false disabled.
                let text = try reader.string(value, key).lowercased()
                let legacy: [String: ChannelPriority] = ["true": .flexible, "yes": .flexible, "false": .disabled, "no": .disabled]
                config.conda.channelPriority = try legacy[text] ?? reader.channelPriority(value, key)
                setting = "conda.channel_priority"
            case "subdir":
                config.targets.platform = try reader.string(value, key)
                setting = "targets.platform"
            default:
                continue
            }
            reader.record(setting, value, in: &config)
        }
    }
}
