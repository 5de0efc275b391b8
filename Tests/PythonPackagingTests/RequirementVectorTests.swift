import Foundation
import XCTest
import PythonPackaging

/// requirements.json: PEP 508 parsing of real requires_dist entries, corpus lines and edge
/// cases: fields and str() when valid, packaging's message and span when not.
final class RequirementVectorTests: XCTestCase {
    func testRequirementsAgreeWithPackaging() throws {
        let cases = try Vectors.cases("requirements.json")
        XCTAssertGreaterThan(cases.count, 1_000)
        var log = MismatchLog("requirements.json")
        for c in cases {
            let input = c.string("input")!
            let label = "Requirement(\(show(input)))"
            let parsed: Requirement
            do {
                parsed = try Requirement(input)
            } catch {
                guard !c.bool("valid") else {
                    log.check(false, "\(label): packaging accepts it as \(c.string("str")!), we threw \(error.message) at \(error.offset)")
                    continue
                }
                log.expectEqual(error.message, c.string("message")!, "\(label) error message")
                if let span = c["span"] as? [NSNumber] {
                    log.expectEqual([error.offset, error.end], span.map(\.intValue), "\(label) error span")
                }
                continue
            }
            guard c.bool("valid") else {
                log.check(false, "\(label): packaging rejects it (\(c.string("message")!)), we parsed \(parsed)")
                continue
            }
            log.expectEqual(parsed.name, c.string("name")!, "\(label).name")
            log.expectEqual(parsed.normalizedName, c.string("normalized_name")!, "\(label).normalizedName")
            log.expectEqual(parsed.rawExtras, c.strings("raw_extras")!, "\(label).rawExtras")
            log.expectEqual(parsed.extras, c.strings("extras")!, "\(label).extras")
            log.expectEqual(parsed.specifier.description, c.string("specifier")!, "\(label).specifier")
            log.expectEqual(parsed.specifier.specifiers.map(\.description), c.strings("specifiers")!, "\(label).specifiers")
            log.expectEqual(parsed.url, c.string("url"), "\(label).url")
            log.expectEqual(parsed.marker?.description, c.string("marker"), "\(label).marker")
            log.expectEqual(parsed.description, c.string("str")!, "\(label).description")
            // Round trip: str() parses back to an equal requirement (packaging prints marker
            // values unescaped, so text with escapes does not read back the same there either).
            if printsFaithfully(parsed.description) {
                log.check((try? Requirement(parsed.description)) == parsed, "\(label): description does not round-trip")
            }
        }
        log.report()
    }
}
