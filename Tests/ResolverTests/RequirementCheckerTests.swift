import Checks
import Registries
import Specs
import XCTest
@testable import Resolver

/// The pip and conda checkers on in-memory indexes and channels: each verdict's finding, word
/// for word, without a server.
final class PipRequirementCheckerTests: XCTestCase {
    static let py38 = Target(python: "3.8", platform: "linux-64", glibc: "2.28")

    func findings(_ requirements: String, index: InMemoryIndex, transitive: Bool = true) async throws -> [Finding] {
        let spec = try SpecReader.read(path: "requirements.txt", contents: requirements, kind: .pipRequirements, environment: [:])
        let checker = PipRequirementChecker(client: index, names: index, allowSdist: false, transitive: transitive, session: CheckSession())
        return await checker.findings(for: spec, target: Self.py38)
    }

    func testAvailableRequirementHasNoFinding() async throws {
        var index = InMemoryIndex()
        index.add("six", ["1.16.0"])
        let found = try await findings("six==1.16.0\n", index: index)
        XCTAssertEqual(found, [])
    }

    func testUnknownNameIsPackageNotFoundWithCloseNames() async throws {
        var index = InMemoryIndex()
        index.add("six", ["1.16.0"])
        let found = try await findings("request==2.0\n", index: index)
        XCTAssertEqual(found.map(\.code), [.packageNotFound])
        XCTAssertEqual(found.first?.message,
                       "no package named request on https://index.example/simple (pip: No matching distribution found for request==2.0)")
        XCTAssertEqual(found.first?.suggestions, ["requests"])
        XCTAssertEqual(found.first?.line, 1)
    }

    func testMissingVersionSuggestsTheNearest() async throws {
        var index = InMemoryIndex()
        index.add("six", ["1.15.0", "1.16.0"])
        let found = try await findings("six==1.17.0\n", index: index)
        XCTAssertEqual(found.map(\.code), [.versionNotFound])
        XCTAssertEqual(found.first?.message,
                       "six exists, but no version satisfies ==1.17.0 (pip: Could not find a version that satisfies the requirement six==1.17.0)")
        XCTAssertEqual(found.first?.suggestions, ["1.16.0"])
    }

    func testRequiresPythonSaysWhichPythonsTheFilesNeed() async throws {
        var index = InMemoryIndex()
        index.add("modern", ["2.0"], requiresPython: ">=3.10")
        let found = try await findings("modern==2.0\n", index: index)
        XCTAssertEqual(found.map(\.code), [.requiresPython])
        XCTAssertEqual(found.first?.message,
                       "no version of modern matching ==2.0 supports Python 3.8: every file of the matching versions requires Python >=3.10; the target is 3.8; 2.0 has wheels for py3 on any")
    }

    /// The typed notice, not a search of the warning's words, decides the `yanked` finding.
    func testAnExactPinToAYankedReleaseWarns() async throws {
        var index = InMemoryIndex()
        index.add("six", ["1.15.0", "1.16.0"], yanked: ["1.16.0"])
        let found = try await findings("six==1.16.0\n", index: index)
        XCTAssertEqual(found.map(\.code), [.yanked])
        XCTAssertEqual(found.first?.severity, .warning)
    }

    func testAMissingDependencyIsReportedWithItsChain() async throws {
        var index = InMemoryIndex()
        index.add("app", ["1.0"], requires: ["lib>=2"])
        index.add("lib", ["1.0"])
        let found = try await findings("app==1.0\n", index: index)
        XCTAssertEqual(found.map(\.code), [.dependencyNotFound])
        XCTAssertEqual(found.first?.message, "lib>=2 (needed by app==1.0): no version of lib satisfies >=2")
        XCTAssertEqual(found.first?.via, ["app==1.0"])
        XCTAssertEqual(found.first?.package, "lib")
        let shallow = try await findings("app==1.0\n", index: index, transitive: false)
        XCTAssertEqual(shallow, [], "without the walk only the line itself is judged")
    }

    func testAnUnreachableIndexLeavesTheVerdictUnknownAndNamesTheIndex() async throws {
        var index = InMemoryIndex()
        index.failing = ["six"]
        let found = try await findings("six==1.16.0\n", index: index)
        XCTAssertEqual(found.map(\.code), [.sourceUnreachable])
        XCTAssertEqual(found.first?.message,
                       "https://index.example/simple could not be reached: connection refused; the verdict for six is unknown")
        XCTAssertEqual(found.first?.unreachableSource, "https://index.example/simple")
    }
}

final class CondaRequirementCheckerTests: XCTestCase {
    static let py38 = Target(python: "3.8", platform: "linux-64", glibc: "2.28")

    func findings(_ dependencies: [String], channels source: InMemoryChannels) async throws -> [Finding] {
        let yaml = "name: t\nchannels:\n  - forge\ndependencies:\n" + dependencies.map { "  - \($0)\n" }.joined()
        let spec = try SpecReader.read(path: "environment.yml", contents: yaml, kind: .condaEnvironment, environment: [:])
        let settings = CondaChannelSettings(customChannels: ["forge": source.channel.url])
        let checker = CondaRequirementChecker(store: source, settings: settings, channels: ["forge"], transitive: true)
        return await checker.findings(for: spec, target: Self.py38)
    }

    func testAvailableRecordsAndTheirDependenciesHaveNoFinding() async throws {
        var source = InMemoryChannels()
        source.add("numpy", "1.24.4", depends: ["libblas >=3"])
        source.add("libblas", "3.9.0")
        let found = try await findings(["numpy=1.24"], channels: source)
        XCTAssertEqual(found, [])
    }

    func testAMissingNameIsResolvePackageNotFound() async throws {
        var source = InMemoryChannels()
        source.add("numpy", "1.24.4")
        let found = try await findings(["nunpy=1.24"], channels: source)
        XCTAssertEqual(found.map(\.code), [.packageNotFound])
        XCTAssertEqual(found.first?.message,
                       "no package named nunpy in forge (conda: ResolvePackageNotFound: nunpy=1.24)")
        XCTAssertEqual(found.first?.suggestions.first, "numpy")
    }

    func testARecordOnlyAnotherSubdirHasSaysWhere() async throws {
        var source = InMemoryChannels()
        source.add("libcxx", "14.0.6", subdir: "osx-64")
        let found = try await findings(["libcxx=14.0.6"], channels: source)
        XCTAssertEqual(found.map(\.code), [.packageNotFound])
        XCTAssertEqual(found.first?.message,
                       "no package named libcxx for linux-64 in forge: libcxx=14.0.6 exists only for osx-64 in forge (conda: ResolvePackageNotFound: libcxx=14.0.6)")
        XCTAssertEqual(found.first?.suggestions.last, CondaRequirementChecker.exportHint)
    }

    func testAMissingDependencyIsReportedWithItsChain() async throws {
        var source = InMemoryChannels()
        source.add("numpy", "1.24.4", depends: ["libblas >=4"])
        source.add("libblas", "3.9.0")
        let found = try await findings(["numpy=1.24"], channels: source)
        XCTAssertEqual(found.map(\.code), [.dependencyNotFound])
        XCTAssertEqual(found.first?.message, "libblas >=4 (needed by numpy==1.24.4): no version of libblas matches")
        XCTAssertEqual(found.first?.via.count, 1)
    }
}
