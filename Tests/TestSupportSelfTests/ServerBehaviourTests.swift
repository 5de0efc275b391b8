import Foundation
import TestSupport
import XCTest

/// Connections, request recording and parsing, authentication, and the server's lifetime.
final class ServerBehaviourTests: XCTestCase {
    override func setUpWithError() throws {
        try Curl.requireAvailable()
    }

    func testBindsLoopbackOnAKernelChosenPort() throws {
        let server = try LoopbackHTTPServer(routes: [:])
        XCTAssertGreaterThan(server.port, 0)
        XCTAssertEqual(server.baseURL, "http://127.0.0.1:\(server.port)")
        let other = try LoopbackHTTPServer(routes: [:])
        XCTAssertNotEqual(other.port, server.port)
    }

    func testKeepAliveReusesOneConnection() throws {
        let server = try LoopbackHTTPServer(routes: ["/a": .text("a"), "/b": .text("b")])
        let result = try Curl.run([server.url("/a"), server.url("/b")])
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(server.connectionCount, 1)
        let requests = server.requests
        XCTAssertEqual(requests.map(\.target), ["/a", "/b"])
        XCTAssertEqual(requests.map(\.connectionID), [requests[0].connectionID, requests[0].connectionID])
        XCTAssertEqual(requests.map(\.indexOnConnection), [0, 1])
    }

    func testConnectionCloseIsHonoured() throws {
        let server = try LoopbackHTTPServer(routes: ["/a": .text("a")])
        let result = try Curl.run(["-H", "Connection: close", server.url("/a"), server.url("/a")])
        XCTAssertEqual(result.header("Connection"), "close")
        XCTAssertEqual(server.connectionCount, 2)

        let noKeepAlive = try LoopbackHTTPServer(routes: ["/a": .text("a")], options: ServerOptions(keepAlive: false))
        _ = try Curl.run([noKeepAlive.url("/a"), noKeepAlive.url("/a")])
        XCTAssertEqual(noKeepAlive.connectionCount, 2)
    }

