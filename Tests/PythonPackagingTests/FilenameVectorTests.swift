import Foundation
import XCTest
import PythonPackaging

/// wheels.json: real and edge-case file names against packaging.utils (wheels, sdists) and pip's
/// split of an sdist name given the project.
final class FilenameVectorTests: XCTestCase {
    func testFilenamesAgreeWithPackagingAndPip() throws {
        let cases = try Vectors.cases("wheels.json")
        XCTAssertGreaterThan(cases.count, 2_000)
        var log = MismatchLog("wheels.json")
        // One parser per project, as a listing is read: its memo of tag triples must not change a verdict.
        var parsers: [String: ProjectFilenameParser] = [:]
        for c in cases {
            let filename = c.string("filename")!, project = c.string("project")!
            let label = show(filename)
            let classified = DistributionFilename.parse(filename, projectName: project)
            let parser = parsers[project] ?? ProjectFilenameParser(projectName: project)
            parsers[project] = parser
            log.expectEqual(parser.parse(filename), classified, "ProjectFilenameParser(\(project)).parse(\(label))")
            if let expected = c["wheel"] as? [String: Any] {
                let parsed: WheelFilename
                do {
                    parsed = try WheelFilename(filename)
                } catch {
                    log.expectEqual(error.message, expected.string("error") ?? "(parsed)", "WheelFilename(\(label)) error")
                    log.check(classified == nil, "DistributionFilename.parse(\(label)) should be nil")
                    continue
                }
                guard expected["error"] == nil else {
                    log.check(false, "WheelFilename(\(label)): packaging rejects it (\(expected.string("error")!))")
                    continue
                }
                log.expectEqual(parsed.name, expected.string("name")!, "WheelFilename(\(label)).name")
                log.expectEqual(parsed.version.description, expected.string("version")!, "WheelFilename(\(label)).version")
                let build = (expected["build"] as? [Any]).map { "\($0[0])|\($0[1])" }
                log.expectEqual(parsed.build.map { "\($0.number)|\($0.suffix)" }, build, "WheelFilename(\(label)).build")
                log.expectEqual(parsed.tags.map(\.description).sorted(), expected.strings("tags")!, "WheelFilename(\(label)).tags")
                log.expectEqual(Set(parsed.tags).count, parsed.tags.count, "WheelFilename(\(label)).tags has duplicates")
                let sameProject = parsed.name == normalizeProjectName(project)
                log.check((classified?.isWheel == true) == sameProject, "DistributionFilename.parse(\(label), \(project))")
            } else {
                let packagingSdist = c["sdist"] as? [String: Any]
                let ours = SdistFilename.parse(filename)
                log.expectEqual(ours?.name, packagingSdist?.string("name"), "SdistFilename.parse(\(label)).name")
                log.expectEqual(ours?.version.description, packagingSdist?.string("version"), "SdistFilename.parse(\(label)).version")

                let pip = c["pip"] as? [String: Any]
                let split = SdistFilename.parse(filename: filename, projectName: project)
                log.expectEqual(split?.versionText, pip?.string("version_text"), "SdistFilename.parse(filename: \(label), projectName: \(project)).versionText")
                log.expectEqual(split?.version.description, pip?.string("version"), "SdistFilename.parse(filename: \(label), projectName: \(project)).version")
                log.expectEqual(split?.pythonVersion, pip?.string("python"), "SdistFilename.parse(filename: \(label), projectName: \(project)).pythonVersion")
                log.expectEqual(classified.map { "\($0.version)" }, pip?.string("version"), "DistributionFilename.parse(\(label), \(project))")
            }
        }
        log.report()
    }

    func testClassificationOfOtherFormats() {
        for name in ["foo-1.0.exe", "foo-1.0.win32.exe", "foo-1.0-py2.7.egg", "foo-1.0.msi", "foo-1.0.rpm",
                     "foo-1.0.dmg", "foo-1.0.tar", "foo-1.0.tar.gz.asc", "foo-1.0-py3-none-any.whl.metadata"] {
            XCTAssertNil(DistributionFilename.parse(name, projectName: "foo"), name)
        }
        for name in ["foo-1.0.tar.gz", "foo-1.0.zip", "foo-1.0.tar.bz2", "foo-1.0.tar.xz", "foo-1.0.tgz",
                     "foo-1.0-py3-none-any.whl"] {
            XCTAssertEqual(DistributionFilename.parse(name, projectName: "foo")?.version, try Version("1.0"), name)
        }
        XCTAssertEqual(SdistFilename.parse(filename: "foo-bar-1.0.tar.gz", projectName: "foo_bar")?.version.description, "1.0")
        XCTAssertNil(SdistFilename.parse(filename: "foo-bar-1.0.tar.gz", projectName: "foo"))
        XCTAssertNil(DistributionFilename.parse("bar-1.0-py3-none-any.whl", projectName: "foo"))
    }
}
