import CondaPackaging
import XCTest
import TestSupport

/// Agreement with py-rattler's `Version` on every version in the fixtures plus edge cases
/// (Vectors/versions.json, made by scripts/vectors/conda/gen_versions.py).
final class CondaVersionVectorTests: XCTestCase {
    func testParsingAndNormalisationAgree() throws {
        let vectors = try TestPaths.vectorObject("versions.json")
        let cases = try XCTUnwrap(vectors["cases"] as? [[String: Any]])
        var report = MismatchReport("CondaVersion parsing")
        for item in cases {
            let text = try XCTUnwrap(item["v"] as? String)
            let expected = try XCTUnwrap(item["ok"] as? Bool)
            let parsed = try? CondaVersion(text)
            report.check((parsed != nil) == expected,
                         "\(text.debugDescription): reference ok=\(expected), ours ok=\(parsed != nil)")
            if let parsed, let norm = item["norm"] as? String {
                report.check(parsed.normalizedDescription == norm,
                             "\(text.debugDescription): normalised reference \(norm), ours \(parsed.normalizedDescription)")
                report.check(parsed.description == text, "\(text.debugDescription): description changed")
            }
        }
        report.assertClean()
    }

    func testSortOrderAgrees() throws {
        let vectors = try TestPaths.vectorObject("versions.json")
        let groups = try XCTUnwrap(vectors["order"] as? [[String]])
        let parsedGroups = try groups.map { try $0.map { try CondaVersion($0) } }
        var report = MismatchReport("CondaVersion order")
        for (index, group) in parsedGroups.enumerated() {
            for member in group.dropFirst() {
                report.check(member == group[0] && member.hashValue == group[0].hashValue,
                             "\(member) should equal \(group[0]) (same hash)")
            }
            if index > 0 {
                let previous = parsedGroups[index - 1][0]
                report.check(previous < group[0], "\(previous) should sort before \(group[0])")
            }
        }
        // Sorting a shuffled copy must give the same sequence of groups.
        var generator = SeededGenerator(seed: 42)
        let flat = parsedGroups.flatMap { $0 }.shuffled(using: &generator)
        let sorted = flat.sorted()
        var groupIndex = 0
        var expectedRank: [String: Int] = [:]
        for (rank, group) in groups.enumerated() { for member in group { expectedRank[member] = rank } }
        for version in sorted {
            let rank = expectedRank[version.description] ?? -1
            report.check(rank >= groupIndex, "\(version) sorted out of place (rank \(rank), at group \(groupIndex))")
            groupIndex = max(groupIndex, rank)
        }
        report.assertClean()
    }

    func testPairwiseComparisonsAgree() throws {
        try Self.checkPairs(try TestPaths.vectorObject("versions.json")).assertClean()
    }

    /// Compares our ordering with the reference's on every recorded pair.
    static func checkPairs(_ vectors: [String: Any]) throws -> MismatchReport {
        let pairs = try XCTUnwrap(vectors["pairs"] as? [[Any]])
        var report = MismatchReport("CondaVersion pairwise comparison")
        for pair in pairs {
            let a = try CondaVersion(try XCTUnwrap(pair[0] as? String))
            let b = try CondaVersion(try XCTUnwrap(pair[1] as? String))
            let expected = try XCTUnwrap(pair[2] as? Int)
            let ours = CondaVersion.compare(a, b)
            report.check(ours == expected, "compare(\(a), \(b)): reference \(expected), ours \(ours)")
            report.check((a == b) == (expected == 0), "\(a) == \(b) disagrees")
            if a == b { report.check(a.hashValue == b.hashValue, "\(a) and \(b) are equal but hash differently") }
        }
        return report
    }
}
