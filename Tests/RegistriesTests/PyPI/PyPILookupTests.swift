import Checks
import Foundation
import PythonPackaging
import Registries
import Resolver
import TestSupport
import Transport
import XCTest

/// The pip side's lookup (`exists --source pypi` and each requirement line of `check`) against a
/// loopback index.
final class PyPILookupTests: XCTestCase {
    static let page = "<!DOCTYPE html><html><body><a href=\"../../files/demo-1.0-py3-none-any.whl\">demo-1.0-py3-none-any.whl</a><br/></body></html>"

    func lookup(_ server: LoopbackHTTPServer) -> PyPILookup {
        var settings = TransportSettings()
        settings.requestTimeout = 5
        settings.connectTimeout = 2
        settings.backoffBase = 0.02
        settings.backoffMax = 0.1
        settings.retries = 1
        settings.netrcPath = nil
        return PyPILookup(http: HTTPClient(settings: settings, cache: nil), session: CheckSession(), indexURLs: [server.url("/simple")], findLinks: [],
                          projectListLifetime: 0)
    }

    func testOneVerdictPerTargetFromOneListing() async throws {
        let server = try LoopbackHTTPServer(routes: ["/simple/demo/": .text(Self.page, contentType: "text/html")])
        defer { server.stop() }
        let targets = [Target(python: "3.8", platform: "linux-64", glibc: "2.28"), Target(python: "3.11", platform: "win-64")]
        let answer = try await lookup(server).availability(requirement: "demo==1.0", targets: targets, allowSdist: false)
        XCTAssertEqual(answer.listing?.name, "demo")
        XCTAssertEqual(answer.verdicts.map(\.target), targets)
        XCTAssertEqual(answer.verdicts.map(\.status), [.available, .available])
        XCTAssertNil(answer.namesFailure)
        XCTAssertEqual(server.requests.filter { $0.path.hasPrefix("/simple/demo") }.count, 1, "one listing for every target")
    }

    func testAnUnknownNameGetsSuggestionsFromTheIndexsNames() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/simple/": .text("<a href=\"/simple/demo/\">demo</a>\n<a href=\"/simple/other/\">other</a>", contentType: "text/html"),
        ])
        defer { server.stop() }
        let answer = try await lookup(server).availability(requirement: "demi", targets: [Target(python: "3.8", platform: "linux-64")],
                                                           allowSdist: false)
        XCTAssertNil(answer.listing)
        XCTAssertEqual(answer.verdicts.map(\.status), [.noSuchPackage])
        XCTAssertEqual(answer.verdicts.first?.suggestions, ["demo"])
        XCTAssertNil(answer.namesFailure)
    }

    func testNamesThatCannotBeReadAreSaidNotThrown() async throws {
        let server = try LoopbackHTTPServer(routes: ["/simple/": .reset])
        defer { server.stop() }
        let answer = try await lookup(server).availability(requirement: "demi", targets: [Target(python: "3.8", platform: "linux-64")],
                                                           allowSdist: false)
        XCTAssertEqual(answer.verdicts.map(\.status), [.noSuchPackage])
        XCTAssertEqual(answer.verdicts.first?.suggestions, [])
        XCTAssertNotNil(answer.namesFailure)
    }

    func testRequirementsWithNoIndexEntryAreRefusedBeforeAnyRequest() async throws {
        let server = try LoopbackHTTPServer(routes: [:])
        defer { server.stop() }
        let lookup = lookup(server)
        for (text, expected) in [("demo @ https://example.org/demo-1.0-py3-none-any.whl", PyPILookupError.directReference),
                                 ("==1.0", nil)] {
            do {
                _ = try await lookup.availability(requirement: text, targets: [Target(python: "3.8", platform: "linux-64")], allowSdist: false)
                XCTFail("\(text) was looked up")
            } catch let error as PyPILookupError {
                if let expected {
                    XCTAssertEqual(error, expected)
                } else {
                    guard case .invalidRequirement = error else { return XCTFail("\(text): \(error)") }
                }
            }
        }
        XCTAssertEqual(server.requests.count, 0)
        XCTAssertEqual(PyPILookup.name(of: "Demo_Pkg[x]>=1"), "demo-pkg")
        XCTAssertNil(PyPILookup.name(of: "==1.0"))
    }
}
