import XCTest
final class RegistriesTestsPlaceholder: XCTestCase { func testBuilds() {} }
