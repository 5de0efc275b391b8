import XCTest
final class TransportTestsPlaceholder: XCTestCase { func testBuilds() {} }
