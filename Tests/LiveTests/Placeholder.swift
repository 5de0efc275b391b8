import XCTest
final class LiveTestsPlaceholder: XCTestCase { func testBuilds() {} }
