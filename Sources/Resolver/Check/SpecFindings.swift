import Checks
import CondaPackaging
import PythonPackaging
import Specs

/// Findings that come from the file alone, before any index is asked.
enum SpecFindings {
    static func fileLevel(_ spec: ParsedSpec) -> [Finding] {
        var findings: [Finding] = []
        for problem in spec.problems {
            findings.append(FindingSite(problem.position, source: nil).finding(.invalidSpec, problem.message))
        }
        for note in spec.notes {
            let code: FindingCode
            switch note.kind {
            case .unverifiable: code = .unverifiableReference
            case .shellRedirection: code = .shellRedirection
            default: continue
            }
            findings.append(FindingSite(note.position, source: nil).finding(code, note.message))
        }
        guard spec.kind == .condaEnvironment || !spec.condaRequirements.isEmpty else { return findings }

        let condaNames = Dictionary(spec.condaRequirements.map { (condaName($0.text), $0) }, uniquingKeysWith: { a, _ in a })
        if let pipSection = spec.pipSectionPosition {
            if let pip = condaNames["pip"] {
                if !hasVersion(pip.text) {
                    findings.append(FindingSite(pip.position, source: "conda", package: "pip", requirement: pip.text)
                        .finding(.pipUnpinned, "pip is not pinned; the image gets whatever pip the channel has that day",
                                            suggestions: ["pip=23.3"]))
                } else if let old = oldResolverPip(pip.text) {
                    findings.append(FindingSite(pip.position, source: "conda", package: "pip", requirement: pip.text)
                        .finding(.pipOldResolver, "pip \(old) predates pip 20.3's resolver: on requirements that conflict, its old resolver can backtrack for hours instead of failing (a known Azure ML image-build failure); pip 20.3 or later resolves or stops with ResolutionImpossible",
                                            suggestions: ["pip>=20.3"]))
                }
            } else {
                findings.append(FindingSite(pipSection, source: "conda", package: "pip")
                    .finding(.pipNotListed, "the environment has a pip: section but does not list pip as a dependency; conda warns and the pip used is undefined",
                                        suggestions: ["add `- pip` to dependencies"]))
            }
        }
        // A package conda installs that the pip: section asks for again.
        let condaProvides = Dictionary(condaNames.keys.map { (normalizeProjectName(NameMappings.condaToPyPI[$0] ?? $0), $0) },
                                       uniquingKeysWith: { a, _ in a })
        for requirement in spec.pipRequirements where requirement.reference == nil {
            guard let parsed = try? Requirement(requirement.text) else { continue }
            let name = parsed.normalizedName
            guard name != "pip", let condaName = condaProvides[name], let condaLine = condaNames[condaName] else { continue }
            findings.append(FindingSite(requirement.position, source: "pypi", package: name, requirement: requirement.text)
                .finding(.condaPipOverlap, "\(name) is installed by conda (`\(condaLine.text)`, line \(condaLine.position.line)) and again by pip; pip may fail with \"Cannot uninstall '\(name)'\"",
                                    suggestions: ["keep one of the two"]))
        }
        return findings
    }

    /// The package name of a MatchSpec string (`conda-forge::numpy>=1.2 py38*` → `numpy`).
    static func condaName(_ spec: String) -> String {
        // A line that is no MatchSpec gets its own invalid-spec finding; its text stands for the name.
        ((try? MatchSpec(spec))?.name ?? spec.trimmingCharacters(in: .whitespaces)).lowercased()
    }

    /// The version a conda `pip` pin names when it is older than 20.3 (`pip=20.2` → `20.2`).
    static func oldResolverPip(_ spec: String) -> String? {
        guard let matchSpec = try? MatchSpec(spec), let version = matchSpec.version?.description else { return nil }
        var digits = version.drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "." }
        while digits.last == "." { digits = digits.dropLast() }
        let parts = digits.split(separator: ".").compactMap { Int($0) }
        guard let major = parts.first else { return nil }
        let minor = parts.count > 1 ? parts[1] : 0
        guard major < 20 || (major == 20 && minor < 3), !version.hasPrefix(">") else { return nil }
        return String(digits)
    }

    static func hasVersion(_ spec: String) -> Bool {
        let name = condaName(spec)
        var rest = Substring(spec)
        if let range = rest.range(of: "::") { rest = rest[range.upperBound...] }
        return rest.trimmingCharacters(in: .whitespaces).count > name.count
    }
}
