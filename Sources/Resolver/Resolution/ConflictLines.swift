import Checks
import PubGrub
import Specs
import Transport

/// The spec lines an explanation rests on: the root's requirements among its facts.
enum ConflictLines {
    /// Locations in file order, and the labels of the requirements involved in the order they are used.
    static func of<Package>(_ explanation: Explanation<Package>, root: Package,
                            lines: [String: [SpecRequirement]]) -> (related: [RelatedLocation], labels: [String]) {
        var related: [RelatedLocation] = []
        var labels: [String] = []
        for fact in explanation.facts {
            guard case .dependency(let label, _) = fact.cause, fact.terms.first?.package == root else { continue }
            for item in lines[label] ?? [] {
                let location = RelatedLocation(path: item.position.path, line: item.position.line, column: item.position.column,
                                               requirement: Redaction.scrub(item.text))
                if !related.contains(location) { related.append(location) }
            }
            if !labels.contains(label) { labels.append(label) }
        }
        related.sort { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) }
        return (related, labels)
    }

    /// The codes that say one requirement cannot be installed at all, whatever else is asked for.
    static let perPackageCodes: Set<FindingCode> = [
        .packageNotFound, .versionNotFound, .requiresPython, .noCompatibleDistribution, .dependencyNotFound, .hashMismatch,
        .placeholderPackage,
    ]

    /// The roots none of whose spec lines has an error saying it cannot be installed on its own
    /// (`source` keeps to one ecosystem's findings): what is left to resolve for a conflict of its own.
    static func installableOnTheirOwn<Root>(_ roots: [Root], label: (Root) -> String, lines: [String: [SpecRequirement]],
                                            availability: [Finding], target: Target, source: String? = nil) -> [Root] {
        let failing = Set(availability.filter { finding in
            finding.target == target && finding.severity == .error && perPackageCodes.contains(finding.code)
                && (source == nil || finding.source == source)
        }.map { key($0.path, $0.line, $0.column) })
        return roots.filter { root in
            !(lines[label(root)] ?? []).contains { failing.contains(key($0.position.path, $0.position.line, $0.position.column)) }
        }
    }

    /// `path:line:column` of a position, for matching findings to spec lines.
    static func key(_ path: String, _ line: Int?, _ column: Int?) -> String { "\(path):\(line ?? 0):\(column ?? 0)" }
}
