import XCTest
final class PythonPackagingTestsPlaceholder: XCTestCase { func testBuilds() {} }
