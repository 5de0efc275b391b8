import Checks
import Resolver

/// What makes two audits' findings "the same finding": the spec, the file and line it points
/// at, the finding code, the package and the target. The message is left out on purpose: an
/// index that adds a version changes the suggestions in it, not the problem.
package struct FindingKey: Sendable, Hashable {
    package var spec: String
    /// The file the finding points into when it is not the spec itself (a `-r` include).
    package var path: String
    package var code: String
    package var package: String
    package var line: Int
    package var target: String

    package init(spec: String, finding: Finding) {
        self.init(spec: spec, finding: finding, package: finding.package, line: finding.line, target: finding.target)
    }

    private init(spec: String, finding: Finding, package: String?, line: Int?, target: Target?) {
        self.spec = spec
        path = finding.path == spec ? "" : finding.path
        code = finding.code.rawValue
        self.package = package ?? ""
        self.line = line ?? 0
        self.target = target.map { $0.reportedFields.map { "\($0.0)=\($0.1)" }.joined(separator: ",") } ?? ""
    }

    /// The keys of every finding a merged one stands for: one per package and line it was
    /// folded from and per target it holds for, the key of the finding itself first. A report written
    /// before findings were merged has one finding per key, so matching on these keys tells
    /// the same problems apart from new and fixed ones whichever way either report was written.
    package static func keys(spec: String, finding: Finding) -> [FindingKey] {
        let packages: [String?] = finding.packages.isEmpty ? [finding.package] : finding.packages
        let lines: [Int?] = finding.lines.isEmpty ? [finding.line] : finding.lines
        let targets: [Target?] = finding.targets.isEmpty ? [finding.target] : finding.targets
        return packages.flatMap { package in
            lines.flatMap { line in
                targets.map { FindingKey(spec: spec, finding: finding, package: package, line: line, target: $0) }
            }
        }
    }
}
