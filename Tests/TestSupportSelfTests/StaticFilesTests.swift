import Foundation
import TestSupport
import XCTest

/// Directory serving: validators, 304s, ranges, index files, encodings, path safety.
final class StaticFilesTests: XCTestCase {
    private var root: URL!
    private let blob = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })

    override func setUpWithError() throws {
        try Curl.requireAvailable()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("simple/numpy"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("noindex"), withIntermediateDirectories: true)
        try Data("{\"packages\": {}}\n".utf8).write(to: root.appendingPathComponent("repodata.json"))
        try Data("<html>numpy</html>\n".utf8).write(to: root.appendingPathComponent("simple/numpy/index.html"))
        try blob.write(to: root.appendingPathComponent("numpy-1.0-py3-none-any.whl"))
    }

    override func tearDownWithError() throws {
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    func testServesFilesWithTypeLengthAndValidators() throws {
        let server = try LoopbackHTTPServer.serving(directory: root)
        let result = try Curl.run([server.url("/repodata.json")])
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.text, "{\"packages\": {}}\n")
        XCTAssertEqual(result.header("Content-Type"), "application/json")
        XCTAssertEqual(result.header("Content-Length"), "17")
        XCTAssertNotNil(result.header("ETag"))
        XCTAssertNotNil(result.header("Last-Modified"))
        XCTAssertEqual(result.header("Accept-Ranges"), "bytes")
        XCTAssertNil(result.header("Cache-Control"))
        XCTAssertEqual(try Curl.run([server.url("/numpy-1.0-py3-none-any.whl")]).body, blob)
        XCTAssertEqual(try Curl.run([server.url("/nothing.json")]).status, 404)
    }

    func testIfNoneMatchAndIfModifiedSinceGive304() throws {
        let server = try LoopbackHTTPServer.serving(directory: root)
        let first = try Curl.run([server.url("/repodata.json")])
        let tag = try XCTUnwrap(first.header("ETag"))
        let modified = try XCTUnwrap(first.header("Last-Modified"))

        let revalidated = try Curl.run(["-H", "If-None-Match: \(tag)", server.url("/repodata.json")])
        XCTAssertEqual(revalidated.status, 304)
        XCTAssertTrue(revalidated.body.isEmpty)
        XCTAssertEqual(revalidated.header("ETag"), tag)

        XCTAssertEqual(try Curl.run(["-H", "If-None-Match: W/\(tag)", server.url("/repodata.json")]).status, 304,
                       "If-None-Match uses weak comparison")
        XCTAssertEqual(try Curl.run(["-H", "If-None-Match: \"other\"", server.url("/repodata.json")]).status, 200)
        XCTAssertEqual(try Curl.run(["-H", "If-Modified-Since: \(modified)", server.url("/repodata.json")]).status, 304)
        XCTAssertEqual(
            try Curl.run(["-H", "If-Modified-Since: Thu, 01 Jan 2004 00:00:00 GMT", server.url("/repodata.json")]).status,
            200)
        XCTAssertEqual(
            try Curl.run(["-H", "If-None-Match: \"other\"", "-H", "If-Modified-Since: \(modified)",
                          server.url("/repodata.json")]).status,
            200, "If-None-Match wins over If-Modified-Since")
    }

    func testChangedFileGetsANewEntityTag() throws {
        let server = try LoopbackHTTPServer.serving(directory: root)
        let before = try XCTUnwrap(try Curl.run([server.url("/repodata.json")]).header("ETag"))
        try Data("{\"packages\": {\"a\": 1}}\n".utf8).write(to: root.appendingPathComponent("repodata.json"))
        let after = try Curl.run(["-H", "If-None-Match: \(before)", server.url("/repodata.json")])
        XCTAssertEqual(after.status, 200)
        XCTAssertNotEqual(after.header("ETag"), before)
    }

    func testWithoutValidatorsAndWithCacheControl() throws {
        let server = try LoopbackHTTPServer.serving(
            directory: root, files: StaticFileOptions(validators: false, cacheControl: "max-age=60"))
        let result = try Curl.run(["-H", "If-None-Match: *", server.url("/repodata.json")])
        XCTAssertEqual(result.status, 200)
        XCTAssertNil(result.header("ETag"))
        XCTAssertNil(result.header("Last-Modified"))
        XCTAssertEqual(result.header("Cache-Control"), "max-age=60")
    }

    func testRangesGive206WithTheRightBytes() throws {
        let server = try LoopbackHTTPServer.serving(directory: root)
        let wheel = server.url("/numpy-1.0-py3-none-any.whl")

        let middle = try Curl.run(["-H", "Range: bytes=10-19", wheel])
        XCTAssertEqual(middle.status, 206)
        XCTAssertEqual(middle.header("Content-Range"), "bytes 10-19/100000")
        XCTAssertEqual(middle.body, blob.subdata(in: 10..<20))

        let tail = try Curl.run(["-H", "Range: bytes=-22", wheel])
        XCTAssertEqual(tail.status, 206)
        XCTAssertEqual(tail.header("Content-Range"), "bytes 99978-99999/100000")
        XCTAssertEqual(tail.body, blob.suffix(22))

        let open = try Curl.run(["-r", "99990-", wheel])
        XCTAssertEqual(open.body, blob.suffix(10))

        let clamped = try Curl.run(["-r", "99995-200000", wheel])
        XCTAssertEqual(clamped.header("Content-Range"), "bytes 99995-99999/100000")

        let beyond = try Curl.run(["-H", "Range: bytes=100000-", wheel])
        XCTAssertEqual(beyond.status, 416)
        XCTAssertEqual(beyond.header("Content-Range"), "bytes */100000")

        let multiple = try Curl.run(["-H", "Range: bytes=0-1,5-6", wheel])
        XCTAssertEqual(multiple.status, 200, "multiple ranges are answered with the whole file")
        XCTAssertEqual(multiple.body, blob)
        XCTAssertEqual(try Curl.run(["-H", "Range: lines=1-2", wheel]).status, 200)
    }

    func testIfRangeHonoursTheRangeOnlyForTheSameFile() throws {
        let server = try LoopbackHTTPServer.serving(directory: root)
        let wheel = server.url("/numpy-1.0-py3-none-any.whl")
        let tag = try XCTUnwrap(try Curl.run(["-I", wheel]).header("ETag"))
        XCTAssertEqual(try Curl.run(["-H", "Range: bytes=0-9", "-H", "If-Range: \(tag)", wheel]).status, 206)
        XCTAssertEqual(try Curl.run(["-H", "Range: bytes=0-9", "-H", "If-Range: \"stale\"", wheel]).status, 200)
    }

    func testRangesCanBeDisabled() throws {
        let server = try LoopbackHTTPServer.serving(directory: root, files: StaticFileOptions(ranges: false))
        let result = try Curl.run(["-H", "Range: bytes=10-19", server.url("/numpy-1.0-py3-none-any.whl")])
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.body, blob)
        XCTAssertEqual(result.header("Accept-Ranges"), "none")
    }

    func testHeadSendsTheHeadOnly() throws {
        let server = try LoopbackHTTPServer.serving(directory: root)
        let result = try Curl.run(["-I", server.url("/numpy-1.0-py3-none-any.whl")])
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.header("Content-Length"), "100000")
        XCTAssertEqual(result.header("Content-Type"), "application/zip")
    }

    func testDirectoriesRedirectToTheirSlashAndServeTheIndex() throws {
        let server = try LoopbackHTTPServer.serving(directory: root)
        let bare = try Curl.run([server.url("/simple/numpy")])
        XCTAssertEqual(bare.status, 301)
        XCTAssertEqual(bare.header("Location"), "/simple/numpy/")
        let index = try Curl.run(["-L", server.url("/simple/numpy")])
        XCTAssertEqual(index.text, "<html>numpy</html>\n")
        XCTAssertEqual(index.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertEqual(try Curl.run([server.url("/noindex/")]).status, 404)
    }

    func testPathsCannotLeaveTheRoot() throws {
        let server = try LoopbackHTTPServer.serving(directory: root.appendingPathComponent("simple"))
        for path in ["/../repodata.json", "/numpy/../../repodata.json", "/%2e%2e/repodata.json", "/..%2frepodata.json"] {
            let result = try Curl.run(["--path-as-is", server.url(path)])
            XCTAssertEqual(result.status, 403, path)
        }
        XCTAssertEqual(try Curl.run([server.url("/numpy/./index.html")]).status, 200)
        XCTAssertEqual(try Curl.run([server.url("/numpy/index%2Ehtml")]).status, 200, "percent-decoded")
    }

    func testPrecompressedSiblingsAreNegotiated() throws {
        let plain = try Data(contentsOf: root.appendingPathComponent("repodata.json"))
        try ContentCoding.zstd.encode(plain).write(to: root.appendingPathComponent("repodata.json.zst"))
        let server = try LoopbackHTTPServer.serving(directory: root, files: StaticFileOptions(precompressedSiblings: true))
        let negotiated = try Curl.run(["--compressed", server.url("/repodata.json")])
        XCTAssertEqual(negotiated.header("Content-Encoding"), "zstd")
        XCTAssertEqual(negotiated.header("Content-Type"), "application/json")
        XCTAssertEqual(negotiated.body, plain)
        let identity = try Curl.run([server.url("/repodata.json")])
        XCTAssertNil(identity.header("Content-Encoding"))
        XCTAssertEqual(identity.header("Vary"), "Accept-Encoding")
        XCTAssertNotEqual(identity.header("ETag"), negotiated.header("ETag"))
    }

    func testOtherMethodsAreRefused() throws {
        let server = try LoopbackHTTPServer.serving(directory: root)
        let result = try Curl.run(["-X", "DELETE", server.url("/repodata.json")])
        XCTAssertEqual(result.status, 405)
        XCTAssertEqual(result.header("Allow"), "GET, HEAD")
    }

    func testServingSomethingThatIsNotADirectoryFails() {
        XCTAssertThrowsError(try LoopbackHTTPServer.serving(directory: root.appendingPathComponent("repodata.json")))
    }

    func testStaticFilesComposeWithFaultsInAHandler() throws {
        let files = try StaticFiles(root: root)
        let server = try LoopbackHTTPServer { request in
            request.path == "/repodata.json" ? .sequence([.status(503), files.reply(for: request)]) : files.reply(for: request)
        }
        XCTAssertEqual(try Curl.run([server.url("/repodata.json")]).status, 503)
        XCTAssertEqual(try Curl.run([server.url("/repodata.json")]).text, "{\"packages\": {}}\n")
        XCTAssertEqual(try Curl.run([server.url("/simple/numpy/")]).status, 200)
    }
}
