import XCTest
final class PreflightTestsPlaceholder: XCTestCase { func testBuilds() {} }
