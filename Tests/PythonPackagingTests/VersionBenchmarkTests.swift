import Foundation
import XCTest
import PythonPackaging
import TestSupport

/// Parses and sorts 1,000,000 version strings; skipped unless PREFLIGHT_BENCH=1 (build with
/// `-c release` for a meaningful figure). scripts/vectors/python/bench_packaging.py times the
/// same work in packaging.
final class VersionBenchmarkTests: XCTestCase {
    /// The same mix as bench_packaging.py: mostly X.Y.Z, with pre, post, dev, local, epoch and
    /// long releases.
    static func makeInputs(count: Int) -> [String] {
        var rng = SeededGenerator(seed: 1_000_000)
        func n(_ upper: Int) -> Int { Int.random(in: 0..<upper, using: &rng) }
        var inputs: [String] = []
        inputs.reserveCapacity(count)
        for _ in 0..<count {
            let base = "\(n(30)).\(n(40)).\(n(200))"
            switch n(100) {
            case 0..<55: inputs.append(base)
            case 55..<65: inputs.append("\(n(30)).\(n(40))")
            case 65..<75: inputs.append(base + ["a", "b", "rc"][n(3)] + "\(n(5))")
            case 75..<80: inputs.append(base + ".post\(n(4))")
            case 80..<85: inputs.append(base + ".dev\(20_230_000 + n(1000))")
            case 85..<90: inputs.append(base + "+cu\(110 + n(20))")
            case 90..<95: inputs.append(base + ".\(n(10)).\(n(10))")
            default: inputs.append("\(n(3))!" + base)
            }
        }
        return inputs
    }

    func testParseAndSortOneMillionVersions() throws {
        guard ProcessInfo.processInfo.environment["PREFLIGHT_BENCH"] == "1" else {
            throw XCTSkip("set PREFLIGHT_BENCH=1 to run the benchmark")
        }
        let inputs = VersionBenchmarkTests.makeInputs(count: 1_000_000)
        let clock = ContinuousClock()
        var versions: [Version] = []
        let parseTime = clock.measure {
            versions.reserveCapacity(inputs.count)
            for text in inputs {
                if let v = Version.parse(text) { versions.append(v) }
            }
        }
        let sortTime = clock.measure { versions.sort() }
        XCTAssertEqual(versions.count, inputs.count)
        for i in stride(from: 1, to: versions.count, by: 997) { XCTAssertFalse(versions[i] < versions[i - 1]) }
        print("benchmark: parse \(inputs.count) versions \(parseTime), sort \(sortTime), total \(parseTime + sortTime)")
    }
}
