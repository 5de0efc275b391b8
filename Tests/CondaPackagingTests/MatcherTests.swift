import CondaPackaging
import XCTest

final class MatcherTests: XCTestCase {
    func testGlob() throws {
        XCTAssertTrue(try GlobPattern("py38*").matches("py38h1234_0"))
        XCTAssertTrue(try GlobPattern("*_cp39").matches("h1_cp39"))
        XCTAssertFalse(try GlobPattern("*_cp39").matches("h1_cp39m"))
        XCTAssertTrue(try GlobPattern("py2[!8]*").matches("py27_0"))
        XCTAssertFalse(try GlobPattern("py2[!8]*").matches("py28_0"))
        XCTAssertTrue(try GlobPattern("py[2-3]?_*").matches("py36_1"))
        XCTAssertTrue(try GlobPattern("*a*b*c*").matches("xxaxxbxxcxx"))
        XCTAssertFalse(try GlobPattern("*a*b*c*").matches("xxaxxcxxbxx"))
        XCTAssertFalse(try GlobPattern("Py*").matches("py3"), "case-sensitive")
        XCTAssertThrowsError(try GlobPattern("a**b"))
        XCTAssertThrowsError(try GlobPattern("a***"))
        XCTAssertThrowsError(try GlobPattern("py[3*"))
        XCTAssertNoThrow(try GlobPattern("**"))
    }

    func testRegex() throws {
        XCTAssertTrue(try RegexPattern("^py27h.*_8$").matches("py27h1b885b7_8"))
        XCTAssertFalse(try RegexPattern("^py27h.*_8$").matches("py27h1b885b7_80"))
        XCTAssertTrue(try RegexPattern("^(py|np)[0-9]{2,3}").matches("np117py37"))
        XCTAssertTrue(try RegexPattern("^a(b|c)+d?$").matches("abcbc"))
        XCTAssertFalse(try RegexPattern("^a(b|c)+d?$").matches("a"))
        XCTAssertTrue(try RegexPattern("^\\d+\\.\\w*$").matches("12.ab_c"))
        XCTAssertTrue(try RegexPattern("^[^x]*$").matches("abc"))
        XCTAssertFalse(try RegexPattern("^[^x]*$").matches("abxc"))
        XCTAssertTrue(try RegexPattern("b").matches("abc"), "unanchored search")
        XCTAssertTrue(try RegexPattern("^*ab$").matches("ab"), "a repeated anchor is allowed")
        for bad in ["^(", "^a)", "^[a", "^a{3,1}", "*a", "^(?=x)", "^\\1", "^a{100000}"] {
            XCTAssertThrowsError(try RegexPattern(bad), bad)
        }
    }

    func testHostileRegexRunsInLinearTime() throws {
        let regex = try RegexPattern("^(a+)+$")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            XCTAssertFalse(regex.matches(String(repeating: "a", count: 5_000) + "b"))
        }
        XCTAssertLessThan(elapsed, .seconds(5))
    }

    func testStringMatcherKinds() throws {
        XCTAssertEqual(try StringMatcher("py27_0"), .exact("py27_0"))
        if case .glob = try StringMatcher("py27*") {} else { XCTFail("glob expected") }
        if case .regex = try StringMatcher("^py27.*$") {} else { XCTFail("regex expected") }
        XCTAssertEqual(try StringMatcher("^py27"), .exact("^py27"), "a regex needs both ^ and $")
        XCTAssertTrue(try StringMatcher("[abc").matches("[abc"), "no `*`: exact")
    }

    func testBuildNumberSpec() throws {
        XCTAssertTrue(try BuildNumberSpec("8").matches(8))
        XCTAssertTrue(try BuildNumberSpec(">=3").matches(8))
        XCTAssertFalse(try BuildNumberSpec("<1").matches(8))
        XCTAssertTrue(try BuildNumberSpec("!=0").matches(8))
        XCTAssertEqual(try BuildNumberSpec("08").description, "==8")
        for bad in ["", "=8", "~=8", ">= 8", "8 ", "-1", "1,2", "18446744073709551616"] {
            XCTAssertThrowsError(try BuildNumberSpec(bad), bad)
        }
    }
}
