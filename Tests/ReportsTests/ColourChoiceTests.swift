import Reports
import XCTest

/// When the text report is coloured (issue 17): the flag first, then NO_COLOR, FORCE_COLOR,
/// TERM=dumb and whether stdout is a terminal.
final class ColourChoiceTests: XCTestCase {
    func colour(_ choice: ColourChoice, _ environment: [String: String], terminal: Bool) -> Bool {
        choice.style(environment: environment, isTerminal: terminal).colour
    }

    func testAutoFollowsTheEnvironmentConventions() {
        XCTAssertTrue(colour(.auto, ["TERM": "xterm-256color"], terminal: true))
        XCTAssertFalse(colour(.auto, ["TERM": "xterm-256color"], terminal: false))
        XCTAssertFalse(colour(.auto, ["TERM": "dumb"], terminal: true))
        XCTAssertFalse(colour(.auto, ["NO_COLOR": "1"], terminal: true))
        // no-color.org: an empty NO_COLOR is as if it were not set.
        XCTAssertTrue(colour(.auto, ["NO_COLOR": ""], terminal: true))
        XCTAssertTrue(colour(.auto, ["FORCE_COLOR": "1", "TERM": "dumb"], terminal: false))
        XCTAssertFalse(colour(.auto, ["FORCE_COLOR": "0"], terminal: false))
        XCTAssertFalse(colour(.auto, ["FORCE_COLOR": "1", "NO_COLOR": "1"], terminal: true))
    }

    func testTheFlagWins() {
        XCTAssertTrue(colour(.always, ["NO_COLOR": "1", "TERM": "dumb"], terminal: false))
        XCTAssertFalse(colour(.never, ["FORCE_COLOR": "1"], terminal: true))
    }
}
