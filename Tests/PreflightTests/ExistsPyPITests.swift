import Foundation
import TestSupport
import XCTest

/// `preflight exists --source pypi` end to end: the real binary against a loopback index.
final class ExistsPyPITests: XCTestCase {
    var server: LoopbackHTTPServer!
    var cacheDir: URL!

    override func setUpWithError() throws {
        server = try FakeIndex.start()
        cacheDir = CLIRunner.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: cacheDir)
    }

    func exists(_ requirement: String, _ extra: [String] = []) throws -> CLIResult {
        try CLIRunner.run(["exists", "--index-url", server.url("/simple"), "--cache-dir", cacheDir.path,
                           "--format", "json"] + extra + [requirement])
    }

    func testJSONHasTheContractFieldsInOrder() throws {
        let result = try exists("demo==2.0", ["--python", "3.8", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let keys = ["source", "requirement", "name", "target", "available", "status", "matching_versions",
                    "compatible_versions", "best", "suggestions"]
        let positions = keys.map { result.stdout.range(of: "\"\($0)\":")?.lowerBound }
        XCTAssertFalse(positions.contains(nil), result.stdout)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), "fields out of order")
        let json = result.json()
        XCTAssertEqual(json["source"] as? String, "pypi")
        XCTAssertEqual(json["name"] as? String, "demo")
        XCTAssertEqual(json["available"] as? Bool, true)
        XCTAssertEqual(json["status"] as? String, "available")
        XCTAssertEqual(json["target"] as? [String: String], ["python": "3.8", "platform": "linux-64", "glibc": "2.28"])
        XCTAssertEqual(json["matching_versions"] as? [String], ["2.0"])
        let best = json["best"] as? [String: String]
        XCTAssertEqual(best?["filename"], "demo-2.0-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
        XCTAssertEqual(best?["url"], server.url("/files/demo-2.0-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"))
    }

    /// libcurl is loaded on the first network request: a run answered from the cache works
    /// without it, and one that needs the network says why it cannot instead of crashing.
    func testLibcurlIsLoadedOnlyForTheNetwork() throws {
        let noCurl = ["PREFLIGHT_LIBCURL": "/nonexistent/libcurl.so.4"]
        let cold = try CLIRunner.run(["exists", "--index-url", server.url("/simple"), "--cache-dir", cacheDir.path,
                                      "--python", "3.8", "demo==2.0"], environment: noCurl)
        XCTAssertEqual(cold.status, 3, cold.stdout + cold.stderr)
        XCTAssertTrue((cold.stdout + cold.stderr).contains("PREFLIGHT_LIBCURL"), cold.stdout + cold.stderr)
        XCTAssertEqual(try exists("demo==2.0", ["--python", "3.8"]).status, 0)
        let cached = try CLIRunner.run(["exists", "--index-url", server.url("/simple"), "--cache-dir", cacheDir.path,
                                        "--format", "json", "--python", "3.8", "--offline", "demo==2.0"], environment: noCurl)
        XCTAssertEqual(cached.status, 0, cached.stderr)
        XCTAssertEqual(cached.json()["status"] as? String, "available")
    }

    func testStatuses() throws {
        let cases: [(String, [String], String, Int32)] = [
            ("demo==2.0", ["--python", "3.9"], "sdist-only", 1),        // no cp39 wheel, but an sdist
            ("winonly==1.0", ["--python", "3.8"], "no-compatible-distribution", 1),
            ("winonly==1.0", ["--python", "3.8", "--platform", "windows"], "available", 0),
            ("demo==3.0", ["--python", "3.8"], "requires-python", 1),
            ("demo==3.0", ["--python", "3.10"], "available", 0),
            ("demo==1.5", ["--python", "3.8"], "available", 0),        // a pinned yanked version installs
            ("demo>=1.4,<1.6", ["--python", "3.8"], "yanked", 1),      // an unpinned one does not
            ("demo==9.0", ["--python", "3.8"], "no-matching-version", 1),
            ("sdist-only", ["--python", "3.8"], "sdist-only", 1),
            ("sdist-only", ["--python", "3.8", "--allow-sdist"], "available", 0),
            ("does-not-exist", ["--python", "3.8"], "no-such-package", 1),
            ("demo==2.0", ["--python", "3.11", "--platform", "osx-arm64"], "available", 0),
            ("demo==2.0", ["--python", "3.11", "--platform", "win-64"], "sdist-only", 1),
        ]
        for (requirement, flags, status, exit) in cases {
            let result = try exists(requirement, flags)
            XCTAssertEqual(result.json()["status"] as? String, status, "\(requirement) \(flags)")
            XCTAssertEqual(result.status, exit, "\(requirement) \(flags): \(result.stderr)")
        }
    }

    func testPreReleasesOnlyWhenAskedOrNothingElse() throws {
        let plain = try exists("demo>=2.0", ["--python", "3.10"]).json()
        XCTAssertEqual(plain["matching_versions"] as? [String], ["2.0", "3.0"])
        let pre = try exists("demo>=2.1rc1", ["--python", "3.10"]).json()
        XCTAssertEqual(pre["matching_versions"] as? [String], ["2.1rc1", "3.0"])
    }

    func testSuggestionsForTyposAndAliases() throws {
        let alias = try exists("sklearn").json()
        XCTAssertEqual(alias["status"] as? String, "no-such-package")
        XCTAssertEqual((alias["suggestions"] as? [String])?.first, "scikit-learn")
        let typo = try exists("dmeo").json()
        XCTAssertTrue((typo["suggestions"] as? [String] ?? []).contains("demo"), "\(typo)")
        let version = try exists("demo==1.9", ["--python", "3.8"]).json()
        XCTAssertFalse((version["suggestions"] as? [String] ?? []).isEmpty)
    }

    func testHTMLOnlyIndexGivesTheSameAnswers() throws {
        let html = try FakeIndex.start(htmlOnly: true)
        defer { html.stop() }
        for (requirement, python, status) in [("demo==2.0", "3.8", "available"), ("demo==3.0", "3.8", "requires-python"),
                                              ("demo>=1.4,<1.6", "3.8", "yanked")] {
            let result = try CLIRunner.run(["exists", "--index-url", html.url("/simple"), "--cache-dir", cacheDir.path,
                                            "--format", "json", "--python", python, requirement])
            XCTAssertEqual(result.json()["status"] as? String, status, "\(requirement): \(result.stdout)")
        }
    }

    func testTargetMatrixReportsEveryCombination() throws {
        let result = try exists("demo==2.0", ["--python", "3.8", "--python", "3.11", "--platform", "linux-64", "--platform", "osx-arm64"])
        let results = result.json()["results"] as? [[String: Any]] ?? []
        XCTAssertEqual(results.count, 4)
        XCTAssertEqual(results.filter { $0["available"] as? Bool == true }.count, 2)
        XCTAssertEqual(result.status, 1)
    }

    func testWarmRunDoesNotTouchTheNetworkAndOfflineWorks() throws {
        _ = try exists("demo==2.0", ["--python", "3.8"])
        let before = server.requests.count
        XCTAssertEqual(try exists("demo==2.0", ["--python", "3.8"]).status, 0)
        XCTAssertEqual(server.requests.count, before)
        server.stop()
        XCTAssertEqual(try exists("demo==2.0", ["--python", "3.8", "--offline"]).status, 0)
        let miss = try exists("sdist-only", ["--offline"])
        XCTAssertEqual(miss.status, 3)
        XCTAssertTrue(miss.stderr.contains("offline"), miss.stderr)
    }

    func testUnreachableIndexExitsThreeNamingTheHost() throws {
        let dead = try LoopbackHTTPServer(routes: ["/simple/demo/": .status(503)])
        let result = try CLIRunner.run(["exists", "--index-url", dead.url("/simple"), "--cache-dir", cacheDir.path, "demo"],
                                       environment: ["PREFLIGHT_CONFIG": writeConfig("network:\n  request_timeout: 3\n")])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("127.0.0.1"), result.stderr)
        XCTAssertTrue(result.stderr.contains("503"), result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    /// Issue 17.7: with --format json, exit 3 still prints the one contract object, `status: unknown` with the reason.
    func testUndecidedJSONIsOneObjectWithStatusUnknown() throws {
        let dead = try LoopbackHTTPServer(routes: ["/simple/demo/": .status(503)])
        defer { dead.stop() }
        let config = writeConfig("network:\n  request_timeout: 3\n")
        let result = try CLIRunner.run(["exists", "--index-url", dead.url("/simple"), "--cache-dir", cacheDir.path, "--format", "json",
                                        "--python", "3.8", "Demo==2.0"], environment: ["PREFLIGHT_CONFIG": config])
        XCTAssertEqual(result.status, 3, result.stderr)
        let json = result.json()
        XCTAssertEqual(json["status"] as? String, "unknown", result.stdout)
        XCTAssertEqual(json["available"] as? Bool, false)
        XCTAssertEqual(json["name"] as? String, "demo")
        XCTAssertEqual(json["requirement"] as? String, "Demo==2.0")
        XCTAssertEqual(json["matching_versions"] as? [String], [])
        XCTAssertTrue(json["best"] is NSNull)
        XCTAssertEqual((json["target"] as? [String: String])?["python"], "3.8")
        let reason = json["reason"] as? String ?? ""
        XCTAssertTrue(reason.contains("127.0.0.1") && reason.contains("503"), reason)

        let offline = try exists("never-fetched", ["--offline"])
        XCTAssertEqual(offline.status, 3)
        XCTAssertEqual(offline.json()["status"] as? String, "unknown", offline.stdout)
        XCTAssertTrue((offline.json()["reason"] as? String ?? "").contains("offline"), offline.stdout)

        let resetting = try LoopbackHTTPServer { _ in .reset }
        defer { resetting.stop() }
        let conda = try CLIRunner.run(["exists", "--source", "conda", "--channel", resetting.url("/channel"), "--cache-dir", cacheDir.path,
                                       "--format", "json", "--python", "3.8", "--python", "3.9", "NumPy 1.24.*"],
                                      environment: ["PREFLIGHT_CONFIG": config])
        XCTAssertEqual(conda.status, 3, conda.stderr)
        let results = conda.json()["results"] as? [[String: Any]] ?? []
        XCTAssertEqual(results.compactMap { $0["status"] as? String }, ["unknown", "unknown"], conda.stdout)
        XCTAssertEqual(results.first?["name"] as? String, "numpy")
    }

    func testGarbageAnswerExitsThree() throws {
        let junk = try LoopbackHTTPServer(routes: ["/simple/demo/": .garbage(length: 2000, contentType: "application/vnd.pypi.simple.v1+json")])
        let result = try CLIRunner.run(["exists", "--index-url", junk.url("/simple"), "--cache-dir", cacheDir.path, "demo"])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("JSON"), result.stderr)
    }

    func testCredentialsNeverAppearInOutputOrCache() throws {
        let secret = "tok-9f8e7d6c5b4a"
        let url = server.url("/simple").replacingOccurrences(of: "http://", with: "http://ci-bot:\(secret)@")
        for requirement in ["demo==2.0", "nothing-here"] {
            let result = try CLIRunner.run(["exists", "--index-url", url, "--cache-dir", cacheDir.path, requirement])
            XCTAssertFalse(result.stdout.contains(secret) || result.stderr.contains(secret))
        }
        XCTAssertNotNil(server.requests.first { $0.header("Authorization") != nil }, "credentials were not sent")
        let walker = FileManager.default.enumerator(at: cacheDir, includingPropertiesForKeys: nil)
        while let file = walker?.nextObject() as? URL {
            XCTAssertFalse(file.path.contains(secret))
            if let data = try? Data(contentsOf: file) { XCTAssertNil(data.range(of: Data(secret.utf8)), file.path) }
        }
    }

    func writeConfig(_ text: String) -> String {
        let file = cacheDir.appendingPathComponent("config-\(UUID().uuidString).yaml")
        try? text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}

/// Proxies come from the environment, as curl and pip take them.
final class ProxyTests: XCTestCase {
    func testHTTPProxyFromTheEnvironmentIsUsed() throws {
        let page = FakeIndex.json(project: "demo", files: FakeIndex.projects["demo"]!)
        let proxy = try LoopbackHTTPServer { request in
            // The server reduces an absolute-form target to its path; the Host header names the origin.
            request.path == "/simple/demo/" && request.header("Host") == "pypi.invalid"
                ? .json(page, contentType: "application/vnd.pypi.simple.v1+json") : .notFound
        }
        defer { proxy.stop() }
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLIRunner.run(["exists", "--index-url", "http://pypi.invalid/simple", "--cache-dir", dir.path,
                                        "--python", "3.8", "--format", "json", "demo==2.0"],
                                       environment: ["http_proxy": proxy.baseURL, "no_proxy": "", "NO_PROXY": ""])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.json()["status"] as? String, "available")
        XCTAssertTrue(proxy.requests.contains { $0.header("Host") == "pypi.invalid" }, "the request went through the proxy")
    }
}

