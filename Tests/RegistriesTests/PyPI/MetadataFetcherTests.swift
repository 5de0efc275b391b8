import Foundation
@testable import Registries
import TestSupport
import Transport
import XCTest

/// The metadata fallback chain against a loopback server serving a real wheel and real sdists.
final class MetadataFetcherTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    func client() -> HTTPClient {
        var settings = TransportSettings()
        settings.netrcPath = nil
        settings.requestTimeout = 5
        return HTTPClient(settings: settings, cache: nil)
    }

    func file(_ name: String, _ server: LoopbackHTTPServer, metadata: Bool = false) -> DistributionFile {
        DistributionFile(filename: name, url: server.url("/files/\(name)"), hasCoreMetadata: metadata, indexURL: server.url("/simple"))
    }

    func site() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("files"), withIntermediateDirectories: true)
        for name in ["colorama-0.4.6-py2.py3-none-any.whl", "fusepy-3.0.1.tar.gz"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: root.appendingPathComponent("files/\(name)"))
        }
        return root
    }

    func testRangeReadsOfARealWheelWhenNoMetadataEndpointsExist() async throws {
        let root = try site()
        let server = try LoopbackHTTPServer.serving(directory: root)
        let fetcher = MetadataFetcher(http: client(), indexURL: server.url("/simple"))
        let result = try await fetcher.metadata(project: "colorama", version: "0.4.6", file: file("colorama-0.4.6-py2.py3-none-any.whl", server))
        guard case .known(let metadata, let origin) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(origin, .wheelRangeRead)
        XCTAssertEqual(metadata.name, "colorama")
        XCTAssertEqual(metadata.version, "0.4.6")
        XCTAssertEqual(metadata.requiresPython, "!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*,!=3.5.*,!=3.6.*,>=2.7")
        let paths = server.requests.map(\.path)
        XCTAssertTrue(paths.contains("/pypi/colorama/0.4.6/json"), "per-version JSON tried first: \(paths)")
        XCTAssertTrue(paths.contains("/files/colorama-0.4.6-py2.py3-none-any.whl.metadata"), "PEP 658 tried next")
        let ranged = server.requests.filter { $0.header("Range") != nil }
        XCTAssertGreaterThanOrEqual(ranged.count, 2)
        XCTAssertFalse(server.requests.contains { $0.path.hasSuffix(".whl") && $0.header("Range") == nil }, "the wheel was never downloaded whole")
    }

    func testPerVersionJSONWinsWhenOffered() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/pypi/demo/1.0/json": .json(#"{"info": {"name": "demo", "version": "1.0", "requires_dist": ["six>=1.0", "idna; extra == \"x\""], "requires_python": ">=3.7"}}"#),
        ])
        let fetcher = MetadataFetcher(http: client(), indexURL: server.url("/simple"))
        let result = try await fetcher.metadata(project: "demo", version: "1.0", file: file("demo-1.0-py3-none-any.whl", server))
        guard case .known(let metadata, .jsonAPI) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(metadata.requiresDist, ["six>=1.0", "idna; extra == \"x\""])
    }

    func testPEP658MetadataFile() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/files/demo-1.0-py3-none-any.whl.metadata": .text("Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: numpy (>=1.20)\nRequires-Dist: pandas;\n python_version >= \"3.8\"\n\nlong description\nRequires-Dist: not-this\n"),
        ])
        let fetcher = MetadataFetcher(http: client(), indexURL: server.url("/simple"))
        let result = try await fetcher.metadata(project: "demo", version: "1.0", file: file("demo-1.0-py3-none-any.whl", server, metadata: true))
        guard case .known(let metadata, .coreMetadataFile) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(metadata.requiresDist, ["numpy (>=1.20)", "pandas; python_version >= \"3.8\""])
    }

    func testCRLFMetadataIsParsed() {
        let text = "Metadata-Version: 2.4\r\nName: crlf\r\nRequires-Dist: a>=1\r\nRequires-Dist: b; extra == \"x\"\r\nDynamic: requires-dist\r\n\r\nRequires-Dist: body\r\n"
        let metadata = CoreMetadata.parse(Data(text.utf8))
        XCTAssertEqual(metadata.metadataVersion, "2.4")
        XCTAssertEqual(metadata.name, "crlf")
        XCTAssertEqual(metadata.requiresDist, ["a>=1", "b; extra == \"x\""])
        XCTAssertEqual(metadata.dynamic, ["requires-dist"])
    }

    func testHeaderEndsAtTheFirstBlankLineWhateverTheLineEnds() {
        let header = "Metadata-Version: 2.1\nName: lf\nRequires-Python: >=3.8\nRequires-Dist: a (>=1) ;\n  extra == 'x'\n"
        for (ending, text) in [("LF", header), ("CR", header.replacingOccurrences(of: "\n", with: "\r")),
                               ("CRLF", header.replacingOccurrences(of: "\n", with: "\r\n"))] {
            let newline = ending == "LF" ? "\n" : ending == "CR" ? "\r" : "\r\n"
            let body = newline + "Requires-Dist: from-the-description" + newline + "Name: not-this" + newline
            let metadata = CoreMetadata.parse(Data((text + body).utf8))
            XCTAssertEqual(metadata.name, "lf", ending)
            XCTAssertEqual(metadata.requiresPython, ">=3.8", ending)
            XCTAssertEqual(metadata.requiresDist, ["a (>=1) ; extra == 'x'"], "\(ending): continuation joined, body ignored")
        }
        XCTAssertEqual(CoreMetadata.parse(Data("\nName: x\n".utf8)), CoreMetadata(), "a leading blank line ends the header")
        XCTAssertEqual(CoreMetadata.parse(Data("Name: caf\u{e9}".utf8)).name, "café", "the last line needs no newline")
    }

    func testServerIgnoringRangesStillWorks() async throws {
        let root = try site()
        let server = try LoopbackHTTPServer.serving(directory: root, files: StaticFileOptions(ranges: false))
        let fetcher = MetadataFetcher(http: client(), indexURL: server.url("/simple"))
        let result = try await fetcher.metadata(project: "colorama", version: "0.4.6", file: file("colorama-0.4.6-py2.py3-none-any.whl", server))
        guard case .known(let metadata, .wheelDownload) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(metadata.name, "colorama")
    }

    func testOldSdistIsUnknownStaticSdistIsRead() async throws {
        let root = try site()
        // A modern sdist with static metadata, built with the system tar.
        let src = root.appendingPathComponent("src/static-1.0")
        try FileManager.default.createDirectory(at: src, withIntermediateDirectories: true)
        try "Metadata-Version: 2.2\nName: static\nVersion: 1.0\nRequires-Dist: six\nDynamic: License\n".write(to: src.appendingPathComponent("PKG-INFO"), atomically: true, encoding: .utf8)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["czf", root.appendingPathComponent("files/static-1.0.tar.gz").path, "-C", root.appendingPathComponent("src").path, "static-1.0"]
        try tar.run(); tar.waitUntilExit()
        let server = try LoopbackHTTPServer.serving(directory: root)
        let fetcher = MetadataFetcher(http: client(), indexURL: server.url("/simple"))
        let old = try await fetcher.metadata(project: "fusepy", version: "3.0.1", file: file("fusepy-3.0.1.tar.gz", server))
        guard case .unknown(let why) = old else { return XCTFail("\(old)") }
        XCTAssertTrue(why.contains("dynamic"), why)
        let modern = try await fetcher.metadata(project: "static", version: "1.0", file: file("static-1.0.tar.gz", server))
        guard case .known(let metadata, .sdistPKGInfo) = modern else { return XCTFail("\(modern)") }
        XCTAssertEqual(metadata.requiresDist, ["six"])
    }

    /// Old projects uploaded sdists as .tar.bz2 and .tar.xz: their PKG-INFO is read as a .tar.gz's is.
    func testBzip2AndXzSdistsAreRead() async throws {
        let root = try site()
        let src = root.appendingPathComponent("src/static-1.0")
        try FileManager.default.createDirectory(at: src, withIntermediateDirectories: true)
        try "Metadata-Version: 2.2\nName: static\nVersion: 1.0\nRequires-Dist: six\nDynamic: License\n".write(to: src.appendingPathComponent("PKG-INFO"), atomically: true, encoding: .utf8)
        for (flag, name) in [("cjf", "static-1.0.tar.bz2"), ("cJf", "static-1.0.tar.xz")] {
            let tar = Process()
            tar.executableURL = URL(fileURLWithPath: "/bin/tar")
            tar.arguments = [flag, root.appendingPathComponent("files/\(name)").path, "-C", root.appendingPathComponent("src").path, "static-1.0"]
            try tar.run(); tar.waitUntilExit()
            XCTAssertEqual(tar.terminationStatus, 0, "tar \(flag)")
        }
        let server = try LoopbackHTTPServer.serving(directory: root)
        let fetcher = MetadataFetcher(http: client(), indexURL: server.url("/simple"))
        for name in ["static-1.0.tar.bz2", "static-1.0.tar.xz"] {
            let result = try await fetcher.metadata(project: "static", version: "1.0", file: file(name, server))
            guard case .known(let metadata, .sdistPKGInfo) = result else { XCTFail("\(name): \(result)"); continue }
            XCTAssertEqual(metadata.requiresDist, ["six"], name)
        }
    }

    /// An sdist over the download cap (pyspark's is 300 MB) is not downloaded: its PKG-INFO comes
    /// from a range read of the start; a server that cannot serve a part makes it unknown.
    func testSdistOverTheCapIsReadFromItsStart() async throws {
        let root = try site()
        let src = root.appendingPathComponent("src/big-1.0")
        try FileManager.default.createDirectory(at: src, withIntermediateDirectories: true)
        try "Metadata-Version: 2.2\nName: big\nVersion: 1.0\nRequires-Dist: six\n".write(to: src.appendingPathComponent("PKG-INFO"), atomically: true, encoding: .utf8)
        var random = SeededGenerator(seed: 3)
        try Data((0..<(6 << 20)).map { _ in UInt8(truncatingIfNeeded: random.next()) }).write(to: src.appendingPathComponent("blob.bin"))
        let archive = root.appendingPathComponent("files/big-1.0.tar.gz")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["czf", archive.path, "-C", root.appendingPathComponent("src").path, "big-1.0/PKG-INFO", "big-1.0/blob.bin"]
        try tar.run(); tar.waitUntilExit()
        let size = try XCTUnwrap((try FileManager.default.attributesOfItem(atPath: archive.path))[.size] as? Int)
        XCTAssertGreaterThan(size, MetadataFetcher.sdistPrefixBytes)
        for ranges in [true, false] {
            let server = try LoopbackHTTPServer.serving(directory: root, files: StaticFileOptions(ranges: ranges))
            var fetcher = MetadataFetcher(http: client(), indexURL: server.url("/simple"))
            fetcher.downloadCap = 1 << 20
            var sdist = file("big-1.0.tar.gz", server)
            sdist.size = size
            let result = try await fetcher.metadata(project: "big", version: "1.0", file: sdist)
            if ranges {
                guard case .known(let metadata, .sdistPKGInfo) = result else { XCTFail("\(result)"); continue }
                XCTAssertEqual(metadata.requiresDist, ["six"])
            } else {
                guard case .unknown(let why) = result else { XCTFail("\(result)"); continue }
                XCTAssertTrue(why.contains("does not serve a part"), why)
            }
        }
    }

    func testCorruptWheelIsUnknownNotACrash() async throws {
        let server = try LoopbackHTTPServer(routes: ["/files/bad-1.0-py3-none-any.whl": .data(Data(repeating: 0x50, count: 5000))])
        let fetcher = MetadataFetcher(http: client(), indexURL: server.url("/simple"))
        let result = try await fetcher.metadata(project: "bad", version: "1.0", file: file("bad-1.0-py3-none-any.whl", server))
        guard case .unknown = result else { return XCTFail("\(result)") }
    }
}
