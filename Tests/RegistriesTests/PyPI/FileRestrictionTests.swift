import Checks
import Foundation
import PythonPackaging
import Registries
import Resolver
import Specs
import XCTest

/// `FileRestriction`: which files of a release pip may install for a requirement on a target,
/// `--hash` values applied as pip's `filter_unallowed_hashes` applies them.
final class FileRestrictionTests: XCTestCase {
    static func file(_ name: String, _ sha256: String?, yanked: Bool = false, requiresPython: String? = ">=3.6") -> DistributionFile {
        DistributionFile(filename: name, url: "https://files.example/\(name)", hashes: sha256.map { ["sha256": $0] } ?? [:],
                         requiresPython: requiresPython, yanked: yanked, indexURL: "https://pypi.org/simple")
    }

    // PyYAML 6.0.1, real names and digests.
    let sdist = file("PyYAML-6.0.1.tar.gz", "bfdf460b1736c775f2ba9f6a92bca30bc2095067b8a9d77876d1fad6cc3b4a43")
    let linux312 = file("PyYAML-6.0.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "6c22bec3fbe2524cde73d7ada88f6566758a8f7227bfbf93a408a9d86bcc12a0")
    let mac312 = file("PyYAML-6.0.1-cp312-cp312-macosx_11_0_arm64.whl", "40df9b996c2b73138957fe23a16a4f0ba614f4c0efce1e9406a184b6d07fa3a9")
    let linux311 = file("PyYAML-6.0.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "d2b04aac4d386b172d5b9692e2d2da8de7bfb6c387fa4f801fbf6fb2e6ba4673")
    var all: [DistributionFile] { [sdist, linux312, mac312, linux311] }
    let py312 = Target(python: "3.12", platform: "linux-64", glibc: "2.28")
    /// The tag sets and `requires_python` answers of one run.
    let session = CheckSession()

    func testUnrestrictedKeepsWhatInstallsBestFirst() {
        let c = FileRestriction.unrestricted.candidates(among: all, project: "pyyaml", target: py312, pinned: true, session: session)
        XCTAssertEqual(c.files.map(\.filename), [linux312.filename, sdist.filename])
        XCTAssertEqual(c.applicable.map(\.filename), c.files.map(\.filename))
        XCTAssertTrue(c.hashMatched)
        XCTAssertFalse(c.installFailsHashCheck)
        XCTAssertFalse(c.hashesForceSdist)
    }

    func testSdistHashOnlyAllowsTheSdist() {
        let r = FileRestriction(hashes: ["sha256:" + sdist.hashes["sha256"]!.uppercased()])
        XCTAssertEqual(r.match(sdist), .matches)
        XCTAssertEqual(r.match(linux312), .mismatches)
        let c = r.candidates(among: all, project: "pyyaml", target: py312, pinned: true, session: session)
        XCTAssertEqual(c.files.map(\.filename), [sdist.filename])
        XCTAssertTrue(c.hashesForceSdist)
        XCTAssertFalse(c.installFailsHashCheck)
    }

    func testAnotherPlatformsHashFailsTheCheck() {
        let r = FileRestriction(hashes: ["sha256:" + mac312.hashes["sha256"]!])
        let c = r.candidates(among: all, project: "pyyaml", target: py312, pinned: true, session: session)
        XCTAssertFalse(c.hashMatched)
        // pip keeps every applicable file and downloads the best one, which then fails.
        XCTAssertEqual(c.files.first?.filename, linux312.filename)
        XCTAssertTrue(c.installFailsHashCheck)
        XCTAssertEqual(c.matchedElsewhere.map(\.filename), [mac312.filename])
        let mac = Target(python: "3.12", platform: "osx-arm64", macos: "11.0")
        let onMac = r.candidates(among: all, project: "pyyaml", target: mac, pinned: true, session: session)
        XCTAssertEqual(onMac.files.map(\.filename), [mac312.filename])
        XCTAssertFalse(onMac.installFailsHashCheck)
    }

    func testFilesWithoutDigestsStayAndOtherAlgorithmsAreUnknown() {
        let bare = Self.file("PyYAML-6.0.1-cp312-cp312-manylinux_2_28_x86_64.whl", nil)
        let r = FileRestriction(hashes: ["sha256:" + sdist.hashes["sha256"]!])
        let c = r.candidates(among: all + [bare], project: "pyyaml", target: py312, pinned: true, session: session)
        XCTAssertEqual(Set(c.files.map(\.filename)), [sdist.filename, bare.filename])
        XCTAssertFalse(c.hashesForceSdist, "a wheel without a published digest may still match")
        let sha512 = FileRestriction(hashes: ["sha512:abcd"])
        XCTAssertEqual(sha512.match(linux312), .unknown)
        XCTAssertFalse(sha512.candidates(among: all, project: "pyyaml", target: py312, pinned: true, session: session).installFailsHashCheck,
                       "pip computes the sha512 of the download; nothing published says it fails")
    }

    func testYankedFilesOnlyForAPinThatNothingElseSatisfies() {
        let yanked = Self.file("requests-2.32.0-py3-none-any.whl", "f2c3881dddb70d056c5bd7600a4fae312b2a300e39be6a118d30b90bd27262b5", yanked: true, requiresPython: ">=3.8")
        let good = Self.file("requests-2.32.2-py3-none-any.whl", "fc06670dd0ed212426dfeb94fc1b983d917c4f9847c863f313c9dfaaffb7c23c", requiresPython: ">=3.8")
        XCTAssertEqual(FileRestriction.unrestricted.candidates(among: [yanked], project: "requests", target: py312, pinned: true, session: session).files.count, 1)
        XCTAssertEqual(FileRestriction.unrestricted.candidates(among: [yanked], project: "requests", target: py312, pinned: false, session: session).files.count, 0)
        XCTAssertEqual(FileRestriction.unrestricted.candidates(among: [yanked, good], project: "requests", target: py312, pinned: true, session: session).files.map(\.filename),
                       [good.filename])
        let old = Target(python: "3.7", platform: "linux-64", glibc: "2.28")
        XCTAssertTrue(FileRestriction.unrestricted.candidates(among: [good], project: "requests", target: old, pinned: true, session: session).applicable.isEmpty,
                      "Requires-Python >=3.8")
    }
}
