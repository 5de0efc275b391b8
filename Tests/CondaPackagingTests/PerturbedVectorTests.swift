import XCTest

/// The vector checks must be able to fail: a copy of each vector file with a few results
/// flipped has to produce exactly those mismatches.
final class PerturbedVectorTests: XCTestCase {
    func testFlippedVersionSpecResultsAreCaught() throws {
        var vectors = try TestPaths.vectorObject("versionspecs.json")
        var specs = try XCTUnwrap(vectors["specs"] as? [[String: Any]])
        var flipped = 0
        for index in specs.indices where specs[index]["ok"] as? Bool == true && flipped < 3 {
            var bits = Array(try XCTUnwrap(specs[index]["matches"] as? String))
            bits[0] = bits[0] == "1" ? "0" : "1"
            specs[index]["matches"] = String(bits)
            flipped += 1
        }
        // One accepted spec marked as rejected.
        if let firstRejected = specs.firstIndex(where: { $0["ok"] as? Bool == false }) {
            specs[firstRejected]["ok"] = true
            specs[firstRejected]["canonical"] = "x"
            specs[firstRejected]["matches"] = ""
        }
        vectors["specs"] = specs
        let reports = try VersionSpecVectorTests.check(vectors)
        XCTAssertEqual(reports[0].mismatches.count, 1, "the parse flip is caught")
        XCTAssertEqual(reports[2].mismatches.count, 3, "the three match flips are caught")
    }

    func testFlippedVersionComparisonsAreCaught() throws {
        var vectors = try TestPaths.vectorObject("versions.json")
        var pairs = try XCTUnwrap(vectors["pairs"] as? [[Any]])
        let original = try XCTUnwrap(pairs[0][2] as? Int)
        pairs[0][2] = original == 0 ? 1 : -original
        vectors["pairs"] = pairs
        XCTAssertGreaterThan(try CondaVersionVectorTests.checkPairs(vectors).mismatches.count, 0)
    }

    func testFlippedMatchSpecResultsAreCaught() throws {
        var vectors = try TestPaths.vectorObject("matchspecs.json")
        var specs = try XCTUnwrap(vectors["specs"] as? [[String: Any]])
        let index = try XCTUnwrap(specs.firstIndex { ($0["m"] as? String)?.contains("1") == true })
        let bits = try XCTUnwrap(specs[index]["m"] as? String)
        specs[index]["m"] = String(bits.map { $0 == "1" ? "0" : "1" })
        vectors["specs"] = [specs[index]]
        // Evaluated outside the assertion so that a missing ../shared skips instead of failing.
        let mismatches = try MatchSpecVectorTests.checkMatching(vectors).mismatches.count
        XCTAssertEqual(mismatches, bits.count)
    }
}
