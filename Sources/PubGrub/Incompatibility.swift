/// A set of terms that cannot all hold at once, and why we know it.
package final class Incompatibility<Package: Hashable> {
    package enum Cause {
        /// The root package must be selected.
        case root
        /// `terms[0]`'s package at those candidates depends on (or, for a constraint, limits)
        /// the other term's package; `label` is the dependency as the package states it.
        case dependency(label: String, isConstraint: Bool)
        /// No candidate is left in the term's set.
        case noVersions
        /// None of these candidates can be used, for the provider's `reason`.
        case unavailable(reason: String)
        /// The package's dependency matches no candidate of `dependency` at all.
        case noMatchingDependency(dependency: Package, label: String)
        /// Learned by conflict resolution from these two.
        case derived(Incompatibility, Incompatibility)
    }

    package let terms: [Term<Package>]
    package let cause: Cause
    /// Set while explaining: line numbers of the report.
    var line: Int?

    init(terms: [Term<Package>], cause: Cause) {
        self.terms = terms
        self.cause = cause
    }

    /// Terms on the same package are combined (an incompatibility is a conjunction); terms that
    /// say nothing are dropped. Nil when the conjunction can never hold (the incompatibility is vacuous).
    static func make(_ raw: [Term<Package>], cause: Cause) -> Incompatibility? {
        var order: [Package] = []
        var byPackage: [Package: Term<Package>] = [:]
        for term in raw {
            if let known = byPackage[term.package] {
                byPackage[term.package] = known.intersection(term)
            } else {
                byPackage[term.package] = term
                order.append(term.package)
            }
        }
        var terms: [Term<Package>] = []
        for package in order {
            let term = byPackage[package]!
            if term.isEmpty { return nil }
            if term.isAny { continue }
            terms.append(term)
        }
        return Incompatibility(terms: terms, cause: cause)
    }

    func term(for package: Package) -> Term<Package>? { terms.first { $0.package == package } }

    var isDerived: Bool {
        if case .derived = cause { return true }
        return false
    }

    var causes: (Incompatibility, Incompatibility)? {
        if case .derived(let a, let b) = cause { return (a, b) }
        return nil
    }
}
