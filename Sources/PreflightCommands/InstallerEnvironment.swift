import Checks
import Configuration
import Foundation

/// The configuration users already have for pip, uv and conda, read as defaults so that a shell
/// or CI job set up for them (a company mirror in `PIP_INDEX_URL`, `CONDA_SUBDIR=linux-64` on a
/// Mac) checks against the same sources and platform without repeating it.
///
/// These variables come above every file (`PIP_*` before `UV_*`, since the image installs with
/// pip; pip too lets its variables override its files) and below the command line and the
/// spec's own options: `SettingProvenance.precedence` states the whole order.
enum InstallerEnvironment {
    static let indexVariables = ["PIP_INDEX_URL", "UV_INDEX_URL"]
    static let extraIndexVariables = ["PIP_EXTRA_INDEX_URL", "UV_EXTRA_INDEX_URL"]

    /// Applies the variables over the loaded configuration; what cannot be used is a usage error
    /// (exit 2) naming the variable, as a bad configuration file's line is.
    static func apply(_ environment: [String: String], to config: inout PreflightConfiguration) throws -> [String] {
        var warnings: [String] = []
        if let (name, value) = first(of: indexVariables, in: environment) {
            config.pypi.indexURL = try checked(value, name)
            config.provenance.record("pypi.index_url", value: value, from: name)
        }
        if let (name, value) = first(of: extraIndexVariables, in: environment) {
            // pip and uv both take several extra indexes separated by whitespace.
            config.pypi.extraIndexURLs = try value.split(whereSeparator: \.isWhitespace).map { try checked(String($0), name) }
            config.provenance.record("pypi.extra_index_urls", value: config.pypi.extraIndexURLs.joined(separator: " "), from: name)
        }
        if let subdir = environment["CONDA_SUBDIR"], !subdir.isEmpty {
            if let platform = Target.canonicalPlatform(subdir) {
                config.targets.platform = platform
                config.provenance.record("targets.platform", value: platform, from: "CONDA_SUBDIR")
            } else {
                warnings.append("CONDA_SUBDIR=\(subdir) is not a platform preflight checks for (\(Target.knownPlatforms.joined(separator: ", "))); ignored")
            }
        }
        return warnings
    }

    private static func first(of names: [String], in environment: [String: String]) -> (String, String)? {
        for name in names {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return (name, value) }
        }
        return nil
    }

    private static func checked(_ url: String, _ variable: String) throws -> String {
        guard SourceURL.isSupported(url) else {
            throw CommandFailure(message: "\(variable) must be an https://, http:// or file:// URL, got `\(url)`", exitCode: 2)
        }
        return url
    }
}
