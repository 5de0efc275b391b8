/// A statement about one package: "a version in `set` is selected" (positive) or "no version in
/// `set` is selected" (negative: the package may also be absent).
package struct Term<Package: Hashable>: Hashable {
    package var package: Package
    package var isPositive: Bool
    package var set: CandidateSet

    package init(_ package: Package, _ set: CandidateSet, positive: Bool = true) {
        self.package = package
        self.set = set
        isPositive = positive
    }

    package var negated: Term { Term(package, set, positive: !isPositive) }

    /// Allows everything, absence included: says nothing.
    var isAny: Bool { !isPositive && set.isEmpty }
    /// Allows nothing at all: cannot hold.
    var isEmpty: Bool { isPositive && set.isEmpty }

    /// Both hold.
    func intersection(_ other: Term) -> Term {
        switch (isPositive, other.isPositive) {
        case (true, true): return Term(package, set.intersection(other.set))
        case (true, false): return Term(package, set.subtracting(other.set))
        case (false, true): return Term(package, other.set.subtracting(set))
        case (false, false): return Term(package, set.union(other.set), positive: false)
        }
    }

    /// Either holds.
    func union(_ other: Term) -> Term { negated.intersection(other.negated).negated }

    /// Whenever `self` holds, `other` holds.
    func isSubset(of other: Term) -> Bool {
        switch (isPositive, other.isPositive) {
        case (true, true): return set.isSubset(of: other.set)
        case (true, false): return set.isDisjoint(with: other.set)
        case (false, true): return false  // absence satisfies self, never other
        case (false, false): return other.set.isSubset(of: set)
        }
    }

    /// No selection satisfies both (their intersection is empty), decided without building it.
    func isDisjoint(with other: Term) -> Bool {
        switch (isPositive, other.isPositive) {
        case (true, true): return set.isDisjoint(with: other.set)
        case (true, false): return set.isSubset(of: other.set)
        case (false, true): return other.set.isSubset(of: set)
        case (false, false): return false  // absence satisfies both
        }
    }

    enum Relation { case satisfied, contradicted, inconclusive }

    /// How this term stands given everything known about its package (`known`).
    func relation(given known: Term) -> Relation {
        if known.isSubset(of: self) { return .satisfied }
        if known.isDisjoint(with: self) { return .contradicted }
        return .inconclusive
    }
}
