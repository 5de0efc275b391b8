import Checks
import Specs

extension FindingSite {
    /// A spec line's site: findings about what it asks for point at it.
    init(_ position: SourcePosition, source: String?, package: String? = nil, requirement: String? = nil, target: Target? = nil) {
        self.init(source: source, package: package, requirement: requirement, path: position.path, line: position.line,
                  column: position.column, target: target)
    }
}

extension DependencyIssue {
    /// The finding, at the line of the top-level requirement the chain starts from.
    func finding(at line: FindingSite) -> Finding {
        var finding = line.about(package: package, requirement: requirement, via: via)
            .finding(code, message, severity: severity, suggestions: suggestions)
        finding.unreachableSource = unreachableSource
        return finding
    }
}
