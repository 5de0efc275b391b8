import Foundation
import XCTest
import PythonPackaging

/// Versions.json: packaging's verdict, normalization, parts and order for ~19k version strings.
final class VersionVectorTests: XCTestCase {
    func testVersionsAgreeWithPackaging() throws {
        let cases = try Vectors.cases("versions.json")
        XCTAssertGreaterThan(cases.count, 10_000)
        var log = MismatchLog("versions.json")
        var ranked: [(version: Version, rank: Int, input: String)] = []

        for c in cases {
            let input = c.string("input")!
            let parsed = Version.parse(input)
            let label = "Version(\(show(input)))"
            guard c.bool("valid") else {
                log.check(parsed == nil, "\(label): packaging rejects it, we parsed \(parsed.map { $0.description } ?? "")")
                continue
            }
            if c.bool("too_large") {
                // Documented limit: numbers past Int.max are rejected, with their own reason.
                var reason: VersionError.Reason?
                do { _ = try Version(input) } catch { reason = error.reason }
                log.check(reason == .numberTooLarge, "\(label): expected numberTooLarge, got \(String(describing: reason))")
                continue
            }
            guard let v = parsed else {
                log.check(false, "\(label): packaging accepts it as \(c.string("normalized")!), we rejected it")
                continue
            }
            let normalized = c.string("normalized")!
            log.expectEqual(v.description, normalized, "\(label).description")
            log.expectEqual(v.publicVersion, c.string("public") ?? normalized, "\(label).public")
            log.expectEqual(v.baseVersion, c.string("base_version") ?? normalized, "\(label).base_version")
            log.expectEqual(v.isPrerelease, c.bool("is_prerelease"), "\(label).is_prerelease")
            log.expectEqual(v.isPostrelease, c.bool("is_postrelease"), "\(label).is_postrelease")
            log.expectEqual(v.isDevrelease, c.bool("is_devrelease"), "\(label).is_devrelease")
            log.expectEqual(v.local, c.string("local"), "\(label).local")
            log.expectEqual(v.epoch, c.int("epoch") ?? 0, "\(label).epoch")
            log.expectEqual(v.release, (c["release"] as? [NSNumber])?.map(\.intValue) ?? [], "\(label).release")
            let pre = (c["pre"] as? [Any]).map { "\($0[0])\($0[1])" }
            log.expectEqual(v.pre.map { "\($0.letter)\($0.number)" }, pre, "\(label).pre")
            log.expectEqual(v.post, c.int("post"), "\(label).post")
            log.expectEqual(v.dev, c.int("dev"), "\(label).dev")
            // Round trip: the normalized form parses to an equal version with the same spelling.
            let again = Version.parse(v.description)
            log.check(again == v && again?.description == v.description, "\(label): normalized form does not round-trip")
            ranked.append((v, c.int("rank")!, input))
        }

        // Order: sorting by our comparison must put packaging's ranks in order, with ties exactly
        // where packaging has equal versions (and equal hashes there).
        ranked.sort { $0.version < $1.version }
        for (a, b) in zip(ranked, ranked.dropFirst()) {
            log.check(a.rank <= b.rank, "order: we put \(show(a.input)) (rank \(a.rank)) before \(show(b.input)) (rank \(b.rank))")
            let equal = a.version == b.version
            log.check(equal == (a.rank == b.rank), "equality of \(show(a.input)) and \(show(b.input)): we say \(equal)")
            if equal { log.check(a.version.hashValue == b.version.hashValue, "hash of equal \(show(a.input)), \(show(b.input))") }
            log.check(!(b.version < a.version) && (a.rank == b.rank) == !(a.version < b.version),
                      "strictness of < between \(show(a.input)) and \(show(b.input))")
        }
        log.report()
    }
}
