/// PubGrub (Natalie Weizenbaum's algorithm, as in Dart's pub, SwiftPM and uv): unit propagation
/// over incompatibilities, one decision at a time, and conflict-driven learning of new
/// incompatibilities whose derivation tree explains a failure.
///
/// The solver does no I/O. `solve` runs until it has an answer or needs something the provider
/// does not know yet; the caller loads that and calls `solve` again, and the search goes on
/// where it stopped.
package final class Solver<Provider: DependencyProvider> {
    package typealias Package = Provider.Package

    package enum Outcome {
        /// The chosen candidate of every selected package (the root included).
        case solved([Package: Int])
        /// No solution: the root of the derivation tree (explain it with `Explanation`).
        case unsatisfiable(Incompatibility<Package>)
        /// The provider has no candidate list for this package yet.
        case needsCandidates(Package)
        /// The provider does not know this candidate's dependencies yet.
        case needsDependencies(Package, candidate: Int)
        /// `shouldStop` said so before an answer was found.
        case stopped
    }

    package let root: Package
    private var incompatibilities: [Package: [Incompatibility<Package>]] = [:]
    private var solution = PartialSolution<Package>()
    private var toPropagate: Package?
    /// Dependency incompatibilities by (depender, dependency term): the same dependency of
    /// adjacent candidates becomes one incompatibility over all of them, which both shortens
    /// explanations ("pandas>=2.0.0 depends on ...") and lets conflicts rule out whole ranges.
    private var dependencyIncompatibilities: [DependencyKey: Incompatibility<Package>] = [:]
    private struct DependencyKey: Hashable {
        var depender: Package
        var term: Term<Package>
        var label: String
    }
    /// Candidates whose dependencies were added, so that a resumed decision does not add them twice.
    private var expanded = Set<Pair>()
    private struct Pair: Hashable {
        var package: Package
        var candidate: Int
    }

    /// When each package was first depended on, in the order the dependencies are listed: the
    /// decision order's tie-break, so that requirements are decided in the order people write them.
    private var discovered: [Package: Int] = [:]

    /// Decisions plus conflicts resolved: the work done, for limits and reports.
    package private(set) var steps = 0
    /// How often each package was the pivot of a conflict: what a stopped search was backtracking over.
    package private(set) var conflicts: [Package: Int] = [:]

    package init(root: Package) {
        self.root = root
        toPropagate = root
    }

    package func solve(_ provider: Provider, shouldStop: () -> Bool = { false }) -> Outcome {
        if incompatibilities.isEmpty {
            guard let universe = provider.candidateCount(of: root) else { return .needsCandidates(root) }
            add(Incompatibility(terms: [Term(root, .full(universe), positive: false)], cause: .root))
        }
        while true {
            if let next = toPropagate {
                if let failure = propagate(from: next) { return .unsatisfiable(failure) }
                toPropagate = nil
            }
            if shouldStop() { return .stopped }
            guard let package = nextPackage() else {
                return .solved(solution.decisions)
            }
            let term = solution.known[package]!
            let universe = term.set.universe
            // Candidates that can never be used are ruled out in groups, one reason each.
            var unusable: [String: [Int]] = [:]
            var reasons: [String] = []
            var chosen: Int?
            for candidate in term.set.members {
                guard let reason = provider.unavailability(of: package, candidate: candidate) else {
                    chosen = candidate
                    break
                }
                if unusable[reason] == nil { reasons.append(reason) }
                unusable[reason, default: []].append(candidate)
            }
            if !reasons.isEmpty {
                for reason in reasons {
                    add(Incompatibility(terms: [Term(package, CandidateSet(universe: universe, members: unusable[reason]!))],
                                        cause: .unavailable(reason: reason)))
                }
                toPropagate = package
                continue
            }
            guard let candidate = chosen else {
                add(Incompatibility(terms: [term], cause: .noVersions))
                toPropagate = package
                continue
            }
            let pair = Pair(package: package, candidate: candidate)
            if !expanded.contains(pair) {
                guard let dependencies = provider.dependencies(of: package, candidate: candidate) else {
                    return .needsDependencies(package, candidate: candidate)
                }
                for dependency in dependencies {
                    if discovered[dependency.package] == nil { discovered[dependency.package] = discovered.count }
                    if let incompatibility = dependencyIncompatibility(package, candidate, universe, dependency) {
                        add(incompatibility)
                    }
                }
                expanded.insert(pair)
            }
            steps += 1
            // Decide only when no dependency is already violated; otherwise propagation learns why.
            let conflicting = incompatibilities[package, default: []].contains { incompatibility in
                incompatibility.terms.allSatisfy { t in
                    t.package == package ? t.isPositive ? t.set.contains(candidate) : !t.set.contains(candidate)
                        : solution.known[t.package].map { $0.isSubset(of: t) } ?? false
                }
            }
            if !conflicting { solution.decide(package, candidate: candidate, universe: universe) }
            toPropagate = package
        }
    }

    private func dependencyIncompatibility(_ package: Package, _ candidate: Int, _ universe: Int,
                                           _ dependency: Dependency<Package>) -> Incompatibility<Package>? {
        let self_ = Term(package, .single(candidate, universe: universe))
        if dependency.package == package {
            // A package depending on itself says nothing unless it excludes this very candidate.
            if dependency.allowed.contains(candidate) { return nil }
            return Incompatibility(terms: [self_], cause: .dependency(label: dependency.label, isConstraint: dependency.isConstraint))
        }
        if !dependency.isConstraint && dependency.allowed.isEmpty {
            return Incompatibility(terms: [self_], cause: .noMatchingDependency(dependency: dependency.package, label: dependency.label))
        }
        // A requirement: "not (package and not dependency)"; a constraint: "not (package and dependency outside allowed)".
        let other = dependency.isConstraint ? Term(dependency.package, dependency.allowed.complement)
            : Term(dependency.package, dependency.allowed, positive: false)
        if other.isEmpty { return nil }  // a constraint that allows everything
        let key = DependencyKey(depender: package, term: other, label: dependency.label)
        var dependers = self_
        if let earlier = dependencyIncompatibilities[key], let earlierTerm = earlier.term(for: package) {
            dependers = Term(package, earlierTerm.set.union(self_.set))
            for involved in [package, dependency.package] {
                incompatibilities[involved]?.removeAll { $0 === earlier }
            }
        }
        let incompatibility = Incompatibility(terms: [dependers, other],
                                              cause: .dependency(label: dependency.label, isConstraint: dependency.isConstraint))
        dependencyIncompatibilities[key] = incompatibility
        return incompatibility
    }

    private func add(_ incompatibility: Incompatibility<Package>) {
        for term in incompatibility.terms { incompatibilities[term.package, default: []].append(incompatibility) }
    }

    /// Exact pins first (they leave nothing to choose and surface conflicts soonest), then the
    /// packages in the order they were first required, as uv does.
    private func nextPackage() -> Package? {
        var best: (package: Package, single: Bool, order: Int)?
        for package in solution.undecided {
            let single = solution.known[package]!.set.count == 1
            let order = discovered[package] ?? .max
            if let current = best, (current.single && !single) || (current.single == single && current.order <= order) { continue }
            best = (package, single, order)
        }
        return best?.package
    }

    // MARK: - Unit propagation and conflict resolution

    /// Derives what the incompatibilities force; returns the root incompatibility on failure.
    private func propagate(from start: Package) -> Incompatibility<Package>? {
        var changed = [start]
        while let package = changed.popLast() {
            scan: for incompatibility in incompatibilities[package, default: []].reversed() {
                switch solution.relation(incompatibility) {
                case .satisfied:
                    switch resolveConflict(incompatibility) {
                    case .failure(let root): return root
                    case .learned(let learned):
                        guard case .almostSatisfied(let term) = solution.relation(learned) else {
                            preconditionFailure("a learned incompatibility must be almost satisfied after backtracking")
                        }
                        solution.derive(term.negated, cause: learned)
                        changed = [term.package]
                        break scan
                    }
                case .almostSatisfied(let term):
                    solution.derive(term.negated, cause: incompatibility)
                    if !changed.contains(term.package) { changed.append(term.package) }
                case .contradicted, .inconclusive:
                    continue
                }
            }
        }
        return nil
    }

    private enum Resolution {
        case learned(Incompatibility<Package>)
        case failure(Incompatibility<Package>)
    }

    private func isTerminal(_ incompatibility: Incompatibility<Package>) -> Bool {
        incompatibility.terms.isEmpty
            || (incompatibility.terms.count == 1 && incompatibility.terms[0].package == root && incompatibility.terms[0].isPositive)
    }

    private func resolveConflict(_ conflict: Incompatibility<Package>) -> Resolution {
        var incompatibility = conflict
        var learnedNew = false
        while true {
            if isTerminal(incompatibility) { return .failure(incompatibility) }
            steps += 1
            // The satisfier: the assignment after which the whole incompatibility holds.
            var satisfierPosition = -1
            var satisfierTerm: Term<Package>!
            var otherLevels = 0
            var termPositions: [(Term<Package>, Int)] = []
            for term in incompatibility.terms {
                let position = solution.satisfier(of: term)!
                termPositions.append((term, position))
                if position > satisfierPosition {
                    satisfierPosition = position
                    satisfierTerm = term
                }
            }
            for (term, position) in termPositions where term.package != satisfierTerm.package {
                otherLevels = max(otherLevels, solution.assignments[position].level)
            }
            let satisfier = solution.assignments[satisfierPosition]
            conflicts[satisfierTerm.package, default: 0] += 1
            // Backjumping no further than the root's decision (level 1) keeps the root's
            // requirements near the end of explanations, as Dart's pub does; a conflict found
            // before the root was decided (its requirements contradict each other) stays at 0.
            var previousLevel = max(otherLevels, min(1, satisfier.level))
            if let earlier = solution.satisfier(of: satisfierTerm, startingWith: satisfier.term, before: satisfierPosition) {
                previousLevel = max(previousLevel, solution.assignments[earlier].level)
            }
            if satisfier.isDecision || previousLevel != satisfier.level {
                if learnedNew { add(incompatibility) }
                solution.backtrack(to: previousLevel)
                return .learned(incompatibility)
            }
            // Resolve on the satisfier's package: what both incompatibilities say about it, united.
            let cause = satisfier.cause!
            var terms = incompatibility.terms.filter { $0.package != satisfierTerm.package }
            terms += cause.terms.filter { $0.package != satisfierTerm.package }
            let pivot = satisfierTerm.union(cause.term(for: satisfierTerm.package)!)
            if !pivot.isAny { terms.append(pivot) }
            guard let prior = Incompatibility.make(terms, cause: .derived(incompatibility, cause)) else {
                preconditionFailure("conflict resolution derived a vacuous incompatibility")
            }
            incompatibility = prior
            learnedNew = true
        }
    }
}
