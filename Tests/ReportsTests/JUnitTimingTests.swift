import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reports
import Resolver
import XCTest

final class JUnitTimingTests: XCTestCase {
    func testTimeAndTimestampOnTheSuitesAndEachSuite() throws {
        let timing = JUnitTiming(start: Date(timeIntervalSince1970: 1_700_000_000), seconds: 4.5)
        let xml = JUnitReport.xml(CheckReportFixtures.report, timing: timing)
        XCTAssertTrue(xml.contains(#"<testsuites name="preflight check" tests="6" failures="2" errors="0" time="4.500" timestamp="2023-11-14T22:13:20">"#), xml)
        XCTAssertTrue(xml.contains(#"<testsuite name="env/conda.yaml" tests="3" failures="1" errors="0" skipped="0" time="1.500" timestamp="2023-11-14T22:13:20">"#), xml)
        let document = try XMLDocument(xmlString: xml, options: [])
        let suites = document.rootElement()?.elements(forName: "testsuite") ?? []
        XCTAssertEqual(suites.count, 3)
        let times = suites.compactMap { $0.attribute(forName: "time")?.stringValue.flatMap(Double.init) }
        XCTAssertEqual(times.reduce(0, +), 4.5, accuracy: 0.002, "the suites add up to the run")
    }

    func testSourceDateEpochMakesTheTimingFixed() {
        let epoch = Date(timeIntervalSince1970: 1_700_000_000)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertEqual(JUnitTiming.measured(start: start, end: start.addingTimeInterval(2), sourceDateEpoch: epoch),
                       JUnitTiming(start: epoch, seconds: 0))
        XCTAssertEqual(JUnitTiming.measured(start: start, end: start.addingTimeInterval(2), sourceDateEpoch: nil).seconds, 2)
        XCTAssertEqual(JUnitTiming(start: epoch, seconds: 0.0004).timestamp, "2023-11-14T22:13:20")
    }
}
