import Checks
import CondaPackaging
import Foundation
import Registries
import Resolver
import Transport
import XCTest

/// The contract's `exists --source conda` verdicts over the real fixture channels (`file://`).
/// (Needs the `Resolver` module: RegistriesTests must depend on it.)
final class CondaAvailabilityTests: XCTestCase {
    func lookup(_ spec: String, _ channels: [String], _ targets: [Target]) async throws -> [Availability] {
        let urls = try channels.map { try CondaFixtures.channelURL($0) }
        return try await CondaLookup.availability(matchSpec: spec, channels: urls, targets: targets,
                                                  http: CondaFixtures.client(), settings: CondaChannelSettings())
    }

    func lookup(_ spec: String, _ channels: [String], _ target: Target = CondaFixtures.linux()) async throws -> Availability {
        let results = try await lookup(spec, channels, [target])
        XCTAssertEqual(results.count, 1)
        return try XCTUnwrap(results.first)
    }

    func testAvailableFillsEveryField() async throws {
        let target = CondaFixtures.linux(python: "3.9")
        let result = try await lookup("pytorch", ["pytorch"], target)
        XCTAssertEqual(result.source, .conda)
        XCTAssertEqual(result.requirement, "pytorch")
        XCTAssertEqual(result.name, "pytorch")
        XCTAssertEqual(result.target, target)
        XCTAssertEqual(result.status, .available)
        XCTAssertTrue(result.available)
        let reference = try CondaFixtures.referenceRecords("pytorch", "linux-64").filter { $0.name == "pytorch" }
        let allVersions = Set(reference.map(\.version))
        XCTAssertEqual(Set(result.matchingVersions), allVersions)
        XCTAssertEqual(result.matchingVersions.count, allVersions.count, "each version once")
        XCTAssertEqual(result.matchingVersions.first, "1.5.1")
        XCTAssertEqual(result.matchingVersions.last, "2.1.0")
        let parsed = try result.matchingVersions.map { try CondaVersion($0) }
        XCTAssertEqual(parsed, parsed.sorted())
        let py39 = reference.filter { $0.depends.contains("python >=3.9,<3.10.0a0") }
        XCTAssertEqual(Set(result.compatibleVersions), Set(py39.map(\.version)))
        XCTAssertEqual(result.compatibleVersions.first, "1.7.1")
        // Best: the newest version, then build number, then timestamp.
        let expected = py39.filter { $0.version == "2.1.0" }.max { ($0.buildNumber, $0.timestamp ?? 0) < ($1.buildNumber, $1.timestamp ?? 0) }
        let best = try XCTUnwrap(result.best)
        XCTAssertEqual(best.version, "2.1.0")
        XCTAssertEqual(best.filename, expected?.fileName)
        XCTAssertEqual(best.url, try CondaFixtures.channelURL("pytorch") + "/linux-64/" + best.filename)
        XCTAssertEqual(result.suggestions, [])
        XCTAssertFalse(result.details.isEmpty)
    }

    func testNameIsLowerCasedAndTheSpecChannelSelectsAGivenChannel() async throws {
        var result = try await lookup("pytorch::PyTorch >=2", ["with-wheels", "pytorch"])
        XCTAssertEqual(result.name, "pytorch")
        XCTAssertEqual(result.status, .available)
        XCTAssertEqual(result.matchingVersions, ["2.0.0", "2.0.1", "2.1.0"])
        XCTAssertTrue(result.best?.url.contains("/pytorch/linux-64/") ?? false)
        // The spec's channel restricts the search to that channel.
        result = try await lookup("with-wheels::pytorch", ["with-wheels", "pytorch"])
        XCTAssertEqual(result.status, .noSuchPackage)
        result = try await lookup("with-wheels::python 3.12.*", ["pytorch", "with-wheels"], CondaFixtures.linux(python: "3.12"))
        XCTAssertEqual(result.status, .available)
        XCTAssertEqual(result.matchingVersions, ["3.12.4"])
    }

    func testVersionAndBuildPartsOfTheSpec() async throws {
        var result = try await lookup("pytorch 2.0.*", ["pytorch"])
        XCTAssertEqual(result.matchingVersions, ["2.0.0", "2.0.1"])
        result = try await lookup("pytorch >=1.12,<1.13", ["pytorch"])
        XCTAssertEqual(result.matchingVersions, ["1.12.0", "1.12.1"])
        result = try await lookup("pytorch=2.1.0=*cpu*", ["pytorch"])
        XCTAssertEqual(result.matchingVersions, ["2.1.0"])
        XCTAssertTrue(result.best?.filename.contains("cpu") ?? false, "\(String(describing: result.best))")
        result = try await lookup("pytorch 2.1.0 py3.8*", ["pytorch"], CondaFixtures.linux(python: "3.9"))
        XCTAssertEqual(result.matchingVersions, ["2.1.0"])
        XCTAssertEqual(result.status, .requiresPython, "only py3.8 builds match, the target is 3.9")
    }

