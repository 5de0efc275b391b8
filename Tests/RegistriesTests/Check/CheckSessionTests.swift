import Checks
import Foundation
@testable import Registries
import PythonPackaging
@testable import Resolver
import XCTest

/// What a run works out is kept by its session: shared within the run, never across runs.
final class CheckSessionTests: XCTestCase {
    let listing = ProjectListing(name: "demo", files: [
        DistributionFile(filename: "demo-1.0-py3-none-any.whl", url: "https://x/demo-1.0-py3-none-any.whl", indexURL: "https://x/simple"),
        DistributionFile(filename: "demo-1.0.tar.gz", url: "https://x/demo-1.0.tar.gz", indexURL: "https://x/simple"),
    ], indexes: ["https://x/simple"])

    func testAListingIsParsedOncePerSession() {
        let run = CheckSession(), other = CheckSession()
        let parsed = PyPIAvailability.parse(listing, session: run)
        XCTAssertTrue(PyPIAvailability.parse(listing, session: run) === parsed)
        XCTAssertFalse(PyPIAvailability.parse(listing, session: other) === parsed)
    }

    func testVerdictsStayInTheirSession() throws {
        let run = CheckSession(), other = CheckSession()
        let target = Target(python: "3.11", platform: "linux-64", glibc: "2.28")
        let requirement = try Requirement("demo==1.0")
        for _ in 0..<2 {
            let verdict = PyPIAvailability.evaluate(requirement: requirement, requirementText: "demo==1.0", listing: listing,
                                                    target: target, allowSdist: false, session: run)
            XCTAssertEqual(verdict.status, .available)
        }
        XCTAssertEqual(run.evaluations.count, 1)
        XCTAssertEqual(run.tagSets.count, 1)
        XCTAssertEqual(other.evaluations.count, 0)
        XCTAssertEqual(other.tagSets.count, 0)
    }
}
