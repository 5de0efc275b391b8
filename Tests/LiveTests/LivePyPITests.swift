import Foundation
import TestSupport
import XCTest

/// Facts about old PyPI releases that cannot change (files of a release are immutable), checked
/// against the live index through the real binary. Set PREFLIGHT_SKIP_LIVE=1 to skip offline.
final class LivePyPITests: XCTestCase {
    static let cache = CLIRunner.temporaryDirectory()

    override func setUpWithError() throws {
        if ProcessInfo.processInfo.environment["PREFLIGHT_SKIP_LIVE"] == "1" {
            throw XCTSkip("PREFLIGHT_SKIP_LIVE=1")
        }
    }

    func exists(_ arguments: [String]) throws -> CLIResult {
        try CLIRunner.run(["exists", "--cache-dir", Self.cache.path, "--format", "json"] + arguments, timeout: 120)
    }

    func testNumpy1244HasCp38ManylinuxWheels() throws {
        let result = try exists(["--python", "3.8", "--platform", "linux-64", "numpy==1.24.4"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = result.json()
        XCTAssertEqual(json["status"] as? String, "available")
        XCTAssertEqual((json["best"] as? [String: Any])?["filename"] as? String,
                       "numpy-1.24.4-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
    }

    func testNumpy200RequiresPython39() throws {
        let result = try exists(["--python", "3.8", "--platform", "linux-64", "numpy==2.0.0"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.json()["status"] as? String, "requires-python")
    }

    func testFusepy301IsSdistOnly() throws {
        let result = try exists(["--python", "3.8", "--platform", "linux-64", "fusepy==3.0.1"])
        XCTAssertEqual(result.json()["status"] as? String, "sdist-only", result.stdout + result.stderr)
        let allowed = try exists(["--python", "3.8", "--allow-sdist", "fusepy==3.0.1"])
        XCTAssertEqual(allowed.json()["status"] as? String, "available")
        XCTAssertEqual((allowed.json()["best"] as? [String: Any])?["filename"] as? String, "fusepy-3.0.1.tar.gz")
    }

    func testYankedRequests2320() throws {
        // requests 2.32.0 and 2.32.1 were yanked in May 2024.
        let range = try exists(["--python", "3.8", "requests>=2.32.0,<2.32.2"])
        XCTAssertEqual(range.json()["status"] as? String, "yanked", range.stdout)
        let pinned = try exists(["--python", "3.8", "requests==2.32.0"])
        XCTAssertEqual(pinned.json()["status"] as? String, "available", pinned.stdout)
    }

    func testSixIsPurePython() throws {
        let result = try exists(["--python", "3.8", "--platform", "win-32", "six==1.16.0"])
        XCTAssertEqual((result.json()["best"] as? [String: Any])?["filename"] as? String, "six-1.16.0-py2.py3-none-any.whl")
    }
}