/// Credentials from a netrc file are sent, and appear nowhere in output or cache.
final class NetrcTests: XCTestCase {
    func testNetrcCredentialsAreSentAndNeverWritten() throws {
        let secret = "netrc-s3cret-77"
        let page = FakeIndex.json(project: "demo", files: FakeIndex.projects["demo"]!)
        var options = ServerOptions()
        options.requiredCredentials = BasicCredentials(user: "bob", password: secret)
        let server = try LoopbackHTTPServer(options: options) { request in
            request.path == "/simple/demo/" ? .json(page, contentType: "application/vnd.pypi.simple.v1+json") : .notFound
        }
        defer { server.stop() }
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let netrc = dir.appendingPathComponent("netrc")
        try "machine 127.0.0.1 login bob password \(secret)\n".write(to: netrc, atomically: true, encoding: .utf8)
        let cache = dir.appendingPathComponent("cache")
        let ok = try CLIRunner.run(["exists", "--index-url", server.url("/simple"), "--cache-dir", cache.path, "--python", "3.8", "demo==2.0"],
                                   environment: ["NETRC": netrc.path])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let denied = try CLIRunner.run(["exists", "--index-url", server.url("/simple"), "--cache-dir", cache.path + "-2", "demo==2.0"],
                                       environment: ["NETRC": dir.appendingPathComponent("none").path])
        XCTAssertEqual(denied.status, 3, "without credentials the index answers 401: \(denied.stderr)")
        XCTAssertTrue(denied.stderr.contains("401"), denied.stderr)
        for output in [ok.stdout, ok.stderr, denied.stdout, denied.stderr] { XCTAssertFalse(output.contains(secret)) }
        let walker = FileManager.default.enumerator(at: cache, includingPropertiesForKeys: nil)
        while let file = walker?.nextObject() as? URL {
            XCTAssertFalse(file.path.contains(secret))
            if let data = try? Data(contentsOf: file) { XCTAssertNil(data.range(of: Data(secret.utf8)), file.path) }
        }
    }
}