    func testRecordsMethodTargetHeadersAndBody() throws {
        let server = try LoopbackHTTPServer { _ in .status(201) }
        let result = try Curl.run([
            "--data-binary", "name=numpy", "-H", "X-Trace: abc", "-H", "X-Trace: def",
            server.url("/upload?kind=wheel&v=1"),
        ])
        XCTAssertEqual(result.status, 201)
        let request = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.target, "/upload?kind=wheel&v=1")
        XCTAssertEqual(request.path, "/upload")
        XCTAssertEqual(request.query, "kind=wheel&v=1")
        XCTAssertEqual(request.httpVersion, "HTTP/1.1")
        XCTAssertEqual(request.body, Data("name=numpy".utf8))
        XCTAssertEqual(request.header("content-type"), "application/x-www-form-urlencoded")
        XCTAssertEqual(request.headers["USER-AGENT"]?.hasPrefix("curl/"), true)
        XCTAssertEqual(request.headers.values("x-trace"), ["abc", "def"])
        XCTAssertEqual(server.requestCount(path: "/upload"), 1)
        XCTAssertEqual(server.requestCount(path: "/upload?kind=wheel&v=1"), 1)
        XCTAssertEqual(server.requestCount(path: "/upload?kind=sdist"), 0)
        server.clearRequests()
        XCTAssertTrue(server.requests.isEmpty)
    }

    func testLargeBodyWithExpectContinue() throws {
        let upload = FileManager.default.temporaryDirectory.appendingPathComponent("upload-\(UUID().uuidString)")
        let payload = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0) })
        try payload.write(to: upload)
        defer { try? FileManager.default.removeItem(at: upload) }
        let server = try LoopbackHTTPServer { request in .text("\(request.body.count)") }
        let result = try Curl.run(["-H", "Expect: 100-continue", "--data-binary", "@\(upload.path)", server.url("/put")])
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.text, "3000000")
        XCTAssertEqual(server.requests.first?.body, payload)
        XCTAssertLessThan(result.elapsed, 5, "no waiting out curl's Expect timeout")
    }

    func testBasicAuthIsRequiredWhenConfigured() throws {
        let credentials = BasicCredentials(user: "alice", password: "s3cret:x")
        let server = try LoopbackHTTPServer(
            routes: ["/private": .text("ok")], options: ServerOptions(requiredCredentials: credentials))
        let anonymous = try Curl.run([server.url("/private")])
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(anonymous.header("WWW-Authenticate"), "Basic realm=\"loopback\"")
        XCTAssertEqual(try Curl.run(["-u", "alice:wrong", server.url("/private")]).status, 401)
        let authorized = try Curl.run(["-u", "alice:s3cret:x", server.url("/private")])
        XCTAssertEqual(authorized.status, 200)
        XCTAssertEqual(server.requests.last?.header("Authorization"), credentials.authorizationValue)
        let inURL = try Curl.run(["http://alice:s3cret%3Ax@127.0.0.1:\(server.port)/private"])
        XCTAssertEqual(inURL.status, 200, "credentials in the URL work too")
    }

    func testHandlerSeesAcceptForContentNegotiation() throws {
        let server = try LoopbackHTTPServer { request in
            if request.header("Accept")?.contains("application/vnd.pypi.simple.v1+json") == true {
                return .json("{\"meta\": {\"api-version\": \"1.1\"}}", contentType: "application/vnd.pypi.simple.v1+json")
            }
            return .text("<html></html>", contentType: "text/html")
        }
        let json = try Curl.run([
            "-H", "Accept: application/vnd.pypi.simple.v1+json, text/html;q=0.1", server.url("/simple/numpy/"),
        ])
        XCTAssertEqual(json.header("Content-Type"), "application/vnd.pypi.simple.v1+json")
        XCTAssertEqual(try Curl.run([server.url("/simple/numpy/")]).header("Content-Type"), "text/html")
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let server = try LoopbackHTTPServer { request in .text(request.path) }
        let socket = try RawSocket(port: server.port)
        defer { socket.close() }
        socket.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /three HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let text = String(decoding: socket.readToEnd(), as: UTF8.self)
        let bodies = text.components(separatedBy: "\r\n\r\n").dropFirst().map { $0.prefix(while: { $0 != "H" }) }
        XCTAssertEqual(bodies.map(String.init), ["/one", "/two", "/three"])
        XCTAssertEqual(server.connectionCount, 1)
    }

    func testMalformedRequestsGetAnErrorAndTheServerCarriesOn() throws {
        let server = try LoopbackHTTPServer(routes: ["/ok": .text("ok")], options: ServerOptions(maxHeaderBytes: 4096))
        let cases: [(String, String)] = [
            ("NOT HTTP AT ALL\r\n\r\n", "400"),
            ("GET /ok HTTP/1.1\r\nNo colon here\r\n\r\n", "400"),
            ("GET /ok HTTP/1.1\r\nContent-Length: ten\r\n\r\n", "400"),
            ("GET /ok HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "400"),
            ("GET /ok HTTP/1.1\r\nX: a\r\n folded\r\n\r\n", "400"),
            ("GET ok HTTP/1.1\r\n\r\n", "400"),
            ("GET /ok HTTP/2.0\r\n\r\n", "505"),
            ("POST /ok HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "501"),
            ("POST /ok HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n", "413"),
            ("GET /ok HTTP/1.1\r\nX: " + String(repeating: "a", count: 5000) + "\r\n\r\n", "431"),
        ]
        for (request, status) in cases {
            let socket = try RawSocket(port: server.port)
            socket.send(request)
            let reply = String(decoding: socket.readToEnd(), as: UTF8.self)
            socket.close()
            XCTAssertTrue(reply.hasPrefix("HTTP/1.1 \(status) "), "\(request.debugDescription.prefix(70)) → \(reply.prefix(60))")
            XCTAssertTrue(reply.contains("Connection: close"), reply)
        }
        XCTAssertEqual(try Curl.run([server.url("/ok")]).text, "ok")
    }

    func testTolerantOfBareLineFeedsAndLeadingBlankLines() throws {
        let server = try LoopbackHTTPServer(routes: ["/ok": .text("ok")])
        let socket = try RawSocket(port: server.port)
        defer { socket.close() }
        socket.send("\r\n\nGET /ok HTTP/1.0\nHost: x\n\n")
        let reply = String(decoding: socket.readToEnd(), as: UTF8.self)
        XCTAssertTrue(reply.hasPrefix("HTTP/1.1 200 OK\r\n"), reply)
        XCTAssertTrue(reply.hasSuffix("\r\n\r\nok"), "HTTP/1.0 without keep-alive is closed after the reply")
    }

    func testHostileBytesNeverCrashOrWedgeTheServer() throws {
        let server = try LoopbackHTTPServer(routes: ["/ok": .text("ok")])
        var generator = SeededGenerator(seed: 42)
        for round in 0..<100 {
            let socket = try RawSocket(port: server.port)
            let length = Int(generator.next() % 2000) + 1
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 0 { bytes = Array("GET /ok HTTP/1.1\r\n".utf8) + bytes + Array("\r\n\r\n".utf8) }
            socket.send(bytes)
            socket.finishSending()
            // Half the sockets are dropped mid-request without waiting for an answer.
            if round % 3 == 0 { _ = socket.readToEnd() }
            socket.close()
        }
        XCTAssertEqual(try Curl.run(["--max-time", "5", server.url("/ok")]).text, "ok")
    }

    func testStopClosesTheListener() throws {
        let server = try LoopbackHTTPServer(routes: ["/": .text("up")])
        XCTAssertEqual(try Curl.run([server.url("/")]).text, "up")
        server.stop()
        XCTAssertTrue(server.isStopped)
        XCTAssertEqual(try Curl.run([server.url("/")]).exitCode, 7, "connection refused")
        server.stop()
    }

    func testDeinitStops() throws {
        var server: LoopbackHTTPServer? = try LoopbackHTTPServer(routes: ["/": .hang])
        let url = try XCTUnwrap(server).url("/")
        server = nil
        XCTAssertEqual(try Curl.run([url]).exitCode, 7)
    }

    func testLifetimeStopsTheServerByItself() throws {
        let server = try LoopbackHTTPServer(routes: ["/": .text("up")], options: ServerOptions(lifetime: 0.3))
        XCTAssertEqual(try Curl.run([server.url("/")]).text, "up")
        Thread.sleep(forTimeInterval: 0.6)
        XCTAssertTrue(server.isStopped)
        XCTAssertEqual(try Curl.run([server.url("/")]).exitCode, 7)
    }

    func testHandlerMayStopTheServer() throws {
        let box = ServerBox()
        let server = try LoopbackHTTPServer { _ in
            box.server?.stop()
            return .text("bye")
        }
        box.server = server
        let result = try Curl.run(["--max-time", "5", server.url("/")])
        XCTAssertLessThan(result.elapsed, 3)
        XCTAssertTrue(server.isStopped)
    }

    func testManyConcurrentClients() throws {
        let server = try LoopbackHTTPServer { request in .text(request.path) }
        let urls = (0..<200).map { server.url("/item/\($0)") }
        let result = try Curl.run(["--parallel", "--parallel-max", "20"] + urls)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(server.requests.count, 200)
        XCTAssertEqual(Set(server.requests.map(\.path)).count, 200)
    }
}

/// Lets a handler reach the server it belongs to, which exists only after the handler.
private final class ServerBox: @unchecked Sendable {
    var server: LoopbackHTTPServer?
}

/// Deterministic bytes for the hostile-input test.
