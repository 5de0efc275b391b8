import Foundation
import XCTest
import PythonPackaging

/// specifiers.json: SpecifierSet parsing, contains (three pre-release policies) and filter,
/// against packaging over real project version lists.
final class SpecifierVectorTests: XCTestCase {
    func testSpecifierSetsAgreeWithPackaging() throws {
        let file = try Vectors.load("specifiers.json")
        let projects = try XCTUnwrap(file["projects"] as? [String: [String]])
        let cases = try XCTUnwrap(file["cases"] as? [[String: Any]])
        XCTAssertGreaterThan(cases.count, 500)
        let versions = projects.mapValues { $0.map { try! Version($0) } }
        var log = MismatchLog("specifiers.json")

        for c in cases {
            let spec = c.string("spec")!
            let project = c.string("project")!
            let list = versions[project]!
            let names = projects[project]!
            let ctor = c["ctor_prereleases"] as? Bool
            let label = "SpecifierSet(\(show(spec))\(ctor.map { ", prereleases=\($0)" } ?? ""))"
            let parsed: SpecifierSet
            do {
                parsed = try SpecifierSet(spec, prereleases: ctor)
            } catch {
                if c.bool("too_large") {
                    // Documented limit: numbers past Int.max are rejected with their own reason.
                    log.check(error.reason == .numberTooLarge, "\(label): expected numberTooLarge, got \(error)")
                } else {
                    log.check(!c.bool("valid"), "\(label): packaging accepts it, we threw \(error)")
                }
                continue
            }
            guard c.bool("valid") else {
                log.check(false, "\(label): packaging rejects it (\(c.string("error")!)), we parsed \(parsed)")
                continue
            }
            log.expectEqual(parsed.description, c.string("str")!, "\(label).description")
            log.expectEqual(parsed.prereleases, c["prereleases"] as? Bool, "\(label).prereleases")
            log.expectEqual(parsed.specifiers.map(\.description), c.strings("specifiers")!, "\(label).specifiers")
            for (key, policy) in [("contains_none", nil), ("contains_true", true), ("contains_false", false)] as [(String, Bool?)] {
                let expected = Array(c.string(key)!)
                for (i, v) in list.enumerated() {
                    let ours = parsed.contains(v, prereleases: policy)
                    log.check(ours == (expected[i] == "1"),
                              "\(label).contains(\(names[i]), prereleases: \(policy.map(String.init) ?? "nil")): packaging says \(expected[i] == "1")")
                }
            }
            let expectedFilter = (c["filter"] as! [NSNumber]).map(\.intValue)
            let indexes = parsed.filter(Array(list.indices), version: { list[$0] })
            log.check(indexes == expectedFilter,
                      "\(label).filter(\(project)): packaging \(expectedFilter.map { names[$0] }), we \(indexes.map { names[$0] })")
            log.check(parsed.filter(list).count == expectedFilter.count, "\(label).filter([Version]) count")
            // Round trip: the description parses to an equal set.
            log.check((try? SpecifierSet(parsed.description)) == parsed, "\(label): description does not round-trip")
        }

        let stringCases = try XCTUnwrap(file["string_cases"] as? [[String: Any]])
        for c in stringCases {
            let spec = c.string("spec")!, item = c.string("item")!
            let policy = c["prereleases"] as? Bool
            let ours = try SpecifierSet(spec).contains(item, prereleases: policy)
            log.expectEqual(ours, c.bool("result"),
                            "SpecifierSet(\(show(spec))).contains(raw \(show(item)), prereleases: \(policy.map(String.init) ?? "nil"))")
        }
        log.report()
    }
}
