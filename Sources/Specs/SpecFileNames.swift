/// Which file names are specs, of which kind, and which of them the audit looks for under a
/// directory: the one table that kind detection (`SpecReader.detectKind`, so `check`) and the
/// audit's default discovery both read. A new spec format is its reader plus a row here.
///
/// A row's patterns are `FileNameGlob`s on the file name; a pattern with a `/` is a path
/// pattern (`**/env*/*.yml`), for discovery only.
///
/// - Kind detection takes the first row with a `detection` and a pattern matching the file name,
///   ignoring case; a name that no row matches is judged by its contents alone.
/// - Discovery tries the rows with a `discovery`, in table order, on the path relative to the
///   directory searched and minding case, as `.gitignore` does; the first that matches decides,
///   from the kind the file is detected as (which may come from another row: `Dockerfile.toml`
///   is detected by `*.toml`, and `Dockerfile.*` then declines it).
package struct SpecFileName: Sendable {
    /// What a name says about a file's kind.
    package enum Detection: Sendable {
        /// The name says the kind.
        case kind(SpecKind)
        /// The name says it is no spec (an MLflow `MLmodel`).
        case notASpec
        /// The kind is in the contents (given with the lower-cased file name); nil when none.
        case byContents(@Sendable (_ contents: String, _ lowercasedName: String) -> SpecKind?)

        func kind(contents: String, lowercasedName: String) -> SpecKind? {
            switch self {
            case .kind(let kind): return kind
            case .notASpec: return nil
            case .byContents(let judge): return judge(contents, lowercasedName)
            }
        }
    }

    /// Which matching files the audit takes, given the kind each is detected as and its contents.
    package enum Discovery: Sendable {
        case anyKind
        case ifDetectedAs(Set<SpecKind>)
        case when(@Sendable (SpecKind, _ contents: String) -> Bool)

        package func accepts(_ kind: SpecKind, contents: String) -> Bool {
            switch self {
            case .anyKind: return true
            case .ifDetectedAs(let kinds): return kinds.contains(kind)
            case .when(let accepts): return accepts(kind, contents)
            }
        }
    }

    /// The patterns as written.
    package let patterns: [String]
    /// What a name matching the patterns says; nil for a row that only names files to discover.
    package let detection: Detection?
    /// Whether the audit takes matching files it finds under a directory; nil when only files
    /// named on the command line are taken.
    package let discovery: Discovery?
    /// The patterns lower-cased, for detection.
    private let nameGlobs: [FileNameGlob]

    init(_ patterns: [String], detection: Detection?, discovery: Discovery?) {
        self.patterns = patterns
        self.detection = detection
        self.discovery = discovery
        nameGlobs = detection == nil ? [] : patterns.map { FileNameGlob($0.lowercased()) }
    }

    /// Files so named are specs of `kind`; `discovered`: the audit takes them under a directory
    /// too (when their contents do not make them another kind).
    static func named(_ patterns: [String], _ kind: SpecKind, discovered: Bool = false) -> SpecFileName {
        SpecFileName(patterns, detection: .kind(kind), discovery: discovered ? .ifDetectedAs([kind]) : nil)
    }

    /// Files so named are the kind their contents say, if any.
    static func judged(_ patterns: [String], discovery: Discovery? = nil,
                       by judge: @escaping @Sendable (_ contents: String, _ lowercasedName: String) -> SpecKind?) -> SpecFileName {
        SpecFileName(patterns, detection: .byContents(judge), discovery: discovery)
    }

    /// Files so named are no spec, whatever their contents.
    static func notASpec(_ patterns: [String]) -> SpecFileName {
        SpecFileName(patterns, detection: .notASpec, discovery: nil)
    }

    /// The audit takes files so named under a directory when `discovery` accepts the kind they
    /// are detected as; the name says nothing to detection.
    static func discovered(_ patterns: [String], _ discovery: Discovery) -> SpecFileName {
        SpecFileName(patterns, detection: nil, discovery: discovery)
    }

    /// Whether a detecting row claims the (lower-cased) file name.
    func claims(lowercasedName name: String) -> Bool {
        nameGlobs.contains { $0.matches(name) }
    }
}

package enum SpecFileNames {
    /// The table, in the order described at `SpecFileName`. Where detection and discovery want
    /// different orders (a name that says two kinds: `Dockerfile.requirements.txt` is detected as
    /// a Dockerfile, and not discovered, since `*requirements*.txt` is tried first and takes only
    /// requirements files), a row serves one of them.
    package static let table: [SpecFileName] = [
        .discovered(["*requirements*.txt"], .ifDetectedAs([.pipRequirements])),
        .notASpec(["MLmodel"]),
        .named(["pyproject.toml"], .pyproject, discovered: true),
        .judged(["*.toml"]) { contents, _ in contents.contains("[project") ? .pyproject : nil },
        .named(["python_env.yaml", "python_env.yml"], .mlflowPythonEnv, discovered: true),
        .named(["Dockerfile", "Dockerfile.*", "*.dockerfile", "*.Dockerfile"], .dockerfile, discovered: true),
        .named(["Containerfile", "Containerfile.*"], .dockerfile),
        // Names that say "environment" or "conda" (or sit in an `env*` directory) take any kind:
        // usually conda environments, sometimes Azure ML v2 environments.
        .discovered(["yml", "yaml"].flatMap { ["environment*.\($0)", "*conda*.\($0)", "*env*.\($0)", "**/env*/*.\($0)"] }, .anyKind),
        .judged(["*.json"], discovery: .ifDetectedAs([.azuremlEnvironmentV1])) { contents, _ in
            KindDetector.looksLikeAzureMLV1(contents) ? .azuremlEnvironmentV1 : nil
        },
        .named(["*.txt", "*.in", "*.pip", "requirements*", "constraints*"], .pipRequirements),
        // Other YAML is taken only as an Azure ML v2 environment, or a conda environment with a
        // top-level `channels:` (a bare `dependencies:` key is too common: Helm charts, CI files).
        .judged(["*.yml", "*.yaml"], discovery: .when { kind, contents in
            kind == .azuremlEnvironment || (kind == .condaEnvironment && hasTopLevelKey("channels", contents))
        }) { contents, name in KindDetector.yamlKind(contents, fileName: name) },
    ]

    /// What the first detecting row that claims the (lower-cased) file name says; nil when no row does.
    static func detection(forName lower: String) -> SpecFileName.Detection? {
        table.first { $0.detection != nil && $0.claims(lowercasedName: lower) }?.detection
    }

    /// A line that starts (unindented) with `key:`.
    static func hasTopLevelKey(_ key: String, _ contents: String) -> Bool {
        for line in contents.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) where line.hasPrefix(key) {
            let rest = line.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" })
            if rest.hasPrefix(":") { return true }
        }
        return false
    }
}
