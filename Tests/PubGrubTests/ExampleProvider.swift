import PubGrub

/// A provider over a literal package graph, for the solver's classic examples: versions are
/// `major.minor.patch`, constraints `^1.0.0`, `>=1.0.0`, `<2.0.0`, `1.0.0` or `any`.
final class ExampleProvider: DependencyProvider {
    typealias Package = String

    /// package → version → [(dependency, constraint)]
    private var graph: [String: [String: [(String, String)]]] = [:]
    private var unusable: [String: String] = [:]
    private(set) var dependencyQueries: [String] = []
    /// Packages whose candidates are withheld until `release`, to exercise resumption.
    var withheld: Set<String> = []

    init(root: [(String, String)]) {
        graph["root"] = ["1.0.0": root]
    }

    func add(_ package: String, _ version: String, _ dependencies: [(String, String)] = []) {
        graph[package, default: [:]][version] = dependencies
    }

    func markUnusable(_ package: String, _ version: String, reason: String) {
        unusable["\(package) \(version)"] = reason
    }

    /// Newest first.
    func versions(_ package: String) -> [String] {
        (graph[package].map { Array($0.keys) } ?? []).sorted { Self.key($1).lexicographicallyPrecedes(Self.key($0)) }
    }

    static func key(_ version: String) -> [Int] { version.split(separator: ".").map { Int($0) ?? 0 } }

    static func allows(_ constraint: String, _ version: String) -> Bool {
        let v = key(version)
        if constraint == "any" { return true }
        if constraint.hasPrefix("^") {
            let low = key(String(constraint.dropFirst()))
            return v.lexicographicallyPrecedes(low) == false && v[0] == low[0]
        }
        if constraint.hasPrefix(">=") { return !v.lexicographicallyPrecedes(key(String(constraint.dropFirst(2)))) }
        if constraint.hasPrefix("<") { return v.lexicographicallyPrecedes(key(String(constraint.dropFirst()))) }
        return v == key(constraint)
    }

    func candidateCount(of package: String) -> Int? {
        withheld.contains(package) ? nil : versions(package).count
    }

    func unavailability(of package: String, candidate: Int) -> String? {
        unusable["\(package) \(versions(package)[candidate])"]
    }

    func dependencies(of package: String, candidate: Int) -> [Dependency<String>]? {
        let version = versions(package)[candidate]
        var out: [Dependency<String>] = []
        for (dependency, constraint) in graph[package]![version]! {
            guard let count = candidateCount(of: dependency) else { return nil }
            let allowed = versions(dependency).enumerated().filter { Self.allows(constraint, $0.element) }.map(\.offset)
            out.append(Dependency(package: dependency, allowed: CandidateSet(universe: count, members: allowed),
                                  label: "\(dependency) \(constraint)"))
        }
        dependencyQueries.append("\(package) \(version)")
        return out
    }

    func name(of package: String) -> String { package }

    /// Ranges over the versions in ascending order: `foo 1.0.0`, `foo >=1.1.0`, `foo <2.0.0`.
    func describe(_ package: String, _ set: CandidateSet) -> String? {
        if set.isFull { return nil }
        let ascending = Array(versions(package).enumerated().reversed())
        var runs: [String] = []
        var i = 0
        while i < ascending.count {
            guard set.contains(ascending[i].offset) else { i += 1; continue }
            var j = i
            while j + 1 < ascending.count, set.contains(ascending[j + 1].offset) { j += 1 }
            let low = ascending[i].element
            if i == j { runs.append(low) }
            else if i == 0 { runs.append("<\(ascending[j + 1].element)") }
            else if j == ascending.count - 1 { runs.append(">=\(low)") }
            else { runs.append(">=\(low) <\(ascending[j + 1].element)") }
            i = j + 1
        }
        return "\(package) \(runs.isEmpty ? "(none)" : runs.joined(separator: " || "))"
    }

    /// Runs the solver to the end, loading withheld packages when asked.
    func solve() -> (Solver<ExampleProvider>.Outcome, Solver<ExampleProvider>) {
        let solver = Solver<ExampleProvider>(root: "root")
        while true {
            let outcome = solver.solve(self)
            switch outcome {
            case .needsCandidates(let p): withheld.remove(p)
            case .needsDependencies:
                withheld.removeAll()
            default: return (outcome, solver)
            }
        }
    }

    func solution() -> [String: String]? {
        guard case .solved(let chosen) = solve().0 else { return nil }
        var out: [String: String] = [:]
        for (package, index) in chosen where package != "root" { out[package] = versions(package)[index] }
        return out
    }

    func explanation() -> String? {
        guard case .unsatisfiable(let root) = solve().0 else { return nil }
        return Explanation(root, rootPackage: "root", provider: self).text
    }
}
