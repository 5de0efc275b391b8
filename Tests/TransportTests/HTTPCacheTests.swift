import Foundation
import TestSupport
@testable import Transport
import XCTest

final class HTTPCacheTests: XCTestCase {
    var cacheDir: URL!

    override func setUpWithError() throws {
        cacheDir = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-cache-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: cacheDir)
    }

    func client(lifetime: Double = 600, offline: Bool = false) throws -> HTTPClient {
        var settings = TransportSettings()
        settings.requestTimeout = 4
        settings.backoffBase = 0.05
        settings.offline = offline
        settings.netrcPath = nil
        return HTTPClient(settings: settings, cache: try HTTPCache(directory: cacheDir.path, defaultLifetime: lifetime))
    }

    func testResponseWithoutValidatorsIsServedFromCacheWithinItsLifetime() async throws {
        let server = try LoopbackHTTPServer(routes: ["/p": .text("v1")])
        let first = try await client().fetch(HTTPRequest(url: server.url("/p")))
        XCTAssertEqual(first.origin, .network)
        let second = try await client().fetch(HTTPRequest(url: server.url("/p")))
        XCTAssertEqual(second.origin, .cache)
        XCTAssertEqual(String(decoding: second.body, as: UTF8.self), "v1")
        XCTAssertEqual(server.requestCount(path: "/p"), 1, "a warm run must not touch the network")
    }

    func testStaleEntryIsRevalidatedWithETag() async throws {
        let root = cacheDir.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("page".utf8).write(to: root.appendingPathComponent("page.json"))
        let server = try LoopbackHTTPServer.serving(directory: root)
        _ = try await client(lifetime: 0).fetch(HTTPRequest(url: server.url("/page.json")))
        let again = try await client(lifetime: 0).fetch(HTTPRequest(url: server.url("/page.json")))
        XCTAssertEqual(again.origin, .revalidated)
        XCTAssertEqual(String(decoding: again.body, as: UTF8.self), "page")
        let conditional = server.requests.last
        XCTAssertNotNil(conditional?.header("If-None-Match"))
    }

    func testMaxAgeIsHonoured() async throws {
        let server = try LoopbackHTTPServer(routes: ["/short": .text("x", headers: [("Cache-Control", "max-age=0")])])
        _ = try await client().fetch(HTTPRequest(url: server.url("/short")))
        _ = try await client().fetch(HTTPRequest(url: server.url("/short")))
        XCTAssertEqual(server.requestCount(path: "/short"), 2)
    }

    func testNoStoreIsNotStored() async throws {
        let server = try LoopbackHTTPServer(routes: ["/secret": .text("x", headers: [("Cache-Control", "no-store")])])
        _ = try await client().fetch(HTTPRequest(url: server.url("/secret")))
        _ = try await client().fetch(HTTPRequest(url: server.url("/secret")))
        XCTAssertEqual(server.requestCount(path: "/secret"), 2)
    }

    func testOfflineAnswersFromCacheAndNamesAMiss() async throws {
        let server = try LoopbackHTTPServer(routes: ["/p": .text("cached")])
        _ = try await client().fetch(HTTPRequest(url: server.url("/p")))
        let offline = try client(lifetime: 0, offline: true)
        let hit = try await offline.fetch(HTTPRequest(url: server.url("/p")))
        XCTAssertEqual(hit.origin, .offline)
        do {
            _ = try await offline.fetch(HTTPRequest(url: server.url("/other")))
            XCTFail("expected an offline miss")
        } catch let error as TransportError {
            XCTAssertEqual(error.kind, .offlineMiss)
            XCTAssertTrue(error.description.contains("/other"))
        }
        XCTAssertEqual(server.requestCount(path: "/other"), 0)
    }

    func entryFiles() -> [URL] {
        let walker = FileManager.default.enumerator(at: cacheDir.appendingPathComponent("cache/http-v1"), includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { !$0.hasDirectoryPath && $0.lastPathComponent.count == 64 }
    }

    func testDamagedEntriesAreDetectedAndRefetched() async throws {
        let server = try LoopbackHTTPServer(routes: ["/a": .text(String(repeating: "a", count: 5000)), "/b": .text("bbbb")])
        let cacheRoot = cacheDir.appendingPathComponent("cache").path
        func make() throws -> HTTPClient {
            var settings = TransportSettings(); settings.netrcPath = nil
            return HTTPClient(settings: settings, cache: try HTTPCache(directory: cacheRoot))
        }
        _ = try await make().fetch(HTTPRequest(url: server.url("/a")))
        _ = try await make().fetch(HTTPRequest(url: server.url("/b")))
        let files = entryFiles()
        XCTAssertEqual(files.count, 2)
        // One truncated, one overwritten with random bytes.
        let first = try Data(contentsOf: files[0])
        try first.prefix(first.count / 2).write(to: files[0])
        try Data((0..<300).map { _ in UInt8.random(in: 0...255) }).write(to: files[1])
        let a = try await make().fetch(HTTPRequest(url: server.url("/a")))
        let b = try await make().fetch(HTTPRequest(url: server.url("/b")))
        XCTAssertEqual(a.body.count, 5000)
        XCTAssertEqual(String(decoding: b.body, as: UTF8.self), "bbbb")
        XCTAssertEqual(a.origin, .network)
        XCTAssertEqual(b.origin, .network)
    }

    func testBodyFlipIsCaughtByChecksum() async throws {
        let server = try LoopbackHTTPServer(routes: ["/c": .text("correct body")])
        let cacheRoot = cacheDir.appendingPathComponent("cache").path
        var settings = TransportSettings(); settings.netrcPath = nil
        _ = try await HTTPClient(settings: settings, cache: try HTTPCache(directory: cacheRoot)).fetch(HTTPRequest(url: server.url("/c")))
        let file = try XCTUnwrap(entryFiles().first)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: file)
        let again = try await HTTPClient(settings: settings, cache: try HTTPCache(directory: cacheRoot)).fetch(HTTPRequest(url: server.url("/c")))
        XCTAssertEqual(String(decoding: again.body, as: UTF8.self), "correct body")
        XCTAssertEqual(again.origin, .network)
    }

    func testCredentialsAreSentButNeverStoredOrPrinted() async throws {
        let secret = "s3cr3t-t0ken-xyz"
        let server = try LoopbackHTTPServer(routes: ["/private": .text("ok"), "/fail": .status(500)])
        let authURL = "http://alice:\(secret)@127.0.0.1:\(server.port)"
        let client = try client()
        let response = try await client.fetch(HTTPRequest(url: authURL + "/private"))
        XCTAssertEqual(response.status, 200)
        XCTAssertFalse(response.finalURL.contains(secret))
        let sent = server.requests.first?.header("Authorization")
        XCTAssertEqual(sent, "Basic " + Data("alice:\(secret)".utf8).base64EncodedString())
        do {
            _ = try await client.fetch(HTTPRequest(url: authURL + "/fail"))
            XCTFail("expected failure")
        } catch let error as TransportError {
            XCTAssertFalse(error.description.contains(secret))
            XCTAssertFalse(error.description.contains("alice"))
        }
        // Nothing under the cache directory mentions the secret, in names or contents.
        let walker = FileManager.default.enumerator(at: cacheDir, includingPropertiesForKeys: nil)
        for case let url as URL in walker ?? FileManager.default.enumerator(atPath: "/nonexistent")! {
            XCTAssertFalse(url.path.contains(secret))
            if let data = try? Data(contentsOf: url) {
                XCTAssertNil(data.range(of: Data(secret.utf8)), "secret found in \(url.path)")
            }
        }
    }

    func testBodyToFileKeepsOnlyMetadataInTheCache() async throws {
        let body = Data(String(repeating: "{\"x\": 1}\n", count: 10_000).utf8)
        let server = try LoopbackHTTPServer(routes: ["/big.json": .data(body, contentType: "application/json")])
        try FileManager.default.createDirectory(at: cacheDir, withIntermediateDirectories: true)
        let file = cacheDir.appendingPathComponent("download").path
        let c = try client()
        let first = try await c.fetch(HTTPRequest(url: server.url("/big.json"), bodyFile: file))
        XCTAssertEqual(first.origin, .network)
        XCTAssertTrue(first.body.isEmpty, "the body went to the file, not memory")
        XCTAssertEqual(FileManager.default.contents(atPath: file), body)
        XCTAssertEqual(first.bodySHA256, SHA256Digest.hex(body))
        // A fresh entry answers with the checksum only; nothing of the body is stored.
        let second = try await c.fetch(HTTPRequest(url: server.url("/big.json"), bodyFile: file + "2"))
        XCTAssertEqual(second.origin, .cache)
        XCTAssertNil(second.bodyFile)
        XCTAssertEqual(second.bodySHA256, first.bodySHA256)
        XCTAssertEqual(server.requestCount(path: "/big.json"), 1)
        let stored = try XCTUnwrap(entryFilesUnder(cacheDir).first)
        XCTAssertLessThan(try Data(contentsOf: stored).count, 2048)
        // .reload fetches the body again.
        let reloaded = try await c.fetch(HTTPRequest(url: server.url("/big.json"), cachePolicy: .reload, bodyFile: file + "3"))
        XCTAssertEqual(reloaded.origin, .network)
        XCTAssertEqual(FileManager.default.contents(atPath: file + "3"), body)
    }

    /// Sees what a body file receives, piece by piece, per attempt.
    final class PieceRecorder: BodyFileObserver, @unchecked Sendable {
        private let lock = NSLock()
        private var attempts: [Data] = []
        func attemptStarted() { lock.lock(); attempts.append(Data()); lock.unlock() }
        func consume(_ piece: UnsafeRawBufferPointer) {
            lock.lock()
            if attempts.isEmpty { attempts.append(Data()) }  // a piece before any attempt: recorded as a failure below
            attempts[attempts.count - 1].append(contentsOf: piece)
            lock.unlock()
        }
        var seen: [Data] { lock.lock(); defer { lock.unlock() }; return attempts }
    }

    /// The observer gets exactly the body after the offset, a cut-off first attempt and then a slow
    /// whole one, each from its start; when the fetch returns it has seen every byte, and the
    /// digest is the body's.
    func testBodyFileObserverSeesEachAttemptWhole() async throws {
        var random = SeededGenerator(seed: 7)
        let body = Data((0..<600_000).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        let server = try LoopbackHTTPServer(routes: ["/big.bin": .sequence([
            .truncated(body: body, sending: 200_000),
            .drip(bytesPerSecond: 2_000_000, body: body),
        ])])
        try FileManager.default.createDirectory(at: cacheDir, withIntermediateDirectories: true)
        let file = cacheDir.appendingPathComponent("download").path
        let recorder = PieceRecorder()
        var request = HTTPRequest(url: server.url("/big.bin"), bodyFile: file)
        request.bodyFileOffset = 100
        request.bodyObserver = recorder
        let c = try client()
        let response = try await c.fetch(request)
        XCTAssertEqual(response.bodySHA256, SHA256Digest.hex(body))
        let seen = recorder.seen
        XCTAssertEqual(seen.count, 2, "one run of pieces per attempt")
        XCTAssertEqual(seen.last, body)
        XCTAssertEqual(seen.first.map { body.starts(with: $0) }, true, "the cut-off attempt saw a prefix of the body")
        XCTAssertEqual(FileManager.default.contents(atPath: file)?.dropFirst(100), body)
    }

    func entryFilesUnder(_ dir: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: dir.appendingPathComponent("http-v1"), includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { !$0.hasDirectoryPath && $0.lastPathComponent.count == 64 }
    }

    /// One key is held by one holder at a time (even two in one process); other keys are free;
    /// closing releases. (The two-process and killed-process cases: CacheConcurrencyTests.)
    func testKeyLocksExcludeOnlyTheSameKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("locks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = String(repeating: "a", count: 64), b = String(repeating: "b", count: 64)
        let held = try XCTUnwrap(FileLock(directory: directory, key: a, timeout: 1))
        XCTAssertNil(FileLock(directory: directory, key: a, timeout: 0.1), "the same key is taken")
        let other = FileLock(directory: directory, key: b, timeout: 0.1)
        XCTAssertNotNil(other, "another key is free")
        held.unlock()
        XCTAssertNotNil(FileLock(directory: directory, key: a, timeout: 0.1), "released on unlock")
        XCTAssertLessThanOrEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).count, 2,
                                 "no file per key on Linux (one per key elsewhere)")
        other?.unlock()
    }

    func testCacheInfoAndClean() async throws {
        let server = try LoopbackHTTPServer(routes: ["/x": .text("x"), "/y": .text("y")])
        let c = try client()
        _ = try await c.fetch(HTTPRequest(url: server.url("/x")))
        _ = try await c.fetch(HTTPRequest(url: server.url("/y")))
        let cache = try XCTUnwrap(c.cache)
        XCTAssertEqual(cache.summary().entries, 2)
        XCTAssertEqual(cache.clean(olderThan: Date().addingTimeInterval(-3600)), 0)
        XCTAssertEqual(cache.clean(olderThan: nil), 2)
        XCTAssertEqual(cache.summary().entries, 0)
    }

    func testFileURLsReadLikeHTTP() async throws {
        let file = cacheDir.appendingPathComponent("f.json")
        try FileManager.default.createDirectory(at: cacheDir, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: file)
        let c = try client()
        let hit = try await c.fetch(HTTPRequest(url: "file://" + file.path))
        XCTAssertEqual(hit.status, 200)
        let miss = try await c.fetch(HTTPRequest(url: "file://" + cacheDir.path + "/missing.json"))
        XCTAssertEqual(miss.status, 404)
    }
}