    func testRequiresPython() async throws {
        var result = try await lookup("pytorch 2.1.0", ["pytorch"], CondaFixtures.linux(python: "3.12"))
        XCTAssertEqual(result.status, .requiresPython)
        XCTAssertFalse(result.available)
        XCTAssertEqual(result.matchingVersions, ["2.1.0"])
        XCTAssertEqual(result.compatibleVersions, [])
        XCTAssertNil(result.best)
        XCTAssertTrue(result.details.joined().contains("python >="), "\(result.details)")
        result = try await lookup("pytorch >=2.1", ["pytorch"], CondaFixtures.linux(python: "3.7"))
        XCTAssertEqual(result.status, .requiresPython)
        XCTAssertEqual(result.suggestions.last, "pytorch==1.13.1", "the newest that does install on 3.7")
    }

    func testNoMatchingVersionSuggestsTheNearestVersionsForTheTarget() async throws {
        var result = try await lookup("pytorch >=5", ["pytorch"], CondaFixtures.linux(python: "3.9"))
        XCTAssertEqual(result.status, .noMatchingVersion)
        XCTAssertEqual(result.matchingVersions, [])
        XCTAssertEqual(result.compatibleVersions, [])
        XCTAssertNil(result.best)
        XCTAssertEqual(result.suggestions, ["pytorch==2.0.0", "pytorch==2.0.1", "pytorch==2.1.0"])
        result = try await lookup("pytorch==1.9.5", ["pytorch"], CondaFixtures.linux(python: "3.9"))
        XCTAssertEqual(result.suggestions, ["pytorch==1.9.0", "pytorch==1.9.1", "pytorch==1.10.0"])
    }

    func testUnknownNamesGetCondaSpellingsAndTypos() async throws {
        var result = try await lookup("torch", ["pytorch"])
        XCTAssertEqual(result.status, .noSuchPackage)
        XCTAssertEqual(result.matchingVersions, [])
        XCTAssertNil(result.best)
        XCTAssertEqual(result.suggestions.first, "pytorch")
        result = try await lookup("torchvison", ["pytorch"])
        XCTAssertTrue(result.suggestions.contains("torchvision"), "\(result.suggestions)")
        result = try await lookup("opencv-python", ["index"], CondaFixtures.linux(python: "2.7"))
        XCTAssertEqual(result.suggestions.first, "opencv")
        result = try await lookup("sklearn", ["index"], CondaFixtures.linux(python: "2.7"))
        XCTAssertEqual(result.suggestions.first, "scikit-learn")
        result = try await lookup("zzzz-nothing-like-it", ["pytorch"])
        XCTAssertEqual(result.suggestions, [])
        XCTAssertTrue(result.details.joined().contains("linux-64"), "\(result.details)")
    }

    func testCudaIsOnlySatisfiedWhenTheTargetHasOne() async throws {
        var result = try await lookup("cudatoolkit", ["index"], CondaFixtures.linux(python: "2.7"))
        XCTAssertEqual(result.status, .noCompatibleDistribution)
        XCTAssertEqual(result.matchingVersions, ["9.0", "10.0"])
        XCTAssertTrue(result.details.joined().contains("__cuda"), "\(result.details)")
        result = try await lookup("cudatoolkit", ["index"], CondaFixtures.linux(python: "2.7", cuda: "10.1"))
        XCTAssertEqual(result.status, .available)
        XCTAssertEqual(result.compatibleVersions, ["9.0", "10.0"])
        XCTAssertEqual(result.best?.version, "10.0")
        result = try await lookup("cudatoolkit", ["index"], CondaFixtures.linux(python: "2.7", cuda: "9.2"))
        XCTAssertEqual(result.compatibleVersions, ["9.0"])
        XCTAssertEqual(result.best?.version, "9.0")
    }

