import XCTest
import PythonPackaging

/// Readable examples of the behaviour callers rely on (the vectors cover the breadth).
final class APIExamplesTests: XCTestCase {
    func testVersionBasics() throws {
        let v = try Version(" V1!2.0-RC1.POST2-dev3+Ubuntu-01 ")
        XCTAssertEqual(v.description, "1!2.0rc1.post2.dev3+ubuntu.1")
        XCTAssertEqual(v.publicVersion, "1!2.0rc1.post2.dev3")
        XCTAssertEqual(v.baseVersion, "1!2.0")
        XCTAssertEqual(v.epoch, 1)
        XCTAssertEqual(v.release, [2, 0])
        XCTAssertEqual(v.local, "ubuntu.1")
        XCTAssertTrue(v.isPrerelease && v.isPostrelease && v.isDevrelease)
        XCTAssertEqual(try Version("1.0"), try Version("1.0.0"))
        XCTAssertEqual(Set([try Version("1.0"), try Version("1.0.0"), try Version("1")]).count, 1)
        XCTAssertEqual(try Version("1.0-1").description, "1.0.post1")
        let ladder = ["1.0.dev0", "1.0a1", "1.0b1", "1.0rc1", "1.0", "1.0+local", "1.0.post1", "1.0.1"]
        let versions = try ladder.map { try Version($0) }
        XCTAssertEqual(versions.shuffled().sorted(), versions)
        XCTAssertNil(Version.parse("1.0.dev1.post1"))
        XCTAssertThrowsError(try Version("foo")) { error in
            XCTAssertEqual("\(error)", "Invalid version: 'foo'")
        }
        XCTAssertThrowsError(try Version("99999999999999999999")) { error in
            XCTAssertEqual((error as? VersionError)?.reason, .numberTooLarge)
        }
    }

    func testSpecifierFilterFollowsPackaging26() throws {
        let versions = try ["1.0", "1.5a1", "2.0rc1", "2.0", "2.1a1"].map { try Version($0) }
        // Finals only, when a final release matches.
        XCTAssertEqual(try SpecifierSet(">=1.0").filter(versions).map(\.description), ["1.0", "2.0"])
        // Pre-releases when the set names one.
        XCTAssertEqual(try SpecifierSet(">=2.0rc1").filter(versions).map(\.description), ["2.0rc1", "2.0", "2.1a1"])
        // Pre-releases when nothing else matches.
        XCTAssertEqual(try SpecifierSet(">2.0").filter(versions).map(\.description), ["2.1a1"])
        XCTAssertEqual(try SpecifierSet(">=1.0").filter(versions, prereleases: true).count, 5)
        // A single version: an in-range pre-release matches.
        XCTAssertTrue(try SpecifierSet(">=1.0").contains(Version("2.1a1")))
        XCTAssertFalse(try SpecifierSet(">=1.0").contains(Version("2.1a1"), prereleases: false))
        XCTAssertEqual(try SpecifierSet(" >=1.0 , <2 ,!=1.5.* ").description, "!=1.5.*,<2,>=1.0")
        XCTAssertTrue(try SpecifierSet("").contains(Version("0.1")))
        XCTAssertTrue(try SpecifierSet("===foo").contains("FOO"))
        XCTAssertFalse(try SpecifierSet("<1.0").contains(Version("1.0rc1")))
        XCTAssertFalse(try SpecifierSet(">1.0").contains(Version("1.0.post1")))
        XCTAssertTrue(try SpecifierSet("==1.0").contains(Version("1.0+local")))
        XCTAssertFalse(try SpecifierSet("==1.0+other").contains(Version("1.0+local")))
        XCTAssertThrowsError(try SpecifierSet(">=1.0.*"))
    }

