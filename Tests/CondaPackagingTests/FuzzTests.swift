import CondaPackaging
import XCTest
import TestSupport

/// Random and mutated inputs for each parser, with a fixed seed: none may crash or take
/// long. (Each parser also has its own agreement vectors.)
final class FuzzTests: XCTestCase {
    private static let alphabet = Array("0123456789abcdevpostrcABXYZ.-_+!*=<>~,|()[]{}'\" \t\n:/#;^$?\\@é中")
    private static let seeds = [
        "numpy >=1.20,<1.22", "conda-forge/linux-64::numpy 1.24.4 py38*", "python_abi 3.9.* *_cp39",
        "pytorch[version=\">=2\", build=*cuda*, build_number=\">=3\"]", "__glibc >=2.17,<3.0.a0", "1!2.3.4+local.5_6",
        "(>=1.2,<2)|3.*", "r-base 3.4.1 h1e0a451_2", "numpy=1.11=py27*", "^py(27|36)$", "1.0.1_", "v1.6.4",
    ]

    private func inputs(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        var result: [String] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            if index % 2 == 0 {
                let length = Int.random(in: 0...24, using: &generator)
                result.append(String((0..<length).map { _ in Self.alphabet.randomElement(using: &generator)! }))
            } else {
                var chars = Array(Self.seeds.randomElement(using: &generator)!)
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let position = Int.random(in: 0...chars.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: chars.insert(Self.alphabet.randomElement(using: &generator)!, at: position)
                    case 1 where !chars.isEmpty: chars.remove(at: min(position, chars.count - 1))
                    default: if !chars.isEmpty { chars[min(position, chars.count - 1)] = Self.alphabet.randomElement(using: &generator)! }
                    }
                }
                result.append(String(chars))
            }
        }
        // A few long and deeply nested inputs.
        result.append(String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000))
        result.append(String(repeating: "1.", count: 20_000) + "1")
        result.append(String(repeating: "1a", count: 9_000))
        result.append("numpy " + String(repeating: "1|", count: 5_000) + "1")
        result.append("numpy[" + String(repeating: "[", count: 5_000) + "]")
        result.append(String(repeating: "*a", count: 2_000) + "[build=\"" + String(repeating: "*a", count: 500) + "\"]")
        return result
    }

    private func run(_ name: String, seed: UInt64, _ body: (String) -> Void) {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for input in inputs(count: 20_000, seed: seed) { body(input) }
        }
        XCTAssertLessThan(elapsed, .seconds(20), "\(name): 20k inputs took \(elapsed)")
    }

    func testCondaVersionParser() {
        var accepted = 0
        run("CondaVersion", seed: 1) { input in
            if let version = try? CondaVersion(input) {
                accepted += 1
                XCTAssertEqual(version, version)
                _ = version.normalizedDescription
            }
        }
        XCTAssertGreaterThan(accepted, 100)
    }

    func testVersionSpecParser() {
        let probe = try? CondaVersion("1.2.3")
        run("VersionSpec", seed: 2) { input in
            if let spec = try? VersionSpec(input), let probe { _ = spec.matches(probe); _ = spec.description }
        }
    }

    func testMatchSpecParser() {
        let record = PackageRecord(fileName: "numpy-1.24.4-py38_0.conda", name: "numpy", version: "1.24.4", build: "py38_0")
        var accepted = 0
        run("MatchSpec", seed: 3) { input in
            if let spec = try? MatchSpec(input) {
                accepted += 1
                _ = spec.matches(record)
                _ = spec.description
            }
        }
        XCTAssertGreaterThan(accepted, 100)
    }
}
