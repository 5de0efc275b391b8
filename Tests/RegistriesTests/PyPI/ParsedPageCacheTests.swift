import Foundation
@testable import Registries
import Transport
import XCTest

final class ParsedPageCacheTests: XCTestCase {
    func testRoundTripKeepsEveryFieldAndDamageIsDetected() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ppc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let http = try HTTPCache(directory: dir.path)
        // As a new run starts: nothing read yet.
        func newRun() throws -> ParsedPageCache { try XCTUnwrap(ParsedPageCache(cache: http, memory: ParsedPageMemory())) }
        var cache = try newRun()
        let files = [
            DistributionFile(filename: "demo-1.0.tar.gz", url: "https://x/demo-1.0.tar.gz", hashes: ["sha256": "ab", "md5": "cd"],
                             requiresPython: ">=3.8", yanked: true, yankedReason: "bad\tbuild\nsee \\ issue", hasCoreMetadata: true,
                             size: 1234, indexURL: "https://x/simple"),
            DistributionFile(filename: "demo-1.0-py3-none-any.whl", url: "https://x/w.whl", indexURL: "https://x/simple"),
        ] + (0..<ParsedPageCache.smallestPageKept).map {
            DistributionFile(filename: "demo-0.\($0)-py3-none-any.whl", url: "https://x/0.\($0).whl", indexURL: "https://x/simple")
        }
        cache.store(files, digest: "d1", pageURL: "https://x/simple/demo/")
        cache = try newRun()
        let loaded = try XCTUnwrap(cache.load(digest: "d1", pageURL: "https://x/simple/demo/", indexURL: "https://x/simple"))
        XCTAssertEqual(loaded, files)
        XCTAssertNil(cache.load(digest: "d2", pageURL: "https://x/simple/demo/", indexURL: "https://x/simple"))
        XCTAssertNil(cache.load(digest: "d1", pageURL: "https://y/simple/demo/", indexURL: "https://x/simple"), "relative links depend on the page URL")
        // A truncated file is refused (the caller then parses the page again).
        let stored = try XCTUnwrap(FileManager.default.contentsOfDirectory(at: dir.appendingPathComponent("pypi-pages-v1"), includingPropertiesForKeys: nil).first)
        let data = try Data(contentsOf: stored)
        try data.prefix(data.count - 8).write(to: stored)
        XCTAssertNotNil(cache.load(digest: "d1", pageURL: "https://x/simple/demo/", indexURL: "https://x/simple"),
                        "this process read it already")
        cache = try newRun()
        XCTAssertNil(cache.load(digest: "d1", pageURL: "https://x/simple/demo/", indexURL: "https://x/simple"))
        // A small page stays in memory only.
        cache.store(Array(files.prefix(3)), digest: "small", pageURL: "https://x/simple/small/")
        XCTAssertNotNil(cache.load(digest: "small", pageURL: "https://x/simple/small/", indexURL: "https://x/simple"))
        cache = try newRun()
        XCTAssertNil(cache.load(digest: "small", pageURL: "https://x/simple/small/", indexURL: "https://x/simple"))
    }
}
