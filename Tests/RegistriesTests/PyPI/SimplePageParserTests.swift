import Foundation
@testable import Registries
import XCTest

final class SimplePageParserTests: XCTestCase {
    func testPEP691JSON() throws {
        let body = Data("""
        {"meta": {"api-version": "1.1"}, "name": "demo", "files": [
          {"filename": "demo-1.0.tar.gz", "url": "../../packages/demo-1.0.tar.gz#sha256=aa", "hashes": {"sha256": "bb"}, "requires-python": ">=3.8", "yanked": false},
          {"filename": "demo-1.1-py3-none-any.whl", "url": "https://files.example/demo-1.1-py3-none-any.whl", "hashes": {}, "yanked": "broken build", "core-metadata": {"sha256": "cc"}},
          {"filename": "demo-1.2-py3-none-any.whl", "url": "/abs/demo-1.2-py3-none-any.whl", "hashes": {}, "requires-python": "", "dist-info-metadata": true}
        ]}
        """.utf8)
        let files = try SimplePageParser.parse(body: body, contentType: "application/vnd.pypi.simple.v1+json",
                                               pageURL: "https://idx.example/simple/demo/", indexURL: "https://idx.example/simple")
        XCTAssertEqual(files.count, 3)
        XCTAssertEqual(files[0].url, "https://idx.example/packages/demo-1.0.tar.gz")
        XCTAssertEqual(files[0].hashes["sha256"], "bb", "the JSON hashes win over the fragment")
        XCTAssertEqual(files[0].requiresPython, ">=3.8")
        XCTAssertTrue(files[1].yanked)
        XCTAssertEqual(files[1].yankedReason, "broken build")
        XCTAssertTrue(files[1].hasCoreMetadata)
        XCTAssertEqual(files[2].url, "https://idx.example/abs/demo-1.2-py3-none-any.whl")
        XCTAssertNil(files[2].requiresPython)
        XCTAssertTrue(files[2].hasCoreMetadata)
    }

    /// Odd but valid values cost their field, not the page; what is not PEP 691 is an error.
    func testPEP691FieldTypesAndStructure() throws {
        func parse(_ json: String) throws -> [DistributionFile] {
            try SimplePageParser.parse(body: Data(json.utf8), contentType: "application/vnd.pypi.simple.v1+json",
                                       pageURL: "https://x/simple/a/", indexURL: "https://x/simple")
        }
        let files = try parse(#"""
        {"files": [
          {"filename": "a-1.0-py3-none-any.whl", "url": "a-1.0-py3-none-any.whl", "yanked": null, "core-metadata": null,
           "dist-info-metadata": {"sha256": "x"}, "size": 12.0, "requires-python": null, "extra": [1, {"b": [true]}]},
          {"filename": "a-1.1-py3-none-any.whl", "url": "b", "yanked": "", "core-metadata": false, "dist-info-metadata": true,
           "hashes": {"sha256": "ab", "bad": 5}, "size": "7"},
          {"filename": "a-\u00e9-1.2.tar.gz", "url": "c\/d", "yanked": 1, "core-metadata": {"sha256": 3}}
        ], "name": "a", "versions": ["1.0"]}
        """#)
        XCTAssertEqual(files.map(\.filename), ["a-1.0-py3-none-any.whl", "a-1.1-py3-none-any.whl", "a-é-1.2.tar.gz"])
        XCTAssertFalse(files[0].yanked)
        XCTAssertTrue(files[0].hasCoreMetadata, "null core-metadata falls back to dist-info-metadata")
        XCTAssertEqual(files[0].size, 12)
        XCTAssertNil(files[0].requiresPython)
        XCTAssertTrue(files[1].yanked, "an empty reason still means yanked")
        XCTAssertNil(files[1].yankedReason)
        XCTAssertFalse(files[1].hasCoreMetadata, "core-metadata false wins over dist-info-metadata")
        XCTAssertTrue(files[1].hashes.isEmpty, "a map with a non-string hash is ignored")
        XCTAssertNil(files[1].size)
        XCTAssertEqual(files[2].url, "https://x/simple/a/c/d")
        XCTAssertTrue(files[2].yanked)
        XCTAssertFalse(files[2].hasCoreMetadata)
        for broken in ["{\"files\": [{\"url\": \"x\"}]}", "{\"files\": [\"a\"]}", "{\"files\": []} x", "[]",
                       "{\"files\": [{\"filename\": \"a\", \"url\": \"b\",}]}", "{\"files\": [{\"filename\": \"a\", \"url\": \"b\"}]"] {
            XCTAssertThrowsError(try parse(broken), broken)
        }
        XCTAssertEqual(try parse("{\"files\": {}, \"files\": []}").count, 0)
    }

    func testPEP503HTMLWithEntitiesRelativeLinksAndBase() throws {
        let body = Data("""
        <!DOCTYPE html><html><head><base href="https://mirror.example/root/"></head><body>
        <a href="files/demo-1.0.tar.gz#sha256=ABCDEF" data-requires-python="&gt;=3.8,&lt;4">demo-1.0.tar.gz</a><br>
        <a href="files/demo-1.1-py3-none-any.whl" data-yanked="">demo-1.1-py3-none-any.whl</a>
        <a href="https://other.example/demo-1.2-py3-none-any.whl" data-dist-info-metadata="sha256=ff" data-yanked="bad metadata">demo-1.2-py3-none-any.whl</a>
        <p><a href="x/demo-1.3.zip">   </a>
        </body></html>
        """.utf8)
        let files = try SimplePageParser.parse(body: body, contentType: "text/html", pageURL: "https://idx.example/simple/demo/",
                                               indexURL: "https://idx.example/simple")
        XCTAssertEqual(files.map(\.filename), ["demo-1.0.tar.gz", "demo-1.1-py3-none-any.whl", "demo-1.2-py3-none-any.whl", "demo-1.3.zip"])
        XCTAssertEqual(files[0].url, "https://mirror.example/root/files/demo-1.0.tar.gz")
        XCTAssertEqual(files[0].hashes["sha256"], "abcdef")
        XCTAssertEqual(files[0].requiresPython, ">=3.8,<4")
        XCTAssertTrue(files[1].yanked)
        XCTAssertNil(files[1].yankedReason)
        XCTAssertEqual(files[2].yankedReason, "bad metadata")
        XCTAssertTrue(files[2].hasCoreMetadata)
        XCTAssertFalse(files[0].hasCoreMetadata)
    }

    func testGarbageIsAnErrorNotACrash() {
        XCTAssertThrowsError(try SimplePageParser.parse(body: Data("{not json".utf8), contentType: "application/vnd.pypi.simple.v1+json",
                                                        pageURL: "https://x/simple/a/", indexURL: "https://x/simple"))
        XCTAssertThrowsError(try SimplePageParser.parse(body: Data("{\"meta\": {}}".utf8), contentType: "application/json",
                                                        pageURL: "https://x/simple/a/", indexURL: "https://x/simple"))
        // Random bytes as HTML: lenient parse, no anchors, no crash.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let junk = Data((0..<2048).map { _ in UInt8.random(in: 0...255, using: &generator) })
            _ = try? SimplePageParser.parse(body: junk, contentType: "text/html", pageURL: "https://x/simple/a/", indexURL: "https://x/simple")
        }
    }

    func testPathSegmentRejectsEscapes() {
        XCTAssertEqual(PyPIClient.pathSegment("numpy"), "numpy")
        for hostile in ["../etc", "a/b", "a?b", "a%2fb", "", "a b", "A"] {
            XCTAssertNil(PyPIClient.pathSegment(hostile), hostile)
        }
    }
}
