import CondaPackaging
import XCTest

/// Agreement with py-rattler's `MatchSpec(s, strict=False, exact_names_only=False)` on
/// parsing and on `matches(record)` over the fixture records
/// (Vectors/matchspecs.json, made by scripts/vectors/conda/gen_matchspecs.py).
final class MatchSpecVectorTests: XCTestCase {
    func testParsingAgrees() throws {
        let vectors = try TestPaths.vectorObject("matchspecs.json")
        let specs = try XCTUnwrap(vectors["specs"] as? [[String: Any]])
        var parsing = MismatchReport("MatchSpec parsing")
        var parts = MismatchReport("MatchSpec parts")
        for item in specs {
            let text = try XCTUnwrap(item["spec"] as? String)
            let expected = try XCTUnwrap(item["ok"] as? Bool)
            let spec: MatchSpec?
            var ourError = ""
            do { spec = try MatchSpec(text) } catch { spec = nil; ourError = error.message }
            parsing.check((spec != nil) == expected,
                          "\(text.debugDescription): reference ok=\(expected) \(item["error"] as? String ?? ""), ours ok=\(spec != nil) \(ourError)")
            guard let spec, expected else { continue }
            let name = item["name"] as? String
            parts.check(spec.name == name, "\(text.debugDescription): name reference \(name ?? "nil"), ours \(spec.name ?? "nil")")
            let version = item["version"] as? String
            parts.check(spec.version?.description == version,
                        "\(text.debugDescription): version reference \(version ?? "nil"), ours \(spec.version?.description ?? "nil")")
            let build = item["build"] as? String
            parts.check(spec.build?.description == build,
                        "\(text.debugDescription): build reference \(build ?? "nil"), ours \(spec.build?.description ?? "nil")")
            let subdir = item["subdir"] as? String
            parts.check(spec.subdir == subdir, "\(text.debugDescription): subdir reference \(subdir ?? "nil"), ours \(spec.subdir ?? "nil")")
            let hasChannel = try XCTUnwrap(item["has_channel"] as? Bool)
            parts.check((spec.channel != nil) == hasChannel, "\(text.debugDescription): channel presence differs (\(spec.channel ?? "nil"))")
        }
        parsing.assertClean()
        parts.assertClean()
    }

    func testMatchingAgrees() throws {
        try Self.checkMatching(try TestPaths.vectorObject("matchspecs.json")).assertClean()
    }

    /// Compares `matches` on every (spec, record) pair of the vectors.
    static func checkMatching(_ vectors: [String: Any]) throws -> MismatchReport {
        let fixtures = try FixtureRecords.all()
        let table = try XCTUnwrap(vectors["records"] as? [String])
        let records = try table.map { key in try XCTUnwrap(fixtures.records[key], "fixture record \(key) not decoded") }
        let specs = try XCTUnwrap(vectors["specs"] as? [[String: Any]])
        var matching = MismatchReport("MatchSpec.matches")
        for item in specs where item["ok"] as? Bool == true {
            let text = try XCTUnwrap(item["spec"] as? String)
            guard let spec = try? MatchSpec(text) else { continue }  // reported by testParsingAgrees
            let candidates = try XCTUnwrap(item["c"] as? [Int])
            let bits = Array(try XCTUnwrap(item["m"] as? String).utf8)
            matching.check(candidates.count == bits.count, "\(text.debugDescription): candidate and bit counts differ")
            for (index, bit) in zip(candidates, bits) {
                let record = records[index]
                let reference = bit == UInt8(ascii: "1")
                matching.check(spec.matches(record) == reference,
                               "\(text.debugDescription) vs \(table[index]) (version \(record.version), build \(record.build)): reference \(reference)")
            }
        }
        return matching
    }
}
