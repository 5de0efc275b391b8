import Foundation
import Yams

/// Reads the configuration over the defaults, from the lowest layer of precedence to the
/// highest: pip's and conda's own files, `[tool.preflight]` in `./pyproject.toml`, then the
/// YAML file of `--config` / `$PREFLIGHT_CONFIG`. (The environment variables come after, in
/// the command line.) Every value is type-checked with the position of the offending node,
/// so a bad file is reported as `file:line:column: what is wrong`.
package enum ConfigurationLoader {
    package static func load(explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PreflightConfiguration {
        var config = PreflightConfiguration()
        try PipConfigFiles(environment: environment).apply(to: &config)
        try CondaRCFiles(environment: environment).apply(to: &config)
        try PyprojectToolTable.apply(to: &config)
        if let path = explicitPath ?? environment["PREFLIGHT_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            try apply(path: path, to: &config)
        }
        return config
    }

    package static func apply(path: String, to config: inout PreflightConfiguration) throws {
        try apply(yaml: try text(of: path, what: "the configuration file"), path: path, to: &config)
        config.provenance.read(file: path)
    }

    /// A configuration file's text; unreadable or not UTF-8 is an error naming it.
    static func text(of path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(path: path, message: "cannot read \(what)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(path: path, message: "not UTF-8 text")
        }
        return text
    }

    package static func apply(yaml text: String, path: String, to config: inout PreflightConfiguration) throws {
        guard let root = try yamlTree(text, path: path) else { return }  // an empty file changes nothing
        try apply(root, path: path, to: &config)
    }

    /// A YAML document as a tree; `nil` for an empty one.
    static func yamlTree(_ text: String, path: String) throws -> SettingsTree? {
        do {
            return try Yams.compose(yaml: text).map { try SettingsTree(yaml: $0, path: path) }
        } catch let error as YamlError {
            throw yamlError(error, path: path)
        }
    }

    /// The configuration file's keys, from whichever syntax they were read.
    static func apply(_ root: SettingsTree, path: String, to config: inout PreflightConfiguration) throws {
        let reader = NodeReader(path: path)
        let top = try reader.mapping(root, "the top level")
        for (key, value) in top {
            switch key {
            case "pypi":
                for (k, v) in try reader.mapping(value, "pypi") {
                    switch k {
                    case "index_url": config.pypi.indexURL = try reader.url(v, k)
                    case "extra_index_urls": config.pypi.extraIndexURLs = try reader.strings(v, k).map { try reader.checkURL($0, v, k) }
                    default: throw reader.unknown(k, in: "pypi", v)
                    }
                    reader.record("pypi.\(k)", v, in: &config)
                }
            case "conda":
                for (k, v) in try reader.mapping(value, "conda") {
                    switch k {
                    case "channel_alias": config.conda.channelAlias = try reader.url(v, k)
                    case "default_channels": config.conda.defaultChannels = try reader.strings(v, k)
                    case "defaults_channels": config.conda.defaultsChannels = try reader.strings(v, k)
                    case "custom_channels":
                        var channels: [String: String] = [:]
                        for (name, url) in try reader.mapping(v, k) { channels[name] = try reader.url(url, name) }
                        config.conda.customChannels = channels
                    case "channel_priority": config.conda.channelPriority = try reader.channelPriority(v, k)
                    default: throw reader.unknown(k, in: "conda", v)
                    }
                    reader.record("conda.\(k)", v, in: &config)
                }
            case "network":
                for (k, v) in try reader.mapping(value, "network") {
                    switch k {
                    case "connect_timeout": config.network.connectTimeout = try reader.seconds(v, k, max: 30)
                    case "request_timeout": config.network.requestTimeout = try reader.seconds(v, k, max: 30)
                    case "low_speed_limit": config.network.lowSpeedLimit = try reader.int(v, k, min: 0)
                    case "low_speed_time": config.network.lowSpeedTime = try reader.int(v, k, min: 1)
                    case "retries": config.network.retries = try reader.int(v, k, min: 2, max: 10)
                    case "concurrency": config.network.concurrency = try reader.int(v, k, min: 1, max: 256)
                    case "per_host_connections": config.network.perHostConnections = try reader.int(v, k, min: 1, max: 64)
                    default: throw reader.unknown(k, in: "network", v)
                    }
                    reader.record("network.\(k)", v, in: &config)
                }
            case "cache":
                for (k, v) in try reader.mapping(value, "cache") {
                    switch k {
                    case "lifetime": config.cache.lifetime = try reader.seconds(v, k)
                    case "project_list_lifetime": config.cache.projectListLifetime = try reader.seconds(v, k)
                    default: throw reader.unknown(k, in: "cache", v)
                    }
                    reader.record("cache.\(k)", v, in: &config)
                }
            case "resolver":
                for (k, v) in try reader.mapping(value, "resolver") {
                    switch k {
                    case "max_seconds": config.resolver.maxSeconds = try reader.seconds(v, k, max: 3600)
                    default: throw reader.unknown(k, in: "resolver", v)
                    }
                    reader.record("resolver.\(k)", v, in: &config)
                }
            case "targets":
                for (k, v) in try reader.mapping(value, "targets") {
                    switch k {
                    case "python": config.targets.python = try reader.dottedVersion(v, k)
                    case "platform": config.targets.platform = try reader.string(v, k)
                    case "glibc": config.targets.glibc = try reader.dottedVersion(v, k)
                    case "macos": config.targets.macos = try reader.dottedVersion(v, k)
                    default: throw reader.unknown(k, in: "targets", v)
                    }
                    reader.record("targets.\(k)", v, in: &config)
                }
            case "base_images":
                guard case .list(let items, _) = value else { throw reader.error(value, "base_images must be a list of {match, glibc}") }
                config.baseImages = try items.map { item in
                    let fields = Dictionary(try reader.mapping(item, "a base_images entry"), uniquingKeysWith: { $1 })
                    guard let match = fields["match"], let glibc = fields["glibc"] else {
                        throw reader.error(item, "a base_images entry needs `match` and `glibc`")
                    }
                    return .init(match: try reader.string(match, "match"), glibc: try reader.dottedVersion(glibc, "glibc"))
                }
                reader.record(key, value, in: &config)
            case "python_images":
                guard case .list(let items, _) = value else { throw reader.error(value, "python_images must be a list of {python, patch, debian}") }
                config.pythonImages = try items.map { item in
                    let fields = Dictionary(try reader.mapping(item, "a python_images entry"), uniquingKeysWith: { $1 })
                    guard let python = fields["python"], let patch = fields["patch"], let debian = fields["debian"] else {
                        throw reader.error(item, "a python_images entry needs `python`, `patch` and `debian`")
                    }
                    return .init(python: try reader.dottedVersion(python, "python"), patch: try reader.dottedVersion(patch, "patch"),
                                 debian: try reader.string(debian, "debian"))
                }
                reader.record(key, value, in: &config)
            default:
                throw reader.unknown(key, in: "the top level", value)
            }
        }
    }

    private static func yamlError(_ error: YamlError, path: String) -> ConfigurationError {
        switch error {
        case let .scanner(context, problem, mark, _):
            return ConfigurationError(path: path, line: mark.line, column: mark.column, message: "YAML syntax error: \(problem)\(context.map { " \($0.text)" } ?? "")")
        case let .parser(context, problem, mark, _):
            return ConfigurationError(path: path, line: mark.line, column: mark.column, message: "YAML syntax error: \(problem)\(context.map { " \($0.text)" } ?? "")")
        case let .composer(context, problem, mark, _):
            return ConfigurationError(path: path, line: mark.line, column: mark.column, message: "YAML error: \(problem)\(context.map { " \($0.text)" } ?? "")")
        default:
            return ConfigurationError(path: path, message: "YAML error: \(error)")
        }
    }
}

/// Typed access to configuration values that fails with the value's position.
struct NodeReader {
    let path: String

    func error(_ node: SettingsTree, _ message: String) -> ConfigurationError {
        ConfigurationError(path: path, line: node.mark.line, column: node.mark.column, message: message)
    }

    func unknown(_ key: String, in section: String, _ node: SettingsTree) -> ConfigurationError {
        error(node, "unknown key `\(key)` in \(section)")
    }

    /// Notes that `setting` now has this node's value, from this file and line.
    func record(_ setting: String, _ node: SettingsTree, in config: inout PreflightConfiguration) {
        config.provenance.record(setting, value: node.summary, from: place(node))
    }

    func place(_ node: SettingsTree) -> String {
        node.mark.line.map { "\(path):\($0)" } ?? path
    }

    func mapping(_ node: SettingsTree, _ what: String) throws -> [(String, SettingsTree)] {
        guard case .mapping(let entries, _) = node else { throw error(node, "\(what) must be a mapping") }
        return entries.map { ($0.key, $0.value) }
    }

    func string(_ node: SettingsTree, _ key: String) throws -> String {
        guard case .scalar(let text, _) = node else { throw error(node, "`\(key)` must be a string") }
        return text
    }

    func strings(_ node: SettingsTree, _ key: String) throws -> [String] {
        guard case .list(let items, _) = node else { throw error(node, "`\(key)` must be a list") }
        return try items.map { try string($0, key) }
    }

    func url(_ node: SettingsTree, _ key: String) throws -> String {
        try checkURL(try string(node, key), node, key)
    }

    func checkURL(_ value: String, _ node: SettingsTree, _ key: String) throws -> String {
        guard SourceURL.isSupported(value) else {
            throw error(node, "`\(key)` must be an https://, http:// or file:// URL, got `\(value)`")
        }
        return value
    }

    func channelPriority(_ node: SettingsTree, _ key: String) throws -> ChannelPriority {
        let text = try string(node, key)
        guard let priority = ChannelPriority(rawValue: text) else {
            throw error(node, "`\(key)` must be strict, flexible or disabled, got `\(text)`")
        }
        return priority
    }

    func int(_ node: SettingsTree, _ key: String, min: Int? = nil, max: Int? = nil) throws -> Int {
        let text = try string(node, key)
        guard let value = Int(text) else { throw error(node, "`\(key)` must be a whole number, got `\(text)`") }
        if let min, value < min { throw error(node, "`\(key)` must be at least \(min), got \(value)") }
        if let max, value > max { throw error(node, "`\(key)` must be at most \(max), got \(value)") }
        return value
    }

    func seconds(_ node: SettingsTree, _ key: String, max: Double? = nil) throws -> Double {
        let text = try string(node, key)
        guard let value = Double(text), value >= 0, value.isFinite else {
            throw error(node, "`\(key)` must be a number of seconds, got `\(text)`")
        }
        if let max, value > max { throw error(node, "`\(key)` must be at most \(Int(max)) seconds, got \(text)") }
        return value
    }

    func dottedVersion(_ node: SettingsTree, _ key: String) throws -> String {
        let text = try string(node, key)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            throw error(node, "`\(key)` must be a version like 3.10, got `\(text)`")
        }
        return text
    }
}
