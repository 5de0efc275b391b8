import Foundation
import Specs

/// The `[tool.preflight]` table of the project's `pyproject.toml` (the one in the working
/// directory, as uv reads `[tool.uv]`): the configuration file's keys as TOML tables
/// (`[tool.preflight.pypi] index_url = "..."`, `[tool.preflight.targets] python = "3.9"`), so a
/// project states its image's targets next to its dependencies.
package enum PyprojectToolTable {
    package static func apply(path: String = "pyproject.toml", to config: inout PreflightConfiguration) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let text = try ConfigurationLoader.text(of: path, what: "pyproject.toml")
        let document: TOMLValue
        do {
            document = try TOMLDocument.parse(text, path: path)
        } catch {
            // A broken pyproject.toml that does not configure preflight is the spec's problem
            // (checking it reports where it breaks), not a reason to refuse every command here.
            guard text.contains("tool.preflight") || text.contains("[tool]") else { return }
            throw ConfigurationError(path: path, line: error.position.line, column: error.position.column,
                                     message: "TOML syntax error: \(error.message)")
        }
        guard let table = document["tool"]?["preflight"] else { return }
        config.provenance.read(file: path)
        try ConfigurationLoader.apply(SettingsTree(toml: table), path: path, to: &config)
    }
}
