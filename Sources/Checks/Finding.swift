/// One problem (or remark) about a spec, with where it is and what to do instead.
package struct Finding: Sendable, Codable, Hashable {
    package enum Severity: String, Sendable, Codable, Comparable {
        case error, warning, info
        package static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    }

    package var severity: Severity
    package var code: FindingCode
    /// `pypi` or `conda`; nil for findings about the file itself.
    package var source: String?
    package var package: String?
    package var requirement: String?
    /// The file the finding points into (an included file when it came from a `-r` include).
    package var path: String
    package var line: Int?
    package var column: Int?
    package var target: Target?
    /// The chain from the top-level requirement to the dependency that fails.
    package var via: [String]
    package var message: String
    package var suggestions: [String]
    /// Every spec line that takes part (an `unsatisfiable` conflict's requirements).
    package var related: [RelatedLocation] = []
    /// Of a `source-unreachable` finding: the packages whose verdict it left unknown, each once.
    package var unknownPackages: [String] = []
    /// Of a `source-unreachable` finding: the index, channel or origin that failed, as a key:
    /// findings with one key are one outage (`FindingFolding`). Not part of any report.
    package var unreachableSource: String?
    /// Of a finding folded from many copies of one cause (`FindingFolding`): every package it
    /// affects, `package` first. Empty when it is about `package` alone.
    package var packages: [String] = []
    /// Of a finding folded from copies on several lines of `path` (`FindingFolding`): each line,
    /// `line` first. Empty when it is about `line` alone.
    package var lines: [Int] = []
    /// Of a finding identical on several targets of a matrix: each of them, `target` first.
    /// Empty when it holds for `target` alone.
    package var targets: [Target] = []

    package init(severity: Severity, code: FindingCode, source: String? = nil, package: String? = nil,
                requirement: String? = nil, path: String, line: Int? = nil, column: Int? = nil,
                target: Target? = nil, via: [String] = [], message: String, suggestions: [String] = [],
                related: [RelatedLocation] = []) {
        self.severity = severity
        self.code = code
        self.source = source
        self.package = package
        self.requirement = requirement
        self.path = path
        self.line = line
        self.column = column
        self.target = target
        self.via = via
        self.message = message
        self.suggestions = suggestions
        self.related = related
    }
}
