/// What makes two audits' findings "the same finding": the spec, the file and line it points
/// at, the finding code, the package and the target. The message is left out on purpose: an
/// index that adds a version changes the suggestions in it, not the problem.
public struct FindingKey: Sendable, Hashable {
    public var spec: String
    /// The file the finding points into when it is not the spec itself (a `-r` include).
    public var path: String
    public var code: String
    public var package: String
    public var line: Int
    public var target: String

    public init(spec: String, finding: Finding) {
        self.spec = spec
        path = finding.path == spec ? "" : finding.path
        code = finding.code.rawValue
        package = finding.package ?? ""
        line = finding.line ?? 0
        target = finding.target.map { $0.reportedFields.map { "\($0.0)=\($0.1)" }.joined(separator: ",") } ?? ""
    }
}
