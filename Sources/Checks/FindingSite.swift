/// Where a finding points and what it is about, before it says what: the ecosystem, the spec
/// line, the requirement as written, the target and the dependency chain. Every check builds its
/// findings from one of these, so a field a finding gains is set in one place.
package struct FindingSite: Sendable {
    /// `pypi` or `conda`; nil for findings about the file itself.
    package var source: String?
    package var package: String?
    package var requirement: String?
    package var path: String
    package var line: Int?
    package var column: Int?
    package var target: Target?
    package var via: [String] = []

    package init(source: String? = nil, package: String? = nil, requirement: String? = nil, path: String,
                 line: Int? = nil, column: Int? = nil, target: Target? = nil, via: [String] = []) {
        self.source = source
        self.package = package
        self.requirement = requirement
        self.path = path
        self.line = line
        self.column = column
        self.target = target
        self.via = via
    }

    /// The finding of `code` here, at the code's default severity unless told otherwise.
    package func finding(_ code: FindingCode, _ message: String, severity: Finding.Severity? = nil,
                         suggestions: [String] = [], related: [RelatedLocation] = []) -> Finding {
        Finding(severity: severity ?? code.defaultSeverity, code: code, source: source, package: package,
                requirement: requirement, path: path, line: line, column: column, target: target, via: via,
                message: message, suggestions: suggestions, related: related)
    }

    /// The same place, about another package or requirement (a dependency found below the line).
    package func about(package: String?, requirement: String?, via: [String]? = nil) -> FindingSite {
        var site = self
        site.package = package
        site.requirement = requirement
        if let via { site.via = via }
        return site
    }
}
