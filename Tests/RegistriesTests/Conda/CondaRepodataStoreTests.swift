import CondaPackaging
import Foundation
@testable import Registries
import TestSupport
import Transport
import XCTest

/// Fetching channel subdirs in every form a channel offers, over a real HTTP server on 127.0.0.1
/// and through `file://`.
final class CondaRepodataStoreTests: XCTestCase {
    let both = ["linux-64", "noarch"]

    func serveFixtures(options: StaticFileOptions = StaticFileOptions()) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer.serving(directory: try CondaFixtures.channelsRoot(), files: options)
    }

    func expectedFilenames(_ channel: String, _ subdir: String, name: String) throws -> Set<String> {
        Set(try CondaFixtures.referenceRecords(channel, subdir).filter { $0.normalizedName == name }.map(\.fileName))
    }

    func testPlainRepodataOverHTTP() async throws {
        let server = try self.serveFixtures()
        let store = CondaRepodataStore(http: CondaFixtures.client())
        let channel = CondaChannel(url: server.url("/pytorch"))
        let records = try await store.records(named: ["pytorch", "torchvision"], channels: [channel], subdirs: self.both)
        let expected = try self.expectedFilenames("pytorch", "linux-64", name: "pytorch")
            .union(try self.expectedFilenames("pytorch", "linux-64", name: "torchvision"))
        XCTAssertEqual(Set(records.map(\.filename)), expected)
        XCTAssertEqual(records.count, expected.count)
        for record in records {
            XCTAssertEqual(record.subdir, "linux-64")
            XCTAssertEqual(record.channel, channel)
            XCTAssertEqual(record.url, server.url("/pytorch/linux-64/") + record.filename)
        }
        // Shards and .zst were asked for first; both subdirs were read once.
        XCTAssertEqual(server.requestCount(path: "/pytorch/linux-64/repodata_shards.msgpack.zst"), 1)
        XCTAssertEqual(server.requestCount(path: "/pytorch/linux-64/repodata.json.zst"), 1)
        XCTAssertEqual(server.requestCount(path: "/pytorch/linux-64/repodata.json"), 1)
        XCTAssertEqual(server.requestCount(path: "/pytorch/noarch/repodata.json"), 1)
    }

    func testZstdRepodataIsPreferredAndDecodedTheSame() async throws {
        let folder = try CondaFixtures.temporaryDirectory(self)
        _ = try CondaFixtures.zstdOnlyCopy(of: "r", into: folder)
        let server = try LoopbackHTTPServer.serving(directory: folder)
        let store = CondaRepodataStore(http: CondaFixtures.client())
        let records = try await store.records(named: ["r-base", "r-rcpp"], channels: [CondaChannel(url: server.url("/r"))], subdirs: self.both)
        let expected = try self.expectedFilenames("r", "linux-64", name: "r-base").union(try self.expectedFilenames("r", "linux-64", name: "r-rcpp"))
        XCTAssertEqual(Set(records.map(\.filename)), expected)
        XCTAssertEqual(server.requestCount(path: "/r/linux-64/repodata.json.zst"), 1)
        XCTAssertEqual(server.requestCount(path: "/r/linux-64/repodata.json"), 0, "no need for the plain form")
    }

    func testShardedChannelFetchesOnlyTheShardsOfTheNamesAsked() async throws {
        let server = try self.serveFixtures()
        let store = CondaRepodataStore(http: CondaFixtures.client())
        let channel = CondaChannel(url: server.url("/conda_format_repo"))
        let records = try await store.records(named: ["zlib"], channels: [channel], subdirs: self.both)
        // linux-64 has zlib as .tar.bz2 and .conda of the same build (the .conda wins), plus another build.
        XCTAssertEqual(Set(records.map(\.filename)), try self.expectedFilenames("conda_format_repo", "linux-64", name: "zlib"))
        XCTAssertTrue(records.contains { $0.filename == "zlib-1.2.11-h7b6447c_3.conda" })
        XCTAssertFalse(records.contains { $0.filename == "zlib-1.2.11-h7b6447c_3.tar.bz2" })
        let paths = Set(server.requests.map(\.path))
        XCTAssertTrue(paths.contains("/conda_format_repo/linux-64/repodata_shards.msgpack.zst"))
        XCTAssertTrue(paths.contains { $0.hasPrefix("/conda_format_repo/linux-64/56a0c19b") }, "the zlib shard")
        XCTAssertFalse(paths.contains { $0.hasPrefix("/conda_format_repo/linux-64/2dcdacf7") }, "not the libgcc-ng shard")
        XCTAssertFalse(paths.contains("/conda_format_repo/linux-64/repodata.json"), "not the monolithic form")
        let none = try await store.records(named: ["not-there"], channels: [channel], subdirs: ["linux-64"])
        XCTAssertEqual(none.count, 0)
        let names = try await store.allNames(channels: [channel], subdirs: ["linux-64"])
        XCTAssertEqual(names, ["libgcc-ng", "zlib"])
    }

    func testDotCondaWinsOverTheSameTarBz2() async throws {
        let store = CondaRepodataStore(http: CondaFixtures.client())
        let channel = CondaChannel(url: try CondaFixtures.channelURL("conda_format_repo"))
        let records = try await store.records(named: ["zlib"], channels: [channel], subdirs: ["win-64"])
        XCTAssertEqual(records.map(\.filename).sorted(), ["zlib-1.2.11-h62dcd97_3.conda", "zlib-1.2.8-0.tar.bz2"])
        XCTAssertEqual(Set(records.map(\.filename)), try self.expectedFilenames("conda_format_repo", "win-64", name: "zlib"))
        XCTAssertFalse(records.contains { $0.filename == "zlib-1.2.11-h62dcd97_3.tar.bz2" })
    }

    func testMissingSubdirHoldsNoPackages() async throws {
        let server = try self.serveFixtures()
        let store = CondaRepodataStore(http: CondaFixtures.client())
        for url in [server.url("/conda_format_repo"), try CondaFixtures.channelURL("conda_format_repo")] {
            let records = try await store.records(named: ["zlib"], channels: [CondaChannel(url: url)], subdirs: ["linux-aarch64", "noarch"])
            XCTAssertEqual(records.count, 0)
        }
        // main has no linux-64 at all; its noarch still answers.
        let main = try await store.records(named: ["affine"], channels: [CondaChannel(url: server.url("/main"))], subdirs: self.both)
        XCTAssertEqual(Set(main.map(\.subdir)), ["noarch"])
        XCTAssertFalse(main.isEmpty)
    }

    func testFileChannelAnswersLikeHTTP() async throws {
        let server = try self.serveFixtures()
        let overHTTP = try await CondaRepodataStore(http: CondaFixtures.client())
            .records(named: ["python", "six"], channels: [CondaChannel(url: server.url("/with-wheels"))], subdirs: self.both)
        let overFile = try await CondaRepodataStore(http: CondaFixtures.client())
            .records(named: ["python", "six"], channels: [CondaChannel(url: try CondaFixtures.channelURL("with-wheels"))], subdirs: self.both)
        XCTAssertEqual(overHTTP.map(\.record), overFile.map(\.record))
        XCTAssertEqual(Set(overFile.map(\.subdir)), ["linux-64", "noarch"])
        XCTAssertTrue(overFile.allSatisfy { $0.url.hasPrefix("file://") && $0.url.hasSuffix("/" + $0.filename) })
    }

    func testBaseURLOfCEP15IsHonoured() async throws {
        let store = CondaRepodataStore(http: CondaFixtures.client())
        let records = try await store.records(named: ["openssl"], channels: [CondaChannel(url: try CondaFixtures.channelURL("openssl-run-exports-test"))],
                                              subdirs: self.both)
        XCTAssertEqual(records.map(\.url), ["https://conda.anaconda.org/conda-forge/linux-64/openssl-3.3.1-h4ab18f5_1.conda"])
    }

    func testCredentialsNeverReachRecordURLs() async throws {
        let server = try self.serveFixtures()
        let url = server.url("/pytorch").replacingOccurrences(of: "http://", with: "http://user:t0ken-value@")
        let store = CondaRepodataStore(http: CondaFixtures.client())
        let records = try await store.records(named: ["pytorch"], channels: [CondaChannel(url: url)], subdirs: self.both)
        XCTAssertFalse(records.isEmpty)
        XCTAssertTrue(records.allSatisfy { !$0.url.contains("t0ken-value") && !$0.channel.displayURL.contains("t0ken-value") })
    }

    /// The plain document is indexed while it arrives: a first attempt cut off half way and a
    /// slow second one (so the scan runs behind the transfer) give exactly the records a file
    /// read gives, for every name of the subdir.
    func testRepodataScannedDuringItsDownloadSurvivesARetry() async throws {
        let path = try CondaFixtures.repodataPath("pytorch", "linux-64")
        let body = try Data(contentsOf: URL(fileURLWithPath: path))
        let server = try LoopbackHTTPServer(routes: [
            "/p/linux-64/repodata.json": .sequence([
                .truncated(body: body, sending: body.count / 2),
                .drip(bytesPerSecond: body.count * 3, body: body),
            ]),
        ])
        let cacheFolder = try CondaFixtures.temporaryDirectory(self)
        let store = CondaRepodataStore(http: CondaFixtures.client(cache: try HTTPCache(directory: cacheFolder.path)))
        let reference = try CondaFixtures.referenceRecords("pytorch", "linux-64")
        let names = Set(reference.map(\.normalizedName)).sorted()
        let records = try await store.records(named: names, channels: [CondaChannel(url: server.url("/p"))], subdirs: ["linux-64"])
        XCTAssertEqual(records.map(\.filename).sorted(), reference.map(\.fileName).sorted())
        XCTAssertEqual(server.requestCount(path: "/p/linux-64/repodata.json"), 2)
    }

    func testGarbageRepodataIsARegistryError() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/html/linux-64/repodata.json": .text("<html><body>Proxy error</body></html>"),
            "/cut/linux-64/repodata.json": .text("{\"packages\": {\"a-1-0.tar.bz2\": {\"name\": \"a\""),
            "/badzst/linux-64/repodata.json.zst": .text("this is not zstd"),
            "/badshards/linux-64/repodata_shards.msgpack.zst": .text("nor is this"),
        ])
        for channel in ["html", "cut", "badzst", "badshards"] {
            let store = CondaRepodataStore(http: CondaFixtures.client())
            do {
                _ = try await store.records(named: ["a"], channels: [CondaChannel(url: server.url("/" + channel))], subdirs: ["linux-64"])
                XCTFail("\(channel): garbage accepted")
            } catch let error as RegistryError {
                XCTAssertTrue(error.source.contains("127.0.0.1"), "\(error)")
                XCTAssertTrue(error.source.contains(channel), "\(error)")
            }
        }
    }

    func testUnreachableChannelIsARegistryError() async throws {
        let server = try LoopbackHTTPServer(routes: [:])
        let port = server.port
        server.stop()
        let store = CondaRepodataStore(http: CondaFixtures.client())
        do {
            _ = try await store.records(named: ["a"], channels: [CondaChannel(url: "http://127.0.0.1:\(port)/gone")], subdirs: ["linux-64"])
            XCTFail("an unreachable channel answered")
        } catch let error as RegistryError {
            XCTAssertNotNil(error.underlying)
        }
    }

    /// Two broken channels: the error names the first in priority order, not the one that failed
    /// first (here the second fails at once, the first only after a slow garbage answer).
    func testTheHighestPriorityFailureIsReported() async throws {
        let slow = try LoopbackHTTPServer(routes: [
            "/first/linux-64/repodata_shards.msgpack.zst": .delayed(seconds: 0.3, then: .text("not zstd")),
        ])
        let gone = try LoopbackHTTPServer(routes: [:])
        let gonePort = gone.port
        gone.stop()
        let channels = [CondaChannel(url: slow.url("/first")), CondaChannel(url: "http://127.0.0.1:\(gonePort)/second")]
        let store = CondaRepodataStore(http: CondaFixtures.client())
        do {
            _ = try await store.records(named: ["a"], channels: channels, subdirs: ["linux-64"])
            XCTFail("broken channels answered")
        } catch let error as RegistryError {
            XCTAssertTrue(error.source.contains("/first/"), "\(error.source)")
        }
    }

    func testWarmLookupReadsNeitherNetworkNorDocument() async throws {
        let server = try self.serveFixtures(options: StaticFileOptions(cacheControl: "max-age=600"))
        let cacheFolder = try CondaFixtures.temporaryDirectory(self)
        let channel = CondaChannel(url: server.url("/pytorch"))
        let cold = try await CondaRepodataStore(http: CondaFixtures.client(cache: try HTTPCache(directory: cacheFolder.path)))
            .records(named: ["pytorch"], channels: [channel], subdirs: self.both)
        let requestsAfterCold = server.requests.count
        let indexes = try self.indexFiles(in: cacheFolder)
        XCTAssertEqual(indexes.count, 2, "one compact index per subdir: \(indexes)")
        let warm = try await CondaRepodataStore(http: CondaFixtures.client(cache: try HTTPCache(directory: cacheFolder.path)))
            .records(named: ["pytorch"], channels: [channel], subdirs: self.both)
        XCTAssertEqual(warm.map(\.record), cold.map(\.record))
        XCTAssertEqual(server.requests.count, requestsAfterCold, "fresh cache: no request at all")
        // Offline, the same answer from the cache.
        let offline = try await CondaRepodataStore(http: CondaFixtures.client(cache: try HTTPCache(directory: cacheFolder.path), offline: true))
            .records(named: ["pytorch"], channels: [channel], subdirs: self.both)
        XCTAssertEqual(offline.map(\.record), cold.map(\.record))
    }

    func testDamagedCompactIndexIsRebuiltAndAnswersCorrectly() async throws {
        let server = try self.serveFixtures(options: StaticFileOptions(cacheControl: "max-age=600"))
        let cacheFolder = try CondaFixtures.temporaryDirectory(self)
        let channel = CondaChannel(url: server.url("/pytorch"))
        let expected = try await CondaRepodataStore(http: CondaFixtures.client(cache: try HTTPCache(directory: cacheFolder.path)))
            .records(named: ["pytorch"], channels: [channel], subdirs: ["linux-64"])
        let index = try XCTUnwrap(try self.indexFiles(in: cacheFolder).first)
        let original = try Data(contentsOf: index)
        // 1. Record bytes changed in place (the JSON stays valid): caught by the run checksum.
        var damaged = original
        let record = try XCTUnwrap(damaged.range(of: Data("\"pytorch-2.1.0-py3.9_cpu_0.tar.bz2\"".utf8)))
        let digit = try XCTUnwrap(damaged[record.upperBound...].firstIndex(where: { $0 >= 0x30 && $0 <= 0x38 }))
        damaged[digit] += 1
        try damaged.write(to: index)
        var answer = try await CondaRepodataStore(http: CondaFixtures.client(cache: try HTTPCache(directory: cacheFolder.path)))
            .records(named: ["pytorch"], channels: [channel], subdirs: ["linux-64"])
        XCTAssertEqual(answer.map(\.record), expected.map(\.record))
        XCTAssertEqual(try Data(contentsOf: index), original, "the index was rebuilt in place")
        // 2. A truncated index: refused when opened, rebuilt.
        try original.prefix(original.count / 2).write(to: index)
        answer = try await CondaRepodataStore(http: CondaFixtures.client(cache: try HTTPCache(directory: cacheFolder.path)))
            .records(named: ["pytorch"], channels: [channel], subdirs: ["linux-64"])
        XCTAssertEqual(answer.map(\.record), expected.map(\.record))
        XCTAssertEqual(try Data(contentsOf: index), original)
    }

    func testIndexOfAFileChannelFollowsTheFile() async throws {
        let folder = try CondaFixtures.temporaryDirectory(self)
        let cacheFolder = try CondaFixtures.temporaryDirectory(self)
        let copy = folder.appendingPathComponent("ch/linux-64", isDirectory: true)
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let json = copy.appendingPathComponent("repodata.json")
        try Data(#"{"packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0"}}}"#.utf8).write(to: json)
        let channel = CondaChannel(url: "file://" + folder.appendingPathComponent("ch").path)
        func versions() async throws -> [String] {
            try await CondaRepodataStore(http: CondaFixtures.client(cache: try HTTPCache(directory: cacheFolder.path)))
                .records(named: ["a"], channels: [channel], subdirs: ["linux-64"]).map(\.record.version)
        }
        var seen = try await versions()
        XCTAssertEqual(seen, ["1"])
        seen = try await versions()
        XCTAssertEqual(seen, ["1"])
        try Data(#"{"packages": {"a-10-0.tar.bz2": {"name": "a", "version": "10", "build": "0"}}}"#.utf8).write(to: json)
        seen = try await versions()
        XCTAssertEqual(seen, ["10"], "a rewritten file gets a new index")
        XCTAssertEqual(try self.indexFiles(in: cacheFolder).count, 1, "and the old one is removed")
    }

    // MARK: - Helpers

    func indexFiles(in cacheFolder: URL) throws -> [URL] {
        let root = cacheFolder.appendingPathComponent("conda-index-v1")
        var files: [URL] = []
        for key in try FileManager.default.contentsOfDirectory(atPath: root.path) where key != "tmp" {
            for file in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(key).path) {
                files.append(root.appendingPathComponent(key).appendingPathComponent(file))
            }
        }
        return files
    }
}
