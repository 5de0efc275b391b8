import XCTest
final class CondaPackagingTestsPlaceholder: XCTestCase { func testBuilds() {} }
