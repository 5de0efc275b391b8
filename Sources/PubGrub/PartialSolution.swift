/// The solver's current assignments: decisions (a candidate chosen) and derivations (terms that
/// must hold given earlier ones), each at a decision level, in the order they were made.
struct PartialSolution<Package: Hashable> {
    struct Assignment {
        var term: Term<Package>
        var level: Int
        /// The incompatibility that forced a derivation; nil for a decision.
        var cause: Incompatibility<Package>?
        var isDecision: Bool { cause == nil }
    }

    private(set) var assignments: [Assignment] = []
    /// Positions in `assignments` per package, in order.
    private var positions: [Package: [Int]] = [:]
    /// The intersection of every assignment per package.
    private(set) var known: [Package: Term<Package>] = [:]
    private(set) var decisions: [Package: Int] = [:]
    private(set) var level = 0

    mutating func decide(_ package: Package, candidate: Int, universe: Int) {
        level += 1
        decisions[package] = candidate
        append(Assignment(term: Term(package, .single(candidate, universe: universe)), level: level, cause: nil))
    }

    mutating func derive(_ term: Term<Package>, cause: Incompatibility<Package>) {
        append(Assignment(term: term, level: level, cause: cause))
    }

    private mutating func append(_ assignment: Assignment) {
        let package = assignment.term.package
        positions[package, default: []].append(assignments.count)
        assignments.append(assignment)
        known[package] = known[package].map { $0.intersection(assignment.term) } ?? assignment.term
    }

    /// Removes every assignment above `target`.
    mutating func backtrack(to target: Int) {
        while let last = assignments.last, last.level > target {
            assignments.removeLast()
            let package = last.term.package
            positions[package]!.removeLast()
            if last.isDecision { decisions[package] = nil }
            if positions[package]!.isEmpty {
                positions[package] = nil
                known[package] = nil
            } else {
                known[package] = positions[package]!.dropFirst().reduce(assignments[positions[package]!.first!].term) {
                    $0.intersection(assignments[$1].term)
                }
            }
        }
        level = target
    }

    enum Relation { case satisfied, contradicted, almostSatisfied(Term<Package>), inconclusive }

    /// How the incompatibility stands: all its terms hold (a conflict), one fails, all but one
    /// hold (that one's negation can be derived), or more than one is undecided.
    func relation(_ incompatibility: Incompatibility<Package>) -> Relation {
        var unsatisfied: Term<Package>?
        for term in incompatibility.terms {
            let relation = known[term.package].map(term.relation(given:)) ?? .inconclusive
            switch relation {
            case .satisfied: continue
            case .contradicted: return .contradicted
            case .inconclusive:
                if unsatisfied != nil { return .inconclusive }
                unsatisfied = term
            }
        }
        return unsatisfied.map { .almostSatisfied($0) } ?? .satisfied
    }

    /// The earliest position after which the package's assignments (starting from `start`, when
    /// given, as if it came first) imply `term`.
    func satisfier(of term: Term<Package>, startingWith start: Term<Package>? = nil, before limit: Int = .max) -> Int? {
        var accumulated = start
        if let start, start.isSubset(of: term) { return nil }
        for position in positions[term.package] ?? [] where position < limit {
            let next = assignments[position].term
            accumulated = accumulated.map { $0.intersection(next) } ?? next
            if accumulated!.isSubset(of: term) { return position }
        }
        return nil
    }

    /// Packages that must be selected and have no decision yet.
    var undecided: [Package] {
        known.compactMap { package, term in term.isPositive && decisions[package] == nil ? package : nil }
    }
}
