import PubGrub
import XCTest

/// The examples of the PubGrub documentation (Dart pub's `doc/solver.md`), with the exact
/// explanations this solver gives.
final class ClassicExampleTests: XCTestCase {
    func testNoConflicts() {
        let p = ExampleProvider(root: [("foo", "^1.0.0")])
        p.add("foo", "1.0.0", [("bar", "^1.0.0")])
        p.add("bar", "1.0.0")
        p.add("bar", "2.0.0")
        XCTAssertEqual(p.solution(), ["foo": "1.0.0", "bar": "1.0.0"])
    }

    func testAvoidingConflictDuringDecisionMaking() {
        let p = ExampleProvider(root: [("foo", "^1.0.0"), ("bar", "^1.0.0")])
        p.add("foo", "1.1.0", [("bar", "^2.0.0")])
        p.add("foo", "1.0.0")
        p.add("bar", "1.0.0")
        p.add("bar", "1.1.0")
        p.add("bar", "2.0.0")
        XCTAssertEqual(p.solution(), ["foo": "1.0.0", "bar": "1.1.0"])
    }

    func testPerformingConflictResolution() {
        let p = ExampleProvider(root: [("foo", ">=1.0.0")])
        p.add("foo", "2.0.0", [("bar", "^1.0.0")])
        p.add("foo", "1.0.0")
        p.add("bar", "1.0.0", [("foo", "^1.0.0")])
        XCTAssertEqual(p.solution(), ["foo": "1.0.0"])
    }

    func testConflictResolutionWithAPartialSatisfier() {
        let p = ExampleProvider(root: [("foo", "^1.0.0"), ("target", "^2.0.0")])
        p.add("foo", "1.1.0", [("left", "^1.0.0"), ("right", "^1.0.0")])
        p.add("foo", "1.0.0")
        p.add("left", "1.0.0", [("shared", ">=1.0.0")])
        p.add("right", "1.0.0", [("shared", "<2.0.0")])
        p.add("shared", "2.0.0")
        p.add("shared", "1.0.0", [("target", "^1.0.0")])
        p.add("target", "2.0.0")
        p.add("target", "1.0.0")
        XCTAssertEqual(p.solution(), ["foo": "1.0.0", "target": "2.0.0"])
    }

    func testLinearErrorReporting() {
        let p = ExampleProvider(root: [("foo", "^1.0.0"), ("baz", "^1.0.0")])
        p.add("foo", "1.0.0", [("bar", "^2.0.0")])
        p.add("bar", "2.0.0", [("baz", "^3.0.0")])
        p.add("baz", "1.0.0")
        p.add("baz", "3.0.0")
        XCTAssertEqual(p.explanation(), """
            Because every version of foo depends on bar ^2.0.0 which depends on baz ^3.0.0, we can conclude that every version of foo depends on baz 3.0.0.
            And because you require foo ^1.0.0 and baz ^1.0.0, we can conclude that your requirements are unsatisfiable.
            """)
    }

    func testBranchingErrorReporting() {
        let p = ExampleProvider(root: [("foo", "^1.0.0")])
        p.add("foo", "1.0.0", [("a", "^1.0.0"), ("b", "^1.0.0")])
        p.add("foo", "1.1.0", [("x", "^1.0.0"), ("y", "^1.0.0")])
        p.add("a", "1.0.0", [("b", "^2.0.0")])
        p.add("b", "1.0.0")
        p.add("b", "2.0.0")
        p.add("x", "1.0.0", [("y", "^2.0.0")])
        p.add("y", "1.0.0")
        p.add("y", "2.0.0")
        XCTAssertEqual(p.explanation(), """
                Because foo 1.0.0 depends on a ^1.0.0 which depends on b ^2.0.0, we can conclude that foo 1.0.0 depends on b 2.0.0.
            (1) And because foo 1.0.0 depends on b ^1.0.0, we can conclude that foo 1.0.0 cannot be used.

                Because foo 1.1.0 depends on x ^1.0.0 which depends on y ^2.0.0, we can conclude that foo 1.1.0 depends on y 2.0.0.
                And because foo 1.1.0 depends on y ^1.0.0, we can conclude that foo 1.1.0 cannot be used.
                And because foo 1.0.0 cannot be used (1), we can conclude that foo cannot be used.
                And because you require foo ^1.0.0, we can conclude that your requirements are unsatisfiable.
            """)
    }
}
