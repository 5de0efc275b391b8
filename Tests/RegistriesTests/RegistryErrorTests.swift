import Registries
import Transport
import XCTest

/// An unreachable source's message names the URL that failed once, without credentials.
final class RegistryErrorTests: XCTestCase {
    func testAFailedURLWithinTheSourceIsNamedOnce() {
        let file = TransportError(kind: .http, url: "http://alice:s3cr3t@127.0.0.1:8080/files/x.whl.metadata",
                                  detail: "unauthorized", status: 401)
        let error = RegistryError(source: "http://127.0.0.1:8080", file)
        XCTAssertEqual(error.description, "http://127.0.0.1:8080/files/x.whl.metadata: HTTP 401 (unauthorized)")

        let page = TransportError(kind: .timeout, url: "https://h.example/simple/numpy/", detail: "", attempts: 3)
        XCTAssertEqual(RegistryError(source: "https://user:tok3n-x@h.example/simple/", page).description,
                       "https://h.example/simple/numpy/: timed out after 3 attempts")
    }

    func testASourceThatDoesNotHoldTheFailedURLIsKept() {
        let elsewhere = TransportError(kind: .connect, url: "https://mirror.example/simple/numpy/", detail: "refused")
        XCTAssertEqual(RegistryError(source: "https://h.example/simple", elsewhere).description,
                       "https://h.example/simple: https://mirror.example/simple/numpy/: could not connect (refused)")
        // Another port of the host is not within the source (127.0.0.1:80 vs :8080).
        let otherPort = TransportError(kind: .http, url: "http://127.0.0.1:8080/x", detail: "", status: 401)
        XCTAssertEqual(RegistryError(source: "http://127.0.0.1", otherPort).description, "http://127.0.0.1: http://127.0.0.1:8080/x: HTTP 401")
        XCTAssertEqual(RegistryError(source: "https://h.example/simple", detail: "not JSON").description, "https://h.example/simple: not JSON")
    }
}
