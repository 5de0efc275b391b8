import Foundation
import TestSupport
import XCTest

/// `--hash` values decide which files pip may install (pip's `filter_unallowed_hashes`): judged
/// per target on a loopback index with PyPI's real file names and digests.
final class HashRestrictionTests: XCTestCase {
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

    static let pyyamlSdist = "sha256:bfdf460b1736c775f2ba9f6a92bca30bc2095067b8a9d77876d1fad6cc3b4a43"
    static let pyyamlCp312Linux = "sha256:6c22bec3fbe2524cde73d7ada88f6566758a8f7227bfbf93a408a9d86bcc12a0"
    static let numpyMacArm64 = "sha256:d6cc757de514c00b24ae8cf5c876af2a7c3df189028d68c0cb4eaa9cd5afc2bf"
    static let numpyCp311Linux = "sha256:a1d3c026f57ceaad42f8231305d4653d5f05dc6332a730ae5c0bea3513de0950"

    /// Only the sdist's digest: pip may install nothing else, so it builds PyYAML although the
    /// cp312 manylinux wheel exists.
    func testHashOfTheSdistOnlyForcesABuildFromSource() throws {
        let (result, findings) = try RealFilesIndex.check(["pyyaml==6.0.1 --hash=\(Self.pyyamlSdist)"], server: server, directory: dir,
                                                          targets: ["--python", "3.12", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let sdist = findings.filter { $0["code"] as? String == "sdist-only" }
        XCTAssertEqual(sdist.count, 1, RealFilesIndex.describe(findings))
        let message = sdist.first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("PyYAML-6.0.1.tar.gz"), message)
        XCTAssertTrue(message.contains("PyYAML-6.0.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"), message)
        XCTAssertEqual(sdist.first?["suggestions"] as? [String], ["--hash=\(Self.pyyamlCp312Linux)"])
        XCTAssertEqual(sdist.first?["package"] as? String, "pyyaml")
    }

    /// The resolution names the file pip may install: the sdist when only its digest is listed.
    func testTheResolutionInstallsTheFileTheHashesAllow() throws {
        func filename(_ hashes: [String]) throws -> String? {
            let (result, _) = try RealFilesIndex.check(["pyyaml==6.0.1 " + hashes.map { "--hash=\($0)" }.joined(separator: " ")],
                                                     server: server, directory: dir, targets: ["--python", "3.12", "--platform", "linux-64"])
            let entry = ((result.json()["specs"] as? [[String: Any]])?.first?["resolution"] as? [[String: Any]])?.first
            return (entry?["packages"] as? [[String: Any]])?.first { $0["name"] as? String == "pyyaml" }?["filename"] as? String
        }
        XCTAssertEqual(try filename([Self.pyyamlSdist]), "PyYAML-6.0.1.tar.gz")
        XCTAssertEqual(try filename([Self.pyyamlSdist, Self.pyyamlCp312Linux]),
                       "PyYAML-6.0.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
    }

    /// With the wheel's digest listed too, pip installs the wheel: nothing to say.
    func testHashesOfSdistAndWheelAreFine() throws {
        let (result, findings) = try RealFilesIndex.check(["pyyaml==6.0.1 --hash=\(Self.pyyamlSdist) --hash=\(Self.pyyamlCp312Linux)"],
                                                          server: server, directory: dir, targets: ["--python", "3.12", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(findings.filter { $0["severity"] as? String != "info" }.isEmpty, RealFilesIndex.describe(findings))
    }

    /// Only the macOS arm64 wheel's digest, checked for py3.11 linux-64: pip downloads the
    /// manylinux wheel and stops with THESE PACKAGES DO NOT MATCH THE HASHES. On macOS arm64 it
    /// is fine.
    func testHashOfAnotherPlatformsWheelIsAMismatchOnThisTarget() throws {
        let (result, findings) = try RealFilesIndex.check(["numpy==1.24.3 --hash=\(Self.numpyMacArm64)"], server: server, directory: dir,
                                                          targets: ["--python", "3.11", "--platform", "linux-64", "--platform", "osx-arm64"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let mismatches = findings.filter { $0["code"] as? String == "hash-mismatch" }
        XCTAssertEqual(mismatches.count, 1, RealFilesIndex.describe(findings))
        let mismatch = try XCTUnwrap(mismatches.first)
        XCTAssertEqual((mismatch["target"] as? [String: Any])?["platform"] as? String, "linux-64")
        let message = mismatch["message"] as? String ?? ""
        XCTAssertTrue(message.contains("no listed hash matches a file installable on"), message)
        XCTAssertTrue(message.contains("numpy-1.24.3-cp311-cp311-macosx_11_0_arm64.whl"), message)
        XCTAssertTrue(message.contains("THESE PACKAGES DO NOT MATCH THE HASHES"), message)
        XCTAssertEqual(mismatch["suggestions"] as? [String], ["--hash=\(Self.numpyCp311Linux)"])
        XCTAssertFalse(findings.contains { ($0["target"] as? [String: Any])?["platform"] as? String == "osx-arm64" && $0["severity"] as? String != "info" },
                       RealFilesIndex.describe(findings))
    }

    /// A digest of no file at all is still reported (the existing check), for every target.
    func testHashOfNoFileIsAMismatch() throws {
        let (result, findings) = try RealFilesIndex.check(["numpy==1.24.3 --hash=sha256:\(String(repeating: "0", count: 64))"], server: server,
                                                          directory: dir, targets: ["--python", "3.11", "--platform", "linux-64"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let message = findings.first { $0["code"] as? String == "hash-mismatch" }?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("matches a file the index publishes for numpy 1.24.3"), RealFilesIndex.describe(findings))
    }
}
