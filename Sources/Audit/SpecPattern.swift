import Specs
import Resolver

/// Which files under a directory the audit treats as specs: a glob on the name or relative
/// path, and which detected kinds it accepts for files that match it.
///
/// Several patterns may match one file; the first that matches decides.
package struct SpecPattern: Sendable {
    package var glob: PathGlob
    /// Whether a file matching the glob is taken, given its detected kind and its contents.
    package var accepts: @Sendable (SpecKind, String) -> Bool

    package init(_ glob: String, accepts: @escaping @Sendable (SpecKind, String) -> Bool) {
        self.glob = PathGlob(glob)
        self.accepts = accepts
    }

    /// Takes whatever `SpecReader.detectKind` recognises.
    package static func anyKind(_ glob: String) -> SpecPattern {
        SpecPattern(glob) { _, _ in true }
    }

    /// Takes only the given kinds.
    package static func only(_ glob: String, _ kinds: Set<SpecKind>) -> SpecPattern {
        SpecPattern(glob) { kind, _ in kinds.contains(kind) }
    }

    /// The usual names of environment specs. The names that say "environment" or "conda" (or
    /// sit in an `env*` directory) take any kind (usually conda environments, sometimes Azure ML v2 environments); other YAML is
    /// taken only when it is an Azure ML v2 environment, or a conda environment with a
    /// top-level `channels:` (a bare `dependencies:` key is too common: Helm charts, CI files);
    /// JSON only when it is an Azure ML v1 environment.
    package static let defaults: [SpecPattern] = {
        var patterns: [SpecPattern] = [
            .only("*requirements*.txt", [.pipRequirements]),
            .only("pyproject.toml", [.pyproject]),
            .only("python_env.yaml", [.mlflowPythonEnv]),
            .only("python_env.yml", [.mlflowPythonEnv]),
            .only("Dockerfile", [.dockerfile]),
            .only("Dockerfile.*", [.dockerfile]),
            .only("*.dockerfile", [.dockerfile]),
            .only("*.Dockerfile", [.dockerfile]),
        ]
        for ext in ["yml", "yaml"] {
            patterns += [.anyKind("environment*.\(ext)"), .anyKind("*conda*.\(ext)"), .anyKind("*env*.\(ext)"),
                         .anyKind("**/env*/*.\(ext)")]
        }
        patterns.append(.only("*.json", [.azuremlEnvironmentV1]))
        for ext in ["yml", "yaml"] {
            patterns.append(SpecPattern("*.\(ext)") { kind, contents in
                kind == .azuremlEnvironment || (kind == .condaEnvironment && hasTopLevelKey("channels", contents))
            })
        }
        return patterns
    }()

    /// The glob strings of `defaults`, for help texts.
    package static var defaultGlobs: [String] { defaults.map(\.glob.pattern) }

    /// A line that starts (unindented) with `key:`.
    static func hasTopLevelKey(_ key: String, _ contents: String) -> Bool {
        for line in contents.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) where line.hasPrefix(key) {
            let rest = line.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" })
            if rest.hasPrefix(":") { return true }
        }
        return false
    }
}
