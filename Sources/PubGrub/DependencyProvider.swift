/// What the solver needs to know about an ecosystem: a package's candidates (in preference
/// order, most preferred first), which of them cannot be used at all, and each candidate's
/// dependencies. The solver never fetches: an answer of nil means "not known yet", and the
/// caller loads it (concurrently, as it likes) and calls `Solver.solve` again.
package protocol DependencyProvider {
    associatedtype Package: Hashable

    /// How many candidates `package` has; nil when its listing is not loaded yet.
    func candidateCount(of package: Package) -> Int?

    /// Why this candidate can never be selected (no file for the target, yanked, ...), or nil.
    func unavailability(of package: Package, candidate: Int) -> String?

    /// The candidate's dependencies, each as a set over the dependency's own candidates; nil
    /// when they are not loaded yet (its metadata, or a dependency's listing).
    func dependencies(of package: Package, candidate: Int) -> [Dependency<Package>]?

    /// The package's name as people write it.
    func name(of package: Package) -> String

    /// The package restricted to `set` as people write it (`numpy>=1.20.3`, `numpy==1.19.5`);
    /// nil when the set stands for every version that matters.
    func describe(_ package: Package, _ set: CandidateSet) -> String?

    /// The words explanations use for this ecosystem.
    var vocabulary: Vocabulary { get }
}

extension DependencyProvider {
    package var vocabulary: Vocabulary { Vocabulary() }
}

/// The words of an explanation that differ between ecosystems: pip users know uv's
/// ("depends on"), conda users conda's ("requires", "nothing provides").
package struct Vocabulary: Sendable {
    /// `numpy>=1.20.3 depends on …`
    package var dependsOn: String
    /// A dependency no candidate satisfies, said of who needs it (`you require` or `pandas==2.0.3 depends on`).
    package var missing: @Sendable (_ who: String, _ label: String, _ dependency: String) -> String

    package init(dependsOn: String = "depends on",
                missing: @escaping @Sendable (String, String, String) -> String = { who, label, dependency in
                    "\(who) \(label) (no version of \(dependency) matches)"
                }) {
        self.dependsOn = dependsOn
        self.missing = missing
    }
}

/// One dependency of a candidate: `package` must be selected within `allowed` (a requirement), or
/// may only be selected within it (a constraint: `-c` files, conda's `constrains`).
package struct Dependency<Package: Hashable> {
    package var package: Package
    package var allowed: CandidateSet
    /// The dependency as its depender states it, for explanations (`numpy>=1.20.3`).
    package var label: String
    package var isConstraint: Bool

    package init(package: Package, allowed: CandidateSet, label: String, isConstraint: Bool = false) {
        self.package = package
        self.allowed = allowed
        self.label = label
        self.isConstraint = isConstraint
    }
}
