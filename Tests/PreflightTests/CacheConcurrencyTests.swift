import Foundation
import TestSupport
import XCTest

/// Several real processes sharing one cache directory, and one killed in the middle of its work.
final class CacheConcurrencyTests: XCTestCase {
    func testTwoProcessesTwoHundredQueriesEachNeverReadACorruptEntry() throws {
        let server = try FakeIndex.start()
        defer { server.stop() }
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // lifetime 0: every query revalidates or refetches and rewrites entries while the other process reads them.
        let config = dir.appendingPathComponent("c.yaml")
        try "cache:\n  lifetime: 0\n".write(to: config, atomically: true, encoding: .utf8)
        let script = """
        for i in $(seq 1 200); do
          case $((i % 4)) in
            0) q="demo==2.0";; 1) q="demo==3.0";; 2) q="sdist-only";; 3) q="demo>=1.0";;
          esac
          out=$("$BIN" exists --index-url "$INDEX" --cache-dir "$CACHE" --config "$CONFIG" --python 3.10 --format json "$q" 2>&1)
          code=$?
          case "$q:$code" in
            demo==2.0:1|demo==3.0:0|sdist-only:1|demo\\>=1.0:0) ;;
            *) echo "BAD $q exit $code: $out"; exit 1;;
          esac
        done
        echo done
        """
        let environment = ["BIN": CLIRunner.executable.path, "INDEX": server.url("/simple"), "CACHE": dir.appendingPathComponent("cache").path,
                           "CONFIG": config.path]
        func start() throws -> (Process, Pipe) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", script]
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = pipe
            try p.run()
            return (p, pipe)
        }
        let (a, pa) = try start()
        let (b, pb) = try start()
        let outA = String(decoding: pa.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let outB = String(decoding: pb.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        a.waitUntilExit(); b.waitUntilExit()
        XCTAssertEqual(a.terminationStatus, 0, outA)
        XCTAssertEqual(b.terminationStatus, 0, outB)
    }

    func testAProcessKilledMidFetchLeavesNothingThatBlocksOrMisleads() throws {
        let slowThenFast = Reply.sequence([
            .delayed(seconds: 20, then: .json(FakeIndex.json(project: "demo", files: FakeIndex.projects["demo"]!), contentType: "application/vnd.pypi.simple.v1+json")),
            .json(FakeIndex.json(project: "demo", files: FakeIndex.projects["demo"]!), contentType: "application/vnd.pypi.simple.v1+json"),
        ])
        let server = try LoopbackHTTPServer(routes: ["/simple/demo/": slowThenFast])
        defer { server.stop() }
        let dir = CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        let victim = Process()
        victim.executableURL = CLIRunner.executable
        victim.arguments = ["exists", "--index-url", server.url("/simple"), "--cache-dir", cache, "--python", "3.8", "demo==2.0"]
        victim.standardOutput = FileHandle.nullDevice
        victim.standardError = FileHandle.nullDevice
        try victim.run()
        XCTAssertTrue(server.waitForRequests(count: 1, timeout: 10))
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        // Debris a crashed writer could leave: a half-written temporary file.
        try FileManager.default.createDirectory(atPath: cache + "/tmp", withIntermediateDirectories: true)
        try Data("PFCACHE1\n garbage".utf8).write(to: URL(fileURLWithPath: cache + "/tmp/half-written"))
        let start = Date()
        let next = try CLIRunner.run(["exists", "--index-url", server.url("/simple"), "--cache-dir", cache, "--python", "3.8",
                                      "--format", "json", "demo==2.0"])
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(next.json()["status"] as? String, "available")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "the dead process's lock must not block")
    }
}
