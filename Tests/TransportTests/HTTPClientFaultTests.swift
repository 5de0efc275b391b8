import Foundation
import TestSupport
@testable import Transport
import XCTest

/// The client against a real server on 127.0.0.1 that misbehaves on the wire.
final class HTTPClientFaultTests: XCTestCase {
    func makeClient(timeout: Double = 4, cache: HTTPCache? = nil) -> HTTPClient {
        var settings = TransportSettings()
        settings.requestTimeout = timeout
        settings.connectTimeout = 2
        settings.lowSpeedLimit = 1000
        settings.lowSpeedTime = 1
        settings.backoffBase = 0.05
        settings.backoffMax = 0.2
        settings.retryAfterCap = 2
        settings.netrcPath = nil
        return HTTPClient(settings: settings, cache: cache)
    }

    func fetchError(_ client: HTTPClient, _ url: String, file: StaticString = #filePath, line: UInt = #line) async -> TransportError? {
        do {
            let response = try await client.fetch(HTTPRequest(url: url, maxBodyBytes: 1 << 20, cachePolicy: .bypass))
            XCTFail("expected a failure, got HTTP \(response.status)", file: file, line: line)
            return nil
        } catch let error as TransportError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    func testServiceUnavailableThenOkIsRetried() async throws {
        let server = try LoopbackHTTPServer(routes: ["/flaky": .sequence([.status(503), .status(503), .text("ok")])])
        let response = try await makeClient().fetch(HTTPRequest(url: server.url("/flaky"), cachePolicy: .bypass))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "ok")
        XCTAssertEqual(server.requestCount(path: "/flaky"), 3)
    }

    func testResetFailsAfterRetriesNamingHostAndCause() async throws {
        let server = try LoopbackHTTPServer(routes: ["/reset": .reset])
        let error = await fetchError(makeClient(), server.url("/reset"))
        XCTAssertEqual(error?.kind, .reset)
        XCTAssertEqual(error?.attempts, 4)
        XCTAssertEqual(error?.host, "127.0.0.1")
        XCTAssertTrue(error?.description.contains("127.0.0.1:\(server.port)/reset") ?? false, error?.description ?? "")
        XCTAssertEqual(server.requestCount(path: "/reset"), 4)
    }

    func testHangingServerCostsAtMostTheBudget() async throws {
        let server = try LoopbackHTTPServer(routes: ["/hang": .hang])
        let start = Date()
        let error = await fetchError(makeClient(timeout: 3), server.url("/hang"))
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(error?.kind, .timeout)
        XCTAssertLessThan(elapsed, 4.0)
        server.stop()
    }

