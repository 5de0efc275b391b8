import Foundation
import TestSupport
@testable import Transport
import XCTest

/// Credentials belong to an origin (scheme, host, port): learnt from an index URL, sent with every
/// request to that origin, to no other; netrc entries by host when the origin has none.
final class CredentialStoreTests: XCTestCase {
    let alice = CredentialStore.Credentials(user: "alice", password: "pw-alice-1")

    func testLearntCredentialsCoverTheWholeOriginAndNothingElse() {
        let store = CredentialStore(netrcPath: nil)
        store.learn(from: "https://alice:pw-alice-1@Pkgs.Example.com/org/_packaging/feed/pypi/simple/")
        for sameOrigin in ["https://pkgs.example.com/org/_packaging/feed/pypi/simple/numpy/",
                           "https://pkgs.example.com:443/files/numpy-1.0-py3-none-any.whl.metadata",
                           "https://PKGS.example.com/org/_packaging/feed/pypi/pypi/numpy/1.0/json"] {
            XCTAssertEqual(store.credentials(for: sameOrigin), alice, sameOrigin)
        }
        for otherOrigin in ["http://pkgs.example.com/files/x.whl", "https://pkgs.example.com:8443/files/x.whl",
                            "https://files.example.com/files/x.whl", "https://example.com/files/x.whl"] {
            XCTAssertNil(store.credentials(for: otherOrigin), otherOrigin)
        }
    }

    func testAURLsOwnUserinfoWins() {
        let store = CredentialStore(netrcPath: nil)
        store.learn(from: "https://alice:pw-alice-1@h.example/simple")
        XCTAssertEqual(store.credentials(for: "https://bob:pw-bob-2@h.example/simple/x/"),
                       CredentialStore.Credentials(user: "bob", password: "pw-bob-2"))
    }

    /// Two feeds on one origin with their own tokens: each feed's URLs get its own.
    func testTheIndexWhosePathHoldsTheURLWinsOnASharedOrigin() {
        let store = CredentialStore(netrcPath: nil)
        store.learn(from: "https://alice:pw-alice-1@h.example/feed-a/simple")
        store.learn(from: "https://bob:pw-bob-2@h.example/feed-b/simple")
        XCTAssertEqual(store.credentials(for: "https://h.example/feed-b/simple/numpy/")?.user, "bob")
        XCTAssertEqual(store.credentials(for: "https://h.example/feed-a/simple/numpy/")?.user, "alice")
        XCTAssertEqual(store.credentials(for: "https://h.example/feed-bb/simple/")?.user, "alice", "a path segment, not a string prefix")
        XCTAssertEqual(store.credentials(for: "https://h.example/files/x.whl")?.user, "alice", "elsewhere: the first learnt")
    }

    func testNetrcByHostWhenTheOriginHasNoCredentials() throws {
        let netrc = try write("""
        # a comment
        machine other.example login o password o-pass
        machine H.Example.COM
            login "bob smith"
            password "pw with \\"quote\\""
        macdef init
        machine not-a-machine login x password y

        default login anon password anon-pass
        """)
        let store = CredentialStore(netrcPath: netrc)
        XCTAssertEqual(store.credentials(for: "https://h.example.com:8443/simple/"),
                       CredentialStore.Credentials(user: "bob smith", password: "pw with \"quote\""))
        XCTAssertEqual(store.credentials(for: "https://not-a-machine/simple/")?.user, "anon", "macdef bodies are skipped")
        XCTAssertEqual(store.credentials(for: "https://anywhere.example/")?.password, "anon-pass", "default applies to other hosts")
        store.learn(from: "https://alice:pw-alice-1@h.example.com:8443/simple")
        XCTAssertEqual(store.credentials(for: "https://h.example.com:8443/files/x.whl"), alice, "the index's own credentials first")
        XCTAssertEqual(Redaction.scrub("echoed pw with \"quote\""), "echoed ***", "netrc passwords are scrubbed from messages")
    }

    func testNoNetrcFileMeansNoCredentials() {
        XCTAssertNil(CredentialStore(netrcPath: "/nonexistent/netrc").credentials(for: "https://h.example/"))
        XCTAssertNil(CredentialStore(netrcPath: nil).credentials(for: "https://h.example/"))
    }

    // MARK: - Through HTTPClient

    /// A page fetched with credentials, then its links without: the links on the same origin carry
    /// them, a link to another port of the same host does not, nor does a redirect there.
    func testHTTPClientSendsAnIndexsCredentialsToItsOriginOnly() async throws {
        let credentials = BasicCredentials(user: "alice", password: "pw-alice-1")
        let other = try LoopbackHTTPServer(routes: ["/files/x.whl": .text("elsewhere")])
        var options = ServerOptions()
        options.requiredCredentials = credentials
        let index = try LoopbackHTTPServer(routes: [
            "/simple/x/": .text("page"), "/files/x.whl": .data(Data(repeating: 7, count: 4096)),
            "/files/moved.whl": .redirect(to: other.url("/files/x.whl")),
        ], options: options)
        var settings = TransportSettings()
        settings.netrcPath = nil
        settings.requestTimeout = 5
        let client = HTTPClient(settings: settings, cache: nil)
        let page = index.url("/simple/x/").replacingOccurrences(of: "http://", with: "http://alice:pw-alice-1@")
        _ = try await client.fetch(HTTPRequest(url: page))
        let whole = try await client.fetch(HTTPRequest(url: index.url("/files/x.whl")))
        XCTAssertEqual(whole.status, 200)
        _ = try await client.fetch(HTTPRequest(url: index.url("/files/x.whl"), range: .suffix(100), cachePolicy: .bypass))
        let moved = try await client.fetch(HTTPRequest(url: index.url("/files/moved.whl")))
        XCTAssertEqual(String(decoding: moved.body, as: UTF8.self), "elsewhere")
        _ = try await client.fetch(HTTPRequest(url: other.url("/files/x.whl")))
        XCTAssertEqual(index.requests.filter { !credentials.accepts($0.header("Authorization")) }.map(\.target), [])
        XCTAssertEqual(index.requests.count, 4)
        XCTAssertTrue(index.requests.contains { $0.header("Range") == "bytes=-100" }, "the range read")
        XCTAssertEqual(other.requests.count, 2)
        XCTAssertEqual(other.requests.compactMap { $0.header("Authorization") }, [], "credentials left their origin")
    }

    private func write(_ text: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("netrc-\(UUID().uuidString)")
        try text.write(to: file, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: file) }
        return file.path
    }
}
