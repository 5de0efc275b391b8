import CondaPackaging
import XCTest

final class VersionSpecTests: XCTestCase {
    private func matches(_ spec: String, _ version: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        do { return try VersionSpec(spec).matches(CondaVersion(version)) } catch {
            XCTFail("\(error)", file: file, line: line)
            return false
        }
    }

    func testDocumentedForms() throws {
        XCTAssertEqual(try VersionSpec("1.2").description, "==1.2")
        XCTAssertEqual(try VersionSpec("1.2*").description, "1.2.*")
        XCTAssertEqual(try VersionSpec("=1.2").description, "1.2.*")
        XCTAssertEqual(try VersionSpec(">=1.2.*").description, ">=1.2")
        XCTAssertEqual(try VersionSpec(">1.2*").description, ">=1.2")
        XCTAssertEqual(try VersionSpec("==1.2.*").description, "==1.2")
        XCTAssertEqual(try VersionSpec("!=1.2.*").description, "!=1.2.*")
        XCTAssertEqual(try VersionSpec("2023.*.*").description, "2023.*")
        XCTAssertEqual(try VersionSpec(">=*").description, "*")
        XCTAssertEqual(try VersionSpec("(>=1.2,<2)|3").description, ">=1.2,<2|==3")
        XCTAssertEqual(try VersionSpec("(1.2|1.3),>=1.2.5").description, "(==1.2|==1.3),>=1.2.5")
    }

    func testAndBindsTighterThanOr() {
        XCTAssertTrue(matches(">=1.2,<2|3.*", "3.5"))
        XCTAssertTrue(matches(">=1.2,<2|3.*", "1.5"))
        XCTAssertFalse(matches(">=1.2,<2|3.*", "2.5"))
        XCTAssertFalse(matches("(>=1.2|3.*),<2", "3.5"))
    }

    func testBoundsLikeGlibcAndFuzzyPins() {
        XCTAssertTrue(matches(">=2.17,<3.0.a0", "2.28"))
        XCTAssertFalse(matches(">=2.17,<3.0.a0", "3.0"))
        XCTAssertTrue(matches(">=2.17,<3.0.a0", "3.0a1"), "3.0a1 sorts below 3.0.a0 (a < 0 in the second segment)")
        XCTAssertTrue(matches("2.7*", "2.7.15"))
        XCTAssertFalse(matches("2.7*", "2.70"))
        XCTAssertTrue(matches("1.2", "1.2.0"), "bare version is ==, with zero padding")
        XCTAssertFalse(matches("1.2", "1.2.1"))
        XCTAssertTrue(matches("~=1.2", "1.9"))
        XCTAssertFalse(matches("~=1.2", "2.0"))
        XCTAssertTrue(matches("!=1.2.*", "1.3"))
        XCTAssertFalse(matches("!=1.2.*", "1.2.7"))
        XCTAssertTrue(matches("*", "0"))
    }

    func testRejectedSpecs() {
        for text in ["", ">=", ">= 1.2", "1.2 ", ">=3.8<3.9", "^1.2$", "1.2$", "<>1.2", "<*", "!=*", "1.2,", "(1.2", "1.*.3",
                     String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)] {
            XCTAssertThrowsError(try VersionSpec(text), text.debugDescription)
        }
        XCTAssertThrowsError(try VersionSpec("1.2|")) { error in
            XCTAssertTrue("\(error)".contains("1.2|"))
        }
    }
}