    func testDrippingServerIsAbandoned() async throws {
        let body = Data(repeating: 0x61, count: 100_000)
        let server = try LoopbackHTTPServer(routes: ["/drip": .drip(bytesPerSecond: 50, body: body)])
        let start = Date()
        let error = await fetchError(makeClient(timeout: 4), server.url("/drip"))
        XCTAssertNotNil(error)
        XCTAssertTrue([.timeout].contains(error?.kind), "\(String(describing: error))")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5.0)
        server.stop()
    }

    func testServerErrorIsRetriedThenReported() async throws {
        let server = try LoopbackHTTPServer(routes: ["/boom": .status(500)])
        let error = await fetchError(makeClient(), server.url("/boom"))
        XCTAssertEqual(error?.kind, .http)
        XCTAssertEqual(error?.status, 500)
        XCTAssertEqual(server.requestCount(path: "/boom"), 4)
    }

    func testTooManyRequestsHonoursRetryAfter() async throws {
        let server = try LoopbackHTTPServer(routes: ["/busy": .sequence([.tooManyRequests(retryAfter: 1), .text("ok")])])
        let start = Date()
        let response = try await makeClient().fetch(HTTPRequest(url: server.url("/busy"), cachePolicy: .bypass))
        XCTAssertEqual(response.status, 200)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.9)
        XCTAssertEqual(server.requestCount(path: "/busy"), 2)
    }

    func testTruncatedBodyIsRetriedAndReported() async throws {
        let server = try LoopbackHTTPServer(routes: [
            "/cut": .truncated(body: Data(repeating: 0x62, count: 10_000), sending: 100),
            "/cut-once": .sequence([.truncated(body: Data(repeating: 0x62, count: 10_000), sending: 100), .text("whole")]),
        ])
        let error = await fetchError(makeClient(), server.url("/cut"))
        XCTAssertEqual(error?.kind, .truncated)
        let response = try await makeClient().fetch(HTTPRequest(url: server.url("/cut-once"), cachePolicy: .bypass))
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "whole")
    }

    func testNonHTTPGarbageIsAProtocolError() async throws {
        let server = try LoopbackHTTPServer(routes: ["/junk": .rawGarbage(length: 512)])
        let error = await fetchError(makeClient(), server.url("/junk"))
        XCTAssertNotNil(error)
        XCTAssertNotEqual(error?.kind, .tooLarge)
    }

    func testOversizedBodyIsRefusedWithoutAllocatingIt() async throws {
        let server = try LoopbackHTTPServer(routes: ["/huge": .oversized(announcedLength: 2 << 30)])
        let start = Date()
        let error = await fetchError(makeClient(), server.url("/huge"))
        XCTAssertEqual(error?.kind, .tooLarge)
        XCTAssertEqual(error?.attempts, 1, "a size violation is not worth retrying")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        server.stop()
    }

    func testRedirectLoopStops() async throws {
        let server = try LoopbackHTTPServer(routes: ["/a": .redirect(to: "/b"), "/b": .redirect(to: "/a")])
        let error = await fetchError(makeClient(), server.url("/a"))
        XCTAssertEqual(error?.kind, .redirects)
    }

    func testNotFoundIsAnAnswerNotAnError() async throws {
        let server = try LoopbackHTTPServer(routes: [:])
        let response = try await makeClient().fetch(HTTPRequest(url: server.url("/nothing"), cachePolicy: .bypass))
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(server.requestCount(path: "/nothing"), 1)
    }

    func testConnectionRefusedIsReported() async throws {
        let server = try LoopbackHTTPServer(routes: [:])
        let url = server.url("/gone")
        server.stop()
        let error = await fetchError(makeClient(timeout: 2), url)
        XCTAssertEqual(error?.kind, .connect)
    }

    func testAHostThatRefusedIsNotRetriedAgainInTheSameRun() async throws {
        let server = try LoopbackHTTPServer(routes: [:])
        let base = server.baseURL
        server.stop()
        let client = makeClient(timeout: 3)
        let first = await fetchError(client, base + "/a")
        XCTAssertEqual(first?.kind, .connect)
        let start = Date()
        let second = await fetchError(client, base + "/b")
        XCTAssertEqual(second?.kind, .connect)
        XCTAssertTrue(second?.url.hasSuffix("/b") ?? false, "the error names the URL asked for")
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.1, "no second round of retries")
    }

    /// The first request to a host goes alone; the others follow once it answered (a burst of
    /// lookups of a dead name makes resolvers drop queries, each costing a 5 s timeout).
    func testFirstRequestToAHostProbesItAlone() async throws {
        let routes = Dictionary(uniqueKeysWithValues: (0..<8).map { ("/p\($0)", Reply.delayed(seconds: 0.3, then: .text("ok"))) })
        let server = try LoopbackHTTPServer(routes: routes)
        let client = makeClient()
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask { try await client.fetch(HTTPRequest(url: server.url("/p\(index)"), cachePolicy: .bypass)).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(statuses, Array(repeating: 200, count: 8))
        let arrivals = server.requests.map(\.receivedAt).sorted()
        XCTAssertEqual(arrivals.count, 8)
        XCTAssertGreaterThan(arrivals[1].timeIntervalSince(arrivals[0]), 0.25, "the others waited for the first answer")
        XCTAssertLessThan(arrivals[7].timeIntervalSince(arrivals[1]), 0.25, "then went together")
    }

    /// Requests queued behind a probe of a refusing host fail with its cause at once, without
    /// their own retries; a request queued behind a hanging one stays within its own budget.
    func testRequestsBehindAFailedProbeFailAtOnce() async throws {
        let server = try LoopbackHTTPServer(routes: [:])
        let base = server.baseURL
        server.stop()
        let client = makeClient(timeout: 3)
        let start = Date()
        let kinds = await withTaskGroup(of: TransportError.Kind?.self) { group in
            for index in 0..<10 {
                group.addTask { await Self.errorKind(client, base + "/r\(index)") }
            }
            return await group.reduce(into: [TransportError.Kind?]()) { $0.append($1) }
        }
        XCTAssertEqual(kinds, Array(repeating: .connect, count: 10))
        XCTAssertLessThan(Date().timeIntervalSince(start), 2, "one round of retries, not ten")

        let hanging = try LoopbackHTTPServer(routes: ["/h0": .hang, "/h1": .text("late")])
        let slowClient = makeClient(timeout: 1)
        async let first = Self.errorKind(slowClient, hanging.url("/h0"))
        try await Task.sleep(nanoseconds: 100_000_000)
        let queued = Date()
        _ = await Self.errorKind(slowClient, hanging.url("/h1"))
        XCTAssertLessThan(Date().timeIntervalSince(queued), 1.3, "waiting for the probe counts against the 1 s budget")
        let firstKind = await first
        XCTAssertEqual(firstKind, .timeout)
    }

    /// The kind of error a fetch ends with; nil when it succeeded.
    private static func errorKind(_ client: HTTPClient, _ url: String) async -> TransportError.Kind? {
        do {
            _ = try await client.fetch(HTTPRequest(url: url, maxBodyBytes: 1 << 20, cachePolicy: .bypass))
            return nil
        } catch {
            return (error as? TransportError)?.kind ?? .other
        }
    }

    func testConcurrentRequestsForOneURLShareOneTransfer() async throws {
        let server = try LoopbackHTTPServer(routes: ["/slow": .delayed(seconds: 0.3, then: .text("shared"))])
        let client = makeClient()
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<10 {
                group.addTask { String(decoding: try await client.fetch(HTTPRequest(url: server.url("/slow"), cachePolicy: .bypass)).body, as: UTF8.self) }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        XCTAssertEqual(bodies, Array(repeating: "shared", count: 10))
        XCTAssertEqual(server.requestCount(path: "/slow"), 1)
    }
}

/// Content encodings libcurl decodes, and the decompressed-size cap.
final class HTTPClientEncodingTests: XCTestCase {
    func client() -> HTTPClient {
        var settings = TransportSettings()
        settings.netrcPath = nil
        settings.requestTimeout = 4
        return HTTPClient(settings: settings, cache: nil)
    }

    func testGzipAndZstdBodiesAreDecoded() async throws {
        let body = Data(String(repeating: "{\"files\": []} ", count: 2000).utf8)
        let server = try LoopbackHTTPServer { request in .encoded(body, contentType: "application/json", for: request) }
        let response = try await client().fetch(HTTPRequest(url: server.url("/page"), cachePolicy: .bypass))
        XCTAssertEqual(response.body, body)
        let sent = server.requests.first?.header("Accept-Encoding") ?? ""
        XCTAssertTrue(sent.contains("gzip") && sent.contains("zstd"), sent)
        XCTAssertNotNil(response.header("content-encoding"))
    }

    func testDecompressionBombIsCapped() async throws {
        // 8 MiB of zeros gzip to a few KiB: the cap applies to what it decompresses to.
        let bomb = try ContentCoding.gzip.encode(Data(count: 8 << 20))
        XCTAssertLessThan(bomb.count, 64 << 10)
        let server = try LoopbackHTTPServer(routes: ["/bomb": .response(status: 200, headers: [("Content-Encoding", "gzip")], body: bomb)])
        do {
            _ = try await client().fetch(HTTPRequest(url: server.url("/bomb"), maxBodyBytes: 1 << 20, cachePolicy: .bypass))
            XCTFail("expected the cap to stop the body")
        } catch let error as TransportError {
            XCTAssertEqual(error.kind, .tooLarge)
        }
    }
}

/// Not a timed test: prints throughput when PREFLIGHT_BENCH=1 (see BENCHMARKS.md).
final class HTTPClientBenchmarkTests: XCTestCase {
    func testThousandSmallGETs() async throws {
        guard ProcessInfo.processInfo.environment["PREFLIGHT_BENCH"] == "1" else { throw XCTSkip("set PREFLIGHT_BENCH=1 to run") }
        let server = try LoopbackHTTPServer { _ in .text("ok") }
        var settings = TransportSettings(); settings.netrcPath = nil
        let client = HTTPClient(settings: settings, cache: nil)
        let start = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<1000 {
                group.addTask { _ = try await client.fetch(HTTPRequest(url: server.url("/r\(i)"), cachePolicy: .bypass)) }
            }
            try await group.waitForAll()
        }
        let seconds = Date().timeIntervalSince(start)
        print("BENCH transport: 1000 GETs in \(String(format: "%.3f", seconds)) s = \(Int(1000 / seconds)) req/s")
        // Warm cache hit latency.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)")
        let cached = HTTPClient(settings: settings, cache: try HTTPCache(directory: dir.path))
        for i in 0..<200 { _ = try await cached.fetch(HTTPRequest(url: server.url("/c\(i)"))) }
        let warmStart = Date()
        for i in 0..<200 { _ = try await cached.fetch(HTTPRequest(url: server.url("/c\(i)"))) }
        print("BENCH cache: warm hit \(String(format: "%.1f", Date().timeIntervalSince(warmStart) / 200 * 1e6)) µs per entry")
        try? FileManager.default.removeItem(at: dir)
    }
}