    func testGlibcAndPythonABIDependencies() async throws {
        // The cu116 builds depend on `__glibc >=2.17`; the cpu builds do not.
        var result = try await lookup("torchdistx-cc 0.2.0 *cu116*", ["pytorch"], CondaFixtures.linux(python: "3.9", glibc: "2.12"))
        XCTAssertEqual(result.status, .noCompatibleDistribution)
        XCTAssertTrue(result.details.joined().contains("__glibc"), "\(result.details)")
        result = try await lookup("torchdistx-cc 0.2.0 *cu116*", ["pytorch"], CondaFixtures.linux(python: "3.9", glibc: "2.17"))
        XCTAssertEqual(result.status, .available)
        // `python_abi 3.7.* *_cp37m`: CPython 3.7 has the `m` ABI flag.
        result = try await lookup("torchdistx-cc 0.2.0", ["pytorch"], CondaFixtures.linux(python: "3.7"))
        XCTAssertEqual(result.status, .available)
        XCTAssertTrue(result.best?.filename.contains("py37") ?? false)
        result = try await lookup("torchdistx-cc 0.2.0", ["pytorch"], CondaFixtures.linux(python: "3.11"))
        XCTAssertEqual(result.status, .requiresPython)
        // Failing on python_abi and on __glibc at once is not "requires-python".
        result = try await lookup("torchdistx-cc 0.2.0 *cu116*", ["pytorch"], CondaFixtures.linux(python: "3.11", glibc: "2.12"))
        XCTAssertEqual(result.status, .noCompatibleDistribution)
    }

    func testNoarchRecordsAndTheirPythonDependency() async throws {
        var result = try await lookup("six", ["with-wheels"], CondaFixtures.linux(python: "3.12"))
        XCTAssertEqual(result.status, .available)
        XCTAssertEqual(result.best?.filename, "six-1.9.0-py3_none_any_0.conda")
        XCTAssertTrue(result.best?.url.hasSuffix("/with-wheels/noarch/six-1.9.0-py3_none_any_0.conda") ?? false)
        result = try await lookup("python-digest", ["index4"], CondaFixtures.linux(python: "3.9"))
        XCTAssertEqual(result.status, .available)
        XCTAssertTrue(result.best?.filename.contains("py3") ?? false, "\(String(describing: result.best))")
    }

    func testOtherPlatformsAndAMissingSubdir() async throws {
        var result = try await lookup("python 3.6.*", ["index5"], Target(python: "3.6", platform: "win-64"))
        XCTAssertEqual(result.status, .available)
        XCTAssertTrue(result.best?.url.contains("/index5/win-64/") ?? false)
        result = try await lookup("zlib", ["conda_format_repo"], Target(python: "3.9", platform: "osx-64", macos: "10.15"))
        XCTAssertEqual(result.status, .available)
        XCTAssertEqual(result.best?.filename, "zlib-1.2.11-h1de35cc_3.conda")
        // conda_format_repo has no linux-aarch64: that is "no packages", not an error.
        result = try await lookup("zlib", ["conda_format_repo"], Target(python: "3.9", platform: "linux-aarch64", glibc: "2.28"))
        XCTAssertEqual(result.status, .noSuchPackage)
        XCTAssertEqual(result.warnings, [], "noarch exists: the channel is fine")
        // A channel with neither the target subdir nor noarch is most likely misspelt: a warning says so.
        let folder = try CondaFixtures.temporaryDirectory(self)
        let results = try await CondaLookup.availability(matchSpec: "zlib", channels: ["file://" + folder.appendingPathComponent("conda-forgee").path],
                                                         targets: [CondaFixtures.linux()], http: CondaFixtures.client(), settings: CondaChannelSettings())
        XCTAssertEqual(results.first?.status, .noSuchPackage)
        XCTAssertTrue(results.first?.warnings.first?.contains("conda-forgee") ?? false, "\(results)")
    }

    func testATargetMatrixAnswersPerTarget() async throws {
        let results = try await lookup("pytorch 2.1.0", ["pytorch"], [CondaFixtures.linux(python: "3.9"), CondaFixtures.linux(python: "3.12")])
        XCTAssertEqual(results.map(\.status), [.available, .requiresPython])
        XCTAssertEqual(results.map(\.target.python), ["3.9", "3.12"])
    }

    func testInvalidSpecsAreRejected() async throws {
        for spec in ["pytorch >=<1", "py*", "", "pytorch[version="] {
            do {
                _ = try await lookup(spec, ["pytorch"])
                XCTFail("accepted \(spec)")
            } catch let error as CondaLookupError {
                XCTAssertFalse(error.description.isEmpty)
            }
        }
    }

    func testUnreadableChannelIsARegistryError() async throws {
        let folder = try CondaFixtures.temporaryDirectory(self)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("bad/linux-64"), withIntermediateDirectories: true)
        try Data("<html>not repodata</html>".utf8).write(to: folder.appendingPathComponent("bad/linux-64/repodata.json"))
        do {
            _ = try await CondaLookup.availability(matchSpec: "x", channels: ["file://" + folder.appendingPathComponent("bad").path],
                                                   targets: [CondaFixtures.linux()], http: CondaFixtures.client(), settings: CondaChannelSettings())
            XCTFail("garbage accepted")
        } catch let error as RegistryError {
            XCTAssertTrue(error.source.contains("bad/linux-64"), "\(error)")
        }
    }
}
