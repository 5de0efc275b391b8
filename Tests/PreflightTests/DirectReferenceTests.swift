import Foundation
import TestSupport
import XCTest

/// URL and local-path requirements: pip decides from a wheel's file name whether it installs on
/// the target, builds a source archive, and fails on a location it cannot fetch.
final class DirectReferenceTests: XCTestCase {
    var server: LoopbackHTTPServer!
    var dir: URL!

    override func setUpWithError() throws {
        server = try RealFilesIndex.start()
        dir = CLIRunner.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        server.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    func check(_ lines: [String], _ targets: [String], extra: [String] = []) throws -> (CLIResult, [[String: Any]]) {
        try RealFilesIndex.check(lines, server: server, directory: dir, targets: targets, extra: extra)
    }

    static func python(_ finding: [String: Any]) -> String? { (finding["target"] as? [String: Any])?["python"] as? String }

    static let torchPath = "/whl/cpu/torch-1.1.0-cp36-cp36m-linux_x86_64.whl"
    static let numpyPath = "/files/numpy-1.24.4-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"

    /// A bare wheel URL for cp36 checked for py3.8, and `numpy @ …cp38…whl` checked for py3.11:
    /// "is not a supported wheel on this platform", per target, from the file name alone.
    func testWheelURLForAnotherPythonIsNotASupportedWheel() throws {
        let (result, findings) = try check([server.url(Self.torchPath), "numpy @ " + server.url(Self.numpyPath)],
                                           ["--python", "3.8", "--python", "3.11", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let incompatible = findings.filter { $0["code"] as? String == "no-compatible-distribution" }
        let torch = incompatible.filter { $0["line"] as? Int == 1 }
        XCTAssertEqual(Set(torch.compactMap(Self.python)), ["3.8", "3.11"], RealFilesIndex.describe(findings))
        let message = torch.first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("torch-1.1.0-cp36-cp36m-linux_x86_64.whl is not a supported wheel on this platform"), message)
        XCTAssertTrue(message.contains("cp36-cp36m-linux_x86_64"), message)
        XCTAssertTrue(message.contains("py3.8 linux-64"), message)
        XCTAssertEqual(torch.first?["package"] as? String, "torch")
        let numpy = incompatible.filter { $0["line"] as? Int == 2 }
        XCTAssertEqual(numpy.compactMap(Self.python), ["3.11"], RealFilesIndex.describe(findings))
        XCTAssertEqual(numpy.first?["package"] as? String, "numpy")
        XCTAssertFalse(findings.contains { $0["code"] as? String == "source-unreachable" }, RealFilesIndex.describe(findings))
        // Once per URL, whatever the number of targets.
        XCTAssertEqual(server.requestCount(path: Self.torchPath), 1)
    }

    /// The same wheels on the Python they are built for: nothing to report.
    func testWheelURLForTheTargetIsFine() throws {
        let (result, findings) = try check([server.url(Self.torchPath)], ["--python", "3.6", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(findings.filter { $0["severity"] as? String != "info" }.isEmpty, RealFilesIndex.describe(findings))
        let (numpyResult, numpyFindings) = try check(["numpy @ " + server.url(Self.numpyPath)], ["--python", "3.8", "--platform", "linux-64"])
        XCTAssertEqual(numpyResult.status, 0, numpyResult.stderr)
        XCTAssertTrue(numpyFindings.filter { $0["severity"] as? String != "info" }.isEmpty, RealFilesIndex.describe(numpyFindings))
    }

    /// A source archive URL is built: `sdist-only`, unless sdists are allowed. Nothing says it
    /// compiles anything (fusepy is pure Python), so it is info (issue 17.5; it was a warning).
    func testSdistURLIsSdistOnly() throws {
        let line = "fusepy @ " + server.url("/files/fusepy-3.0.1.tar.gz")
        let (result, findings) = try check([line], ["--python", "3.10"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let sdist = findings.filter { $0["code"] as? String == "sdist-only" }
        XCTAssertEqual(sdist.count, 1, RealFilesIndex.describe(findings))
        XCTAssertEqual(sdist.first?["package"] as? String, "fusepy")
        XCTAssertEqual(sdist.first?["severity"] as? String, "info")
        let (_, allowed) = try check([line], ["--python", "3.10"], extra: ["--allow-sdist"])
        XCTAssertFalse(allowed.contains { $0["code"] as? String == "sdist-only" }, RealFilesIndex.describe(allowed))
    }

    /// A URL that answers 404 and a `file://` wheel that does not exist are `source-unreachable`
    /// (exit 3 when nothing else is wrong); an existing `file://` wheel and a marker that excludes
    /// the target are not reported, and a VCS requirement is only `unverifiable-reference` (info).
    func testUnreachableLocations() throws {
        let present = dir.appendingPathComponent("wheels/present-1.0-py3-none-any.whl")
        try FileManager.default.createDirectory(at: present.deletingLastPathComponent(), withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: present.path, contents: Data("PK".utf8)))
        let absent = dir.appendingPathComponent("wheels/absent-1.0-py3-none-any.whl")
        let credentialed = server.url("/files/missing-2.0-py3-none-any.whl").replacingOccurrences(of: "http://", with: "http://user:s3cr3tpass@")
        let lines = [
            server.url("/files/missing-1.0-py3-none-any.whl"),
            "absent @ file://" + absent.path,
            "file://" + present.path,
            server.url("/files/missing-3.0-py3-none-any.whl") + " ; python_version < \"3\"",
            "git+https://example.invalid/org/repo@v1#egg=repo",
            "other @ " + credentialed,
        ]
        let (result, findings) = try check(lines, ["--python", "3.10", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 3, RealFilesIndex.describe(findings))
        let unreachable = findings.filter { $0["code"] as? String == "source-unreachable" }
        XCTAssertEqual(unreachable.compactMap { $0["line"] as? Int }.sorted(), [1, 2, 6], RealFilesIndex.describe(findings))
        XCTAssertTrue((unreachable.first { $0["line"] as? Int == 1 }?["message"] as? String ?? "").contains("404"))
        XCTAssertTrue((unreachable.first { $0["line"] as? Int == 2 }?["message"] as? String ?? "").contains(absent.path))
        XCTAssertFalse(result.stdout.contains("s3cr3tpass"), "credentials must never be printed")
        XCTAssertEqual(server.requestCount(path: "/files/missing-3.0-py3-none-any.whl"), 0)
        XCTAssertTrue(findings.allSatisfy { $0["code"] as? String == "source-unreachable" || $0["line"] as? Int == 5 },
                      RealFilesIndex.describe(findings))
        XCTAssertEqual(findings.filter { $0["line"] as? Int == 5 }.compactMap { $0["code"] as? String }, ["unverifiable-reference"])
    }

    /// Issue 17.3: a checkout and a local project directory cannot be looked up, and say so
    /// (what was not checked, and why) instead of vanishing from the report.
    func testCheckoutsAndDirectoriesAreUnverifiableReferences() throws {
        let (result, findings) = try check(["git+https://github.com/huggingface/transformers", "./local/pkg", "-e ."], ["--python", "3.8"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(findings.compactMap { $0["code"] as? String }, Array(repeating: "unverifiable-reference", count: 3), RealFilesIndex.describe(findings))
        XCTAssertTrue(findings.allSatisfy { $0["severity"] as? String == "info" })
        let checkout = findings.first { $0["line"] as? Int == 1 }?["message"] as? String ?? ""
        XCTAssertTrue(checkout.hasPrefix("git+https://github.com/huggingface/transformers is a git checkout: pip clones and builds it at install time"), checkout)
        XCTAssertTrue(checkout.contains("not checked"), checkout)
        let directory = findings.first { $0["line"] as? Int == 2 }?["message"] as? String ?? ""
        XCTAssertTrue(directory.hasPrefix("./local/pkg is a local project directory (relative to the directory pip runs in)"), directory)
        XCTAssertTrue(result.stdout.contains("\"resolution\""), "the rest still resolves")
    }

    func testADockerfileCheckoutIsAnUnverifiableReference() throws {
        let dockerfile = dir.appendingPathComponent("Dockerfile")
        try "FROM python:3.10-slim\nRUN pip install --no-cache-dir git+https://github.com/huggingface/transformers@v4.30.0#egg=transformers\n"
            .write(to: dockerfile, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--format", "json", dockerfile.path])
        let findings = (result.json()["specs"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        let checkout = try XCTUnwrap(findings.first { $0["code"] as? String == "unverifiable-reference" }, RealFilesIndex.describe(findings))
        XCTAssertEqual(checkout["package"] as? String, "transformers")
        XCTAssertEqual(checkout["line"] as? Int, 2)
    }

    /// A conda package file named by URL or path is not a MatchSpec to look up in the channels.
    func testACondaPackageFileIsAnUnverifiableReference() throws {
        let environment = dir.appendingPathComponent("environment.yml")
        try "name: t\nchannels: [\(server.url("/conda"))]\ndependencies:\n  - https://conda.anaconda.org/conda-forge/noarch/six-1.16.0-pyh6c4a22f_0.tar.bz2\n  - ./pkgs/local-1.0-0.tar.bz2\n"
            .write(to: environment, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--cache-dir", dir.appendingPathComponent("cache").path, "--format", "json", "--python", "3.10",
                                        environment.path])
        let findings = (result.json()["specs"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        XCTAssertEqual(findings.compactMap { $0["code"] as? String }, ["unverifiable-reference", "unverifiable-reference"], RealFilesIndex.describe(findings))
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    /// A Dockerfile's `pip install` path lives in the image being built: not looked up here.
    func testDockerfilePathsAreInTheImage() throws {
        let dockerfile = dir.appendingPathComponent("Dockerfile")
        try "FROM python:3.10\nCOPY dist /wheels\nRUN pip install file:///wheels/built-1.0-py3-none-any.whl\n"
            .write(to: dockerfile, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", dir.appendingPathComponent("cache").path,
                                        "--format", "json", dockerfile.path])
        let findings = (result.json()["specs"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        XCTAssertFalse(findings.contains { $0["code"] as? String == "source-unreachable" }, RealFilesIndex.describe(findings))
    }
}
