import Foundation
import XCTest
import PythonPackaging

/// markers.json: marker parsing, str() and evaluation on ten targets × four extras selections,
/// with environments from MarkerEnvironment.forTarget (the generator builds the same ones).
final class MarkerVectorTests: XCTestCase {
    func testMarkersAgreeWithPackaging() throws {
        let file = try Vectors.load("markers.json")
        let cases = try XCTUnwrap(file["cases"] as? [[String: Any]])
        let evaluations = try XCTUnwrap(file["evaluations"] as? [[String: Any]])
        let environments = try XCTUnwrap(file["environments"] as? [String: [String: String]])
        XCTAssertGreaterThan(cases.count, 500)
        var log = MismatchLog("markers.json")

        // The environments must be exactly the ones the generator used.
        var targets: [(MarkerEnvironment, Set<String>, String)] = []
        for e in evaluations {
            let python = e.string("python")!, os = e.string("os")!, arch = Architecture(e.string("arch")!)
            let platform: PythonPlatform
            switch os {
            case "linux": platform = .linux(arch: arch, glibc: PlatformVersion(2, 28))
            case "macos": platform = .macos(arch: arch, version: PlatformVersion(12, 0))
            default: platform = .windows(arch: arch)
            }
            let environment = MarkerEnvironment.forTarget(pythonVersion: python, platform: platform)
            let key = "\(python) \(os) \(arch)"
            log.expectEqual(environment.dictionary, environments[key]!, "MarkerEnvironment.forTarget(\(key))")
            let extras = Set(e.strings("extras")!)
            targets.append((environment, extras, "\(key) extras=\(extras.sorted())"))
        }

        for c in cases {
            let text = c.string("marker")!
            let label = "Marker(\(show(text)))"
            let marker: Marker
            do {
                marker = try Marker(text)
            } catch {
                guard !c.bool("valid") else {
                    log.check(false, "\(label): packaging accepts it, we threw \(error.message) at \(error.offset)")
                    continue
                }
                log.expectEqual(error.message, c.string("message")!, "\(label) error message")
                log.expectEqual([error.offset, error.end], (c["span"] as! [NSNumber]).map(\.intValue), "\(label) error span")
                continue
            }
            guard c.bool("valid") else {
                log.check(false, "\(label): packaging rejects it (\(c.string("message")!)), we parsed \(marker)")
                continue
            }
            if let printed = c.string("str") {
                log.expectEqual(marker.description, printed, "\(label).description")
                if printsFaithfully(printed) {
                    log.check((try? Marker(printed)) == marker, "\(label): description does not round-trip")
                }
            }
            let results = c["results"] as! [Any]
            for ((environment, extras, name), expected) in zip(targets, results) {
                let ours: String
                do {
                    ours = String(try marker.evaluateStrictly(environment: environment, extras: extras))
                } catch {
                    switch error {
                    case .undefinedComparison: ours = "UndefinedComparison"
                    case .undefinedEnvironmentName: ours = "UndefinedEnvironmentName"
                    }
                }
                let theirs = (expected as? Bool).map(String.init) ?? (expected as! String)
                log.expectEqual(ours, theirs, "\(label).evaluate(\(name))")
            }
        }
        log.report()
    }
}
