import CondaPackaging
import XCTest

final class CondaVersionTests: XCTestCase {
    private func v(_ text: String) throws -> CondaVersion { try CondaVersion(text) }

    func testCondaDocumentedOrder() throws {
        // conda's VersionOrder docstring, with "==" marking equal neighbours.
        let chain: [(String, Bool)] = [
            ("0.4", false), ("0.4.0", true), ("0.4.1.rc", false), ("0.4.1.RC", true), ("0.4.1", false),
            ("0.5a1", false), ("0.5b3", false), ("0.5C1", false), ("0.5", false), ("0.9.6", false),
            ("0.960923", false), ("1.0", false), ("1.1dev1", false), ("1.1_", false), ("1.1a1", false),
            ("1.1.0dev1", false), ("1.1.dev1", true), ("1.1.a1", false), ("1.1.0rc1", false), ("1.1.0", false),
            ("1.1", true), ("1.1.0post1", false), ("1.1.post1", true), ("1.1post1", false), ("1996.07.12", false),
            ("1!0.4.1", false), ("1!3.1.1.6", false), ("2!0.4.1", false),
        ]
        for index in 1..<chain.count {
            let previous = try v(chain[index - 1].0), current = try v(chain[index].0)
            if chain[index].1 {
                XCTAssertEqual(previous, current, "\(previous) == \(current)")
                XCTAssertEqual(previous.hashValue, current.hashValue)
            } else {
                XCTAssertLessThan(previous, current, "\(previous) < \(current)")
            }
        }
    }

    func testDescriptionKeepsTheOriginalAndNormalisedSpellingIsRattlers() throws {
        XCTAssertEqual(try v("R15B01").description, "R15B01")
        XCTAssertEqual(try v("R15B01").normalizedDescription, "r15b1")
        XCTAssertEqual(try v("1!2.000_1").normalizedDescription, "1!2.0_1")
        XCTAssertEqual(try v("1.2+Local.5").normalizedDescription, "1.2+local.5")
    }

    func testLeadingVIsAWordSoItSortsFirst() throws {
        XCTAssertLessThan(try v("v1.6.4"), try v("0.1"))
        XCTAssertLessThan(try v("v1.6.4"), try v("v1.7"))
    }

    func testUnderscoresAreSeparatorsAndDashesCannotBeMixedWithThem() throws {
        XCTAssertEqual(try v("1.4_5"), try v("1.4.5"))
        XCTAssertEqual(try v("1.4-5"), try v("1.4.5"))
        XCTAssertThrowsError(try v("1.4_5-1")) { error in
            XCTAssertEqual((error as? CondaVersionError)?.kind, .mixedDashesAndUnderscores)
        }
    }

    func testOpensslConvention() throws {
        let sorted = ["1.0.1dev", "1.0.1_", "1.0.1a", "1.0.1b", "1.0.1rc1", "1.0.1s", "1.0.1", "1.0.1post.a", "1.0.2"]
        let parsed = try sorted.map(v)
        XCTAssertEqual(parsed.shuffled().sorted().map(\.description), sorted)
    }

    func testDevAndPostAreWholeWords() throws {
        XCTAssertLessThan(try v("1.0dev"), try v("1.0a"))
        XCTAssertGreaterThan(try v("1.0post"), try v("1.0"))
        XCTAssertLessThan(try v("1.0postfix"), try v("1.0pre"), "postfix is an ordinary word")
        XCTAssertTrue(try v("1.0.dev1").isDev)
    }

    func testRejectedStringsSayWhy() {
        let cases: [(String, CondaVersionError.Kind)] = [
            ("", .empty), (" 1.2", .expectedComponent), ("1.2 ", .unexpectedCharacters), ("1..2", .unexpectedCharacters),
            ("99999999999999999999", .numberTooLarge), ("99999999999999999999!1", .epochNotANumber),
            ("1.2+", .expectedComponent), ("1.2*", .unexpectedCharacters),
        ]
        for (text, kind) in cases {
            XCTAssertThrowsError(try CondaVersion(text), text) { error in
                let error = error as? CondaVersionError
                XCTAssertEqual(error?.kind, kind, text)
                XCTAssertTrue(error?.description.contains("'\(text)'") == true)
            }
        }
    }

    func testStartsWithAndCompatibility() throws {
        XCTAssertTrue(try v("1.2.3").startsWith(v("1.2")))
        XCTAssertTrue(try v("1.2").startsWith(v("1.2")))
        XCTAssertTrue(try v("1.2").startsWith(v("1.2.0")), "zeros may run on")
        XCTAssertFalse(try v("1.20").startsWith(v("1.2")))
        XCTAssertFalse(try v("1.2a.5").startsWith(v("1.2.6")))
        XCTAssertTrue(try v("1.2a").startsWith(v("1.2")))
        XCTAssertFalse(try v("1!1.2").startsWith(v("1.2")))
        XCTAssertTrue(try v("2.5").isCompatible(with: v("2.4")))
        XCTAssertFalse(try v("3.1").isCompatible(with: v("2.4")))
        XCTAssertFalse(try v("2.1").isCompatible(with: v("2.4")))
        XCTAssertTrue(try v("1.2.9").isCompatible(with: v("1.2.3")))
        XCTAssertFalse(try v("1.3").isCompatible(with: v("1.2.3")))
    }

    func testHelpers() throws {
        XCTAssertEqual(try v("1.2.3").bumpingLastNumber()?.description, "1.2.4")
        XCTAssertEqual(try v("1.2a").bumpingLastNumber()?.description, "1.3a")
        XCTAssertEqual(try v("3.10.2").majorMinor?.minor, 10)
        XCTAssertNil(try v("3a.1").majorMinor)
        XCTAssertEqual(try v("1!2.0").epoch, 1)
        XCTAssertEqual(try v("2.0").segmentCount, 2)
        XCTAssertEqual(Set(try ["1", "1.0", "1.0.0", "1.0.1"].map(v)).count, 2)
    }
}
