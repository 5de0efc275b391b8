import Foundation
import TestSupport
import XCTest

/// Each fault must look to a real client (curl) like the failure it imitates.
final class FaultReplyTests: XCTestCase {
    override func setUpWithError() throws {
        try Curl.requireAvailable()
    }

    func testResetIsAConnectionResetAfterTheRequestWasRead() throws {
        let server = try LoopbackHTTPServer(routes: ["/reset": .reset])
        let result = try Curl.run([server.url("/reset")])
        XCTAssertEqual(result.exitCode, 56, result.stderr)
        XCTAssertTrue(result.stderr.contains("reset"), result.stderr)
        XCTAssertEqual(server.requestCount(path: "/reset"), 1)
    }

    func testHangNeverAnswersSoTheClientTimesOut() throws {
        let server = try LoopbackHTTPServer(routes: ["/hang": .hang])
        let result = try Curl.run(["--max-time", "1", server.url("/hang")])
        XCTAssertEqual(result.exitCode, 28, result.stderr)
        XCTAssertNil(result.status)
        XCTAssertEqual(server.requestCount(path: "/hang"), 1)
    }

    func testStopReleasesAHangingConnectionPromptly() throws {
        let server = try LoopbackHTTPServer(routes: ["/hang": .hang])
        let url = server.url("/hang")
        let finished = expectation(description: "curl returned")
        let outcome = Outcome()
        DispatchQueue.global().async {
            outcome.result = try? Curl.run(["--max-time", "15", url])
            finished.fulfill()
        }
        XCTAssertTrue(server.waitForRequests(count: 1, timeout: 5))
        let stopping = Date()
        server.stop()
        XCTAssertLessThan(Date().timeIntervalSince(stopping), 2)
        wait(for: [finished], timeout: 10)
        let result = try XCTUnwrap(outcome.result)
        XCTAssertEqual(result.exitCode, 52, "an empty reply, not a timeout: \(result.stderr)")
        XCTAssertLessThan(result.elapsed, 5)
    }

    func testCloseWithoutReplyIsAnEmptyReply() throws {
        let server = try LoopbackHTTPServer(routes: ["/empty": .closeWithoutReply])
        XCTAssertEqual(try Curl.run([server.url("/empty")]).exitCode, 52)
    }

    func testDripDeliversTheWholeBodySlowly() throws {
        let body = Data(repeating: UInt8(ascii: "x"), count: 100)
        let server = try LoopbackHTTPServer(routes: ["/drip": .drip(bytesPerSecond: 200, body: body)])
        let result = try Curl.run([server.url("/drip")])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(result.body, body)
        XCTAssertGreaterThan(result.elapsed, 0.4, "100 bytes at 200 B/s take about half a second")
        XCTAssertLessThan(result.elapsed, 3)
    }

