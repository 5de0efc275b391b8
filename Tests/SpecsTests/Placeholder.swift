import XCTest
final class SpecsTestsPlaceholder: XCTestCase { func testBuilds() {} }