    func testRequirementParsing() throws {
        let r = try Requirement("Requests[Security,socks] (>=2.8.1, ==2.8.*) ; python_version < '2.7'")
        XCTAssertEqual(r.name, "Requests")
        XCTAssertEqual(r.normalizedName, "requests")
        XCTAssertEqual(r.extras, ["security", "socks"])
        XCTAssertEqual(r.specifier.description, "==2.8.*,>=2.8.1")
        XCTAssertEqual(r.marker?.description, "python_version < \"2.7\"")
        XCTAssertEqual(r.description, "Requests[Security,socks]==2.8.*,>=2.8.1; python_version < \"2.7\"")
        let direct = try Requirement("pip @ https://example.org/pip.whl ; os_name == 'nt'")
        XCTAssertEqual(direct.url, "https://example.org/pip.whl")
        XCTAssertThrowsError(try Requirement("name>=1.0 <2")) { error in
            let e = error as! RequirementError
            XCTAssertEqual(e.message, "Expected comma (within version specifier), semicolon (after version specifier) or end")
            XCTAssertEqual(e.offset, 4)
        }
    }

    func testMarkersOnTargets() throws {
        let linux38 = MarkerEnvironment.forTarget(pythonVersion: "3.8", platform: .linux(arch: .x86_64, glibc: (2, 17)))
        XCTAssertEqual(linux38.pythonFullVersion, "3.8.0")
        XCTAssertEqual(linux38.sysPlatform, "linux")
        let windows = MarkerEnvironment.forTarget(pythonVersion: "3.11.4", platform: .windows(arch: .x86_64))
        XCTAssertEqual(windows.platformMachine, "AMD64")
        XCTAssertEqual(windows.osName, "nt")
        let marker = try Marker("python_version < '3.10' and (sys_platform == 'linux' or extra == 'Win_Only')")
        XCTAssertTrue(marker.evaluate(environment: linux38))
        XCTAssertFalse(marker.evaluate(environment: windows, extras: ["win-only"]))
        XCTAssertTrue(try Marker("extra == 'win_only'").evaluate(environment: windows, extras: ["Win.Only"]))
        XCTAssertFalse(try Marker("platform_release >= '5'").evaluate(environment: linux38))
        XCTAssertThrowsError(try Marker("os_name ~= 'posix'").evaluateStrictly(environment: linux38))
    }

    func testTagsAndFilenames() throws {
        let tags = supportedTags(python: (3, 11), platform: .linux(arch: .x86_64, glibc: (2, 28)))
        XCTAssertEqual(tags.first?.description, "cp311-cp311-linux_x86_64")
        XCTAssertEqual(tags.last?.description, "py30-none-any")
        let mac = platformTags(for: .macos(arch: .arm64, version: (11, 0)))
        XCTAssertEqual(mac.prefix(2), ["macosx_11_0_arm64", "macosx_11_0_universal2"])
        XCTAssertEqual(platformTags(for: .linux(arch: .x86_64, musl: (1, 2))).last, "musllinux_1_0_x86_64")
        XCTAssertEqual(platformTags(for: .windows(arch: .x86)), ["win32"])

        let wheel = try WheelFilename("foo_bar-1.0-1abc-cp38.cp39-abi3-manylinux1_x86_64.manylinux2014_x86_64.whl")
        XCTAssertEqual(wheel.name, "foo-bar")
        XCTAssertEqual(wheel.build?.number, 1)
        XCTAssertEqual(wheel.build?.suffix, "abc")
        XCTAssertEqual(wheel.tags.count, 4)
        let set = SupportedTagSet(python: (3, 11), platform: .linux(glibc: (2, 17)))
        XCTAssertNotNil(wheel.bestPriority(in: set))
        XCTAssertNil(wheel.bestPriority(in: SupportedTagSet(python: (3, 11), platform: .windows())))

        XCTAssertEqual(SdistFilename.parse(filename: "zope.interface-5.4.0.tar.gz", projectName: "zope-interface")?.version.description, "5.4.0")
        guard case .sdist(let sdist)? = DistributionFilename.parse("foo-bar-2.0.tgz", projectName: "Foo_Bar") else {
            return XCTFail("an sdist")
        }
        XCTAssertEqual(sdist.fileExtension, ".tgz")
        XCTAssertNil(DistributionFilename.parse("foo-1.0.win32.exe", projectName: "foo"))
        XCTAssertEqual(normalizeProjectName("Foo.Bar__baz"), "foo-bar-baz")
        XCTAssertTrue(isValidProjectName("Foo.Bar_baz-1"))
        XCTAssertFalse(isValidProjectName("-foo"))
    }
}