    func testDripIsCutByAClientTimeout() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/drip": .drip(bytesPerSecond: 10, body: Data(repeating: 0, count: 1000)),
        ])
        let result = try Curl.run(["--max-time", "1", server.url("/drip")])
        XCTAssertEqual(result.exitCode, 28, result.stderr)
        XCTAssertEqual(result.status, 200, "the head arrives at once")
        XCTAssertLessThan(result.body.count, 100)
    }

    func testStatusRepliesCarryTheirBody() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/500": .status(500),
            "/teapot": .text("short and stout", status: 418),
        ])
        let error = try Curl.run([server.url("/500")])
        XCTAssertEqual(error.exitCode, 0)
        XCTAssertEqual(error.status, 500)
        XCTAssertEqual(error.text, "500 Internal Server Error\n")
        XCTAssertEqual(try Curl.run(["--fail", server.url("/500")]).exitCode, 22)
        let teapot = try Curl.run([server.url("/teapot")])
        XCTAssertEqual(teapot.status, 418)
        XCTAssertEqual(teapot.text, "short and stout")
        XCTAssertEqual(try Curl.run([server.url("/missing")]).status, 404)
    }

    func testSequenceStepsThroughRepliesAndRepeatsTheLast() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/flaky": .sequence([.status(503), .status(503), .text("ok")]),
            "/other": .sequence([.status(502), .text("fine")]),
        ])
        let statuses = try (0..<4).map { _ in try Curl.run([server.url("/flaky")]).status }
        XCTAssertEqual(statuses, [503, 503, 200, 200])
        XCTAssertEqual(try Curl.run([server.url("/other")]).status, 502, "each target has its own sequence")
        server.resetSequences()
        XCTAssertEqual(try Curl.run([server.url("/flaky")]).status, 503)
    }

    func testCurlRetriesThroughASequence() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/flaky": .sequence([.status(503), .reset, .text("third time")]),
        ])
        let result = try Curl.run(["--retry", "3", "--retry-delay", "0", "--retry-all-errors", server.url("/flaky")])
        XCTAssertEqual(result.text, "third time")
        XCTAssertEqual(server.requestCount(path: "/flaky"), 3)
    }

    func testTooManyRequestsSaysWhenToRetry() throws {
        let server = try LoopbackHTTPServer(routes: ["/busy": .tooManyRequests(retryAfter: 7)])
        let result = try Curl.run([server.url("/busy")])
        XCTAssertEqual(result.status, 429)
        XCTAssertEqual(result.header("Retry-After"), "7")
    }

    func testTruncatedBodyEndsEarly() throws {
        let body = Data(repeating: UInt8(ascii: "a"), count: 1000)
        let server = try LoopbackHTTPServer(routes: ["/cut": .truncated(body: body, sending: 100)])
        let result = try Curl.run([server.url("/cut")])
        XCTAssertEqual(result.exitCode, 18, result.stderr)
        XCTAssertEqual(result.header("Content-Length"), "1000")
        XCTAssertEqual(result.body.count, 100)
    }

    func testGarbageIsAWellFormed200WithJunkBody() throws {
        let server = try LoopbackHTTPServer(routes: ["/junk": .garbage(length: 4096)])
        let first = try Curl.run([server.url("/junk")])
        XCTAssertEqual(first.exitCode, 0)
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.body.count, 4096)
        XCTAssertNil(try? JSONSerialization.jsonObject(with: first.body), "junk must not parse as JSON")
        XCTAssertEqual(try Curl.run([server.url("/junk")]).body, first.body, "deterministic bytes")
    }

    func testRawGarbageIsNotHTTP() throws {
        let server = try LoopbackHTTPServer(routes: ["/raw": .rawGarbage(length: 512)])
        let result = try Curl.run([server.url("/raw")])
        XCTAssertEqual(result.exitCode, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("HTTP/0.9"), result.stderr)
        XCTAssertNil(result.status)
    }

    func testOversizedAnnouncesTwoGigabytesAndStreamsUntilTheClientQuits() throws {
        let server = try LoopbackHTTPServer(routes: ["/huge": .oversized()])
        let refused = try Curl.run(["--max-filesize", "1000000", server.url("/huge")])
        XCTAssertEqual(refused.exitCode, 63, "curl refuses by the announced length: \(refused.stderr)")
        XCTAssertEqual(refused.header("Content-Length"), "\(2 << 30)")

        let cut = try Curl.run(["--max-time", "1", "--limit-rate", "1M", server.url("/huge")])
        XCTAssertEqual(cut.exitCode, 28, cut.stderr)
        XCTAssertGreaterThan(cut.body.count, 100_000, "zeros keep coming")
        XCTAssertTrue(cut.body.allSatisfy { $0 == 0 })
    }

    func testRedirectIsFollowedAndALoopIsDetected() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/old": .redirect(to: "/new"),
            "/moved": .redirect(to: "/new", status: 301),
            "/new": .text("here"),
            "/ping": .redirect(to: "/pong"),
            "/pong": .redirect(to: "/ping"),
        ])
        let unfollowed = try Curl.run([server.url("/old")])
        XCTAssertEqual(unfollowed.status, 302)
        XCTAssertEqual(unfollowed.header("Location"), "/new")
        let followed = try Curl.run(["-L", server.url("/moved")])
        XCTAssertEqual(followed.status, 200)
        XCTAssertEqual(followed.text, "here")
        let loop = try Curl.run(["-L", "--max-redirs", "5", server.url("/ping")])
        XCTAssertEqual(loop.exitCode, 47, loop.stderr)
        XCTAssertEqual(server.requestCount(path: "/ping") + server.requestCount(path: "/pong"), 6)
    }

    func testDelayedAnswersLate() throws {
        let server = try LoopbackHTTPServer(routes: ["/slow": .delayed(seconds: 0.5, then: .text("late"))])
        let result = try Curl.run([server.url("/slow")])
        XCTAssertEqual(result.text, "late")
        XCTAssertGreaterThan(result.elapsed, 0.45)
        XCTAssertEqual(try Curl.run(["--max-time", "0.2", server.url("/slow")]).exitCode, 28)
    }

    func testEncodedBodyFollowsAcceptEncoding() throws {
        let payload = Data(String(repeating: "{\"name\": \"numpy\"}\n", count: 200).utf8)
        let server = try LoopbackHTTPServer { request in
            .encoded(payload, contentType: "application/json", for: request)
        }
        let zstd = try Curl.run(["--compressed", server.url("/repodata.json")])
        XCTAssertEqual(zstd.header("Content-Encoding"), "zstd", "curl --compressed offers zstd first here")
        XCTAssertEqual(zstd.body, payload, "curl decoded it")

        let gzip = try Curl.run(["-H", "Accept-Encoding: gzip", server.url("/repodata.json")])
        XCTAssertEqual(gzip.header("Content-Encoding"), "gzip")
        XCTAssertLessThan(gzip.body.count, payload.count)
        XCTAssertEqual(try ContentCoding.gzip.decode(gzip.body), payload)

        let plain = try Curl.run([server.url("/repodata.json")])
        XCTAssertNil(plain.header("Content-Encoding"))
        XCTAssertEqual(plain.body, payload)

        let refused = try Curl.run(["-H", "Accept-Encoding: zstd;q=0, gzip", server.url("/x")])
        XCTAssertEqual(refused.header("Content-Encoding"), "gzip")
    }

    func testCompressionHelpersRoundTrip() throws {
        let payload = Data((0..<10_000).map { UInt8($0 % 7) })
        for coding in ContentCoding.allCases {
            let encoded = try coding.encode(payload)
            XCTAssertLessThan(encoded.count, payload.count, "\(coding)")
            XCTAssertEqual(try coding.decode(encoded), payload, "\(coding)")
        }
        XCTAssertEqual(Array(try ContentCoding.gzip.encode(payload).prefix(2)), [0x1F, 0x8B])
        XCTAssertEqual(Array(try ContentCoding.zstd.encode(payload).prefix(4)), [0x28, 0xB5, 0x2F, 0xFD])
    }
}

/// Carries a result out of a background closure; the expectation orders the accesses.
private final class Outcome: @unchecked Sendable {
    var result: Curl.Result?
}
