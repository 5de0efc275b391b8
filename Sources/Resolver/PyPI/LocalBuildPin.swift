import PythonPackaging

/// A pin to a version that only a local build has: `azureml-samples==0+unknown`, as `pip freeze`
/// or `conda env export` write it for a package installed from a source checkout. Its local
/// version label is what the version tools derive from the checkout — versioneer's `0+unknown`
/// and `0+untagged.3.g1a2b3c4`, setuptools-scm's `+g1a2b3c4` (the commit) and `.d20240131` (a
/// dirty tree) — so no index can have that release (PyPI refuses local versions outright).
/// Other local labels (`2.1.0+cpu`, `+cu118`) name builds that vendor indexes do publish, and
/// are left to the ordinary verdicts. Pure: no I/O.
struct LocalBuildPin: Sendable, Equatable {
    /// The pinned version as written (`0+unknown`).
    var version: String
    /// Its normalized local label (`unknown`).
    var label: String

    /// The local-build pin of `requirement`, or nil when it pins no such version.
    init?(_ requirement: Requirement) {
        for specifier in requirement.specifier.specifiers where specifier.operator == .equal || specifier.operator == .arbitrary {
            guard !specifier.isWildcard, let label = Version.parse(specifier.version)?.local, Self.isCheckoutLabel(label) else { continue }
            self.version = specifier.version
            self.label = label
            return
        }
        return nil
    }

    /// `unknown`, `untagged…`, or a segment that is a commit (`g` and 7–40 hex digits) or a
    /// dirty-tree date (`d` and eight digits).
    static func isCheckoutLabel(_ label: String) -> Bool {
        let segments = label.split(separator: ".")
        if segments.first == "unknown" || segments.first == "untagged" { return true }
        return segments.contains { segment in
            let rest = segment.dropFirst()
            switch segment.first {
            case "g": return (7...40).contains(rest.count) && rest.allSatisfy(\.isHexDigit)
            case "d": return rest.count == 8 && rest.allSatisfy(\.isASCII) && rest.allSatisfy(\.isNumber)
            default: return false
            }
        }
    }

    /// The finding's message for a pin the index does not have.
    func message(requirement: String) -> String {
        "\(requirement) pins a local build: `+\(label)` is the label version tools give a package built from a source checkout "
            + "(as `pip freeze` or `conda env export` write it on the machine that built it), and no index can have it "
            + "(pip: Could not find a version that satisfies the requirement \(requirement))"
    }

    /// What to write instead: a published release (`published` holds versions), or the source.
    static func suggestions(project: String, published: [String]) -> [String] {
        published.map { "\(project)==\($0)" } + ["install \(project) from its source instead (`\(project) @ git+https://…` or a path), or pin a published release"]
    }
}
