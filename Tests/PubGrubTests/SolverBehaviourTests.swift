import PubGrub
import XCTest

/// What the solver does beyond the documentation's examples: unusable candidates, constraints,
/// cycles, self-dependencies, resuming after the provider loads something, and stopping.
final class SolverBehaviourTests: XCTestCase {
    func testUnusableCandidatesAreSkippedWithTheirReason() {
        let p = ExampleProvider(root: [("foo", "any")])
        p.add("foo", "1.0.0")
        p.add("foo", "2.0.0")
        p.markUnusable("foo", "2.0.0", reason: "has no wheel for the target")
        XCTAssertEqual(p.solution(), ["foo": "1.0.0"])

        let q = ExampleProvider(root: [("foo", "2.0.0")])
        q.add("foo", "1.0.0")
        q.add("foo", "2.0.0")
        q.markUnusable("foo", "2.0.0", reason: "has no wheel for the target")
        XCTAssertEqual(q.explanation(), """
            Because foo 2.0.0 has no wheel for the target and you require foo 2.0.0, we can conclude that your requirements are unsatisfiable.
            """)
    }

    func testARequirementThatMatchesNothing() {
        let p = ExampleProvider(root: [("foo", "^1.0.0")])
        p.add("foo", "1.0.0", [("bar", ">=5.0.0")])
        p.add("bar", "1.0.0")
        XCTAssertEqual(p.explanation(), """
            Because every version of foo depends on bar >=5.0.0 (no version of bar matches) and you require foo ^1.0.0, we can conclude that your requirements are unsatisfiable.
            """)
    }

    /// Top-level pins that contradict each other conflict before the root is even decided
    /// (a conflict at decision level 0): the solver explains it instead of failing an invariant.
    func testTopLevelPinsThatContradictEachOther() {
        let p = ExampleProvider(root: [("demo", "2.0.0"), ("demo", "9.9.0"), ("demo", "3.0.0"), ("demo", "1.5.0"), ("parent", "1.0.0")])
        for v in ["1.0.0", "1.5.0", "2.0.0", "3.0.0"] { p.add("demo", v) }
        p.markUnusable("demo", "3.0.0", reason: "requires Python >=3.9")
        p.add("parent", "1.0.0", [("demo", ">=2.0.0")])
        XCTAssertEqual(p.explanation(), """
            Because you require demo 3.0.0 and demo 1.5.0, we can conclude that your requirements are unsatisfiable.
            """)
    }

    /// Requirements are decided in the order they are written, as pip and uv do: the first one
    /// gets its newest version and a later one yields (here `b` takes 1.0.0 so that `a` can be 2.0.0).
    func testRequirementsAreDecidedInTheOrderWritten() {
        let p = ExampleProvider(root: [("a", "any"), ("b", "any")])
        p.add("a", "1.0.0")
        p.add("a", "2.0.0", [("b", "<2.0.0")])
        p.add("b", "1.0.0")
        p.add("b", "2.0.0")
        XCTAssertEqual(p.solution(), ["a": "2.0.0", "b": "1.0.0"])
    }

    func testCyclesAndSelfDependencies() {
        let p = ExampleProvider(root: [("a", "any")])
        p.add("a", "1.0.0", [("b", "any"), ("a", "1.0.0")])
        p.add("b", "1.0.0", [("a", "^1.0.0")])
        XCTAssertEqual(p.solution(), ["a": "1.0.0", "b": "1.0.0"])
    }

    func testAPackageExcludingItselfCannotBeUsed() {
        let p = ExampleProvider(root: [("a", "any")])
        p.add("a", "2.0.0", [("a", "^1.0.0")])
        p.add("a", "1.0.0")
        XCTAssertEqual(p.solution(), ["a": "1.0.0"])
    }

    func testResumesWhereItStoppedWhenTheProviderLearnsMore() {
        let p = ExampleProvider(root: [("foo", "^1.0.0")])
        p.add("foo", "1.0.0", [("bar", "^1.0.0")])
        p.add("bar", "1.0.0")
        p.withheld = ["bar"]
        let solver = Solver<ExampleProvider>(root: "root")
        guard case .needsDependencies(let package, _) = solver.solve(p) else { return XCTFail("expected a request") }
        XCTAssertEqual(package, "foo")
        p.withheld = []
        guard case .solved(let chosen) = solver.solve(p) else { return XCTFail("expected a solution") }
        XCTAssertEqual(chosen["bar"], 0)
        XCTAssertEqual(p.dependencyQueries, ["root 1.0.0", "foo 1.0.0", "bar 1.0.0"], "each candidate's dependencies are read once")
    }

    func testStopsWhenToldTo() {
        let p = ExampleProvider(root: [("foo", "any")])
        p.add("foo", "1.0.0")
        let solver = Solver<ExampleProvider>(root: "root")
        guard case .stopped = solver.solve(p, shouldStop: { true }) else { return XCTFail("expected a stop") }
    }

    /// Many versions of a depender, each needing a dependency that conflicts with a pin: the
    /// dependency incompatibilities merge, so the explanation speaks of a range, not of each version.
    func testAdjacentVersionsWithTheSameDependencyMerge() {
        let p = ExampleProvider(root: [("foo", "any"), ("bar", "1.0.0")])
        for minor in 0..<5 { p.add("foo", "1.\(minor).0", [("bar", "^2.0.0")]) }
        p.add("bar", "1.0.0")
        p.add("bar", "2.0.0")
        XCTAssertEqual(p.explanation(), """
            Because you require foo any which depends on bar ^2.0.0, we can conclude that you require bar 2.0.0.
            And because you require bar 1.0.0, we can conclude that your requirements are unsatisfiable.
            """)
    }

    func testConstraintsLimitWithoutRequiring() {
        let p = ExampleProvider(root: [("foo", "any")])
        p.add("foo", "1.0.0")
        p.add("foo", "2.0.0")
        p.add("bar", "1.0.0")
        // "bar <2.0.0" as a constraint does not pull bar in.
        let solver = Solver<ConstrainedProvider>(root: "root")
        guard case .solved(let chosen) = solver.solve(ConstrainedProvider(base: p, constraint: ("foo", "<2.0.0"))) else {
            return XCTFail("expected a solution")
        }
        XCTAssertEqual(chosen["foo"], 1, "foo 1.0.0 (candidate 1) because the constraint rules out 2.0.0")
        XCTAssertNil(chosen["bar"])
    }
}

/// The example provider with one constraint added to the root's dependencies.
struct ConstrainedProvider: DependencyProvider {
    let base: ExampleProvider
    let constraint: (String, String)
    func candidateCount(of package: String) -> Int? { base.candidateCount(of: package) }
    func unavailability(of package: String, candidate: Int) -> String? { base.unavailability(of: package, candidate: candidate) }
    func dependencies(of package: String, candidate: Int) -> [Dependency<String>]? {
        guard var out = base.dependencies(of: package, candidate: candidate) else { return nil }
        if package == "root" {
            let (name, range) = constraint
            let allowed = base.versions(name).enumerated().filter { ExampleProvider.allows(range, $0.element) }.map(\.offset)
            out.append(Dependency(package: name, allowed: CandidateSet(universe: base.versions(name).count, members: allowed),
                                  label: "\(name) \(range)", isConstraint: true))
        }
        return out
    }
    func name(of package: String) -> String { package }
    func describe(_ package: String, _ set: CandidateSet) -> String? { base.describe(package, set) }
}
