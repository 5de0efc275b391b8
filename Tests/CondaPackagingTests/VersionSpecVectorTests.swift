import CondaPackaging
import XCTest

/// Agreement with py-rattler's `VersionSpec` (lenient) on parsing, canonical spelling and
/// matching (Vectors/versionspecs.json, made by scripts/vectors/conda/gen_versionspecs.py).
final class VersionSpecVectorTests: XCTestCase {
    func testVersionSpecsAgree() throws {
        let reports = try Self.check(try TestPaths.vectorObject("versionspecs.json"))
        for report in reports { report.assertClean() }
    }

    /// Compares every vector with our parser; returns parsing, spelling and matching reports.
    static func check(_ vectors: [String: Any]) throws -> [MismatchReport] {
        let versions = try XCTUnwrap(vectors["versions"] as? [String]).map { try CondaVersion($0) }
        let specs = try XCTUnwrap(vectors["specs"] as? [[String: Any]])
        var parsing = MismatchReport("VersionSpec parsing")
        var spelling = MismatchReport("VersionSpec canonical spelling")
        var matching = MismatchReport("VersionSpec matching")
        for item in specs {
            let text = try XCTUnwrap(item["spec"] as? String)
            let expected = try XCTUnwrap(item["ok"] as? Bool)
            let spec: VersionSpec?
            do { spec = try VersionSpec(text) } catch { spec = nil }
            parsing.check((spec != nil) == expected,
                          "\(text.debugDescription): reference ok=\(expected), ours ok=\(spec != nil)")
            guard let spec, expected else { continue }
            let canonical = try XCTUnwrap(item["canonical"] as? String)
            spelling.check(spec.description == canonical, "\(text.debugDescription): reference \(canonical), ours \(spec)")
            let bits = Array(try XCTUnwrap(item["matches"] as? String).utf8)
            matching.check(bits.count == versions.count, "\(text.debugDescription): \(bits.count) bits for \(versions.count) versions")
            for (version, bit) in zip(versions, bits) {
                let reference = bit == UInt8(ascii: "1")
                matching.check(spec.matches(version) == reference,
                               "\(text.debugDescription) vs \(version): reference \(reference)")
            }
        }
        return [parsing, spelling, matching]
    }
}
