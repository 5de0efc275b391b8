import XCTest
@testable import Specs

final class CondaEnvironmentTests: XCTestCase {
    func testVariablesExpandInChannelsAndPipLinesOnly() throws {
        let spec = try Fixtures.read("conda/env-vars.yml", environment: [
            "CHANNEL_FROM_ENV": "conda-forge", "CHANNEL_SHORT": "bioconda", "PIP_TOKEN": "tok",
            "REQ_VERSION": "2.31.0", "NOT_EXPANDED": "1.0", "DOLLAR_FORM_IS_LITERAL": "x",
        ])
        XCTAssertEqual(spec.name, "vars")
        XCTAssertEqual(spec.channels, ["conda-forge", "bioconda", "https://${UNSET_CHANNEL_HOST}/conda", "nodefaults"])
        XCTAssertEqual(spec.channelsPosition?.short, "conda/env-vars.yml:2:1")
        XCTAssertEqual(spec.condaRequirements.map(\.summary), [
            "conda/env-vars.yml:8:5 python=3.10.4",
            "conda/env-vars.yml:9:5 numpy ${NOT_EXPANDED}",
            "conda/env-vars.yml:10:5 pip",
        ])
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "conda/env-vars.yml:13:7 requests==2.31.0",
            "conda/env-vars.yml:14:7 $DOLLAR_FORM_IS_LITERAL",
        ])
        XCTAssertEqual(spec.pipRequirements.map(\.section), ["pip", "pip"])
        XCTAssertEqual(spec.condaRequirements.map(\.section), ["dependencies", "dependencies", "dependencies"])
        XCTAssertEqual(spec.indexOptions.extraIndexURLs, ["https://tok@private.example.org/simple"])
        XCTAssertEqual(spec.pipSectionPosition?.short, "conda/env-vars.yml:11:5")
        XCTAssertEqual(spec.pythonPin?.text, "python=3.10.4")
        XCTAssertEqual(spec.pythonPin?.version, "3.10.4")
        XCTAssertEqual(spec.pythonPin?.position.short, "conda/env-vars.yml:8:5")
        XCTAssertEqual(spec.problems.map(\.position.short), ["conda/env-vars.yml:5:13"])
    }

    func testPipIncludesEditablesHashesAndCondaReferences() throws {
        let spec = try Fixtures.read("conda/pip-include.yml")
        XCTAssertEqual(spec.channels, ["conda-forge"])
        XCTAssertEqual(spec.condaRequirements.map(\.summary), [
            "conda/pip-include.yml:4:6 python>=3.9,<3.12",
            "conda/pip-include.yml:5:5 conda-forge::numpy 1.26.* py311*",
            "conda/pip-include.yml:6:5 https://conda.anaconda.org/conda-forge/noarch/six-1.16.0-pyh6c4a22f_0.tar.bz2",
            "conda/pip-include.yml:7:5 ./local-pkg-1.0-0.conda",
        ])
        XCTAssertEqual(spec.condaRequirements.map(\.reference), [
            nil, nil,
            .url("https://conda.anaconda.org/conda-forge/noarch/six-1.16.0-pyh6c4a22f_0.tar.bz2"),
            .localPath("./local-pkg-1.0-0.conda"),
        ])
        XCTAssertEqual(spec.pythonPin?.text, "python>=3.9,<3.12")
        XCTAssertNil(spec.pythonPin?.version)
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "conda/requirements-extra.txt:1:1 extra-one==1.0",
            "conda/extra-constraints.txt:1:1 extra-one<2 [constraint]",
            "conda/pip-include.yml:10:10 ./editable-pkg [editable]",
            "conda/pip-include.yml:11:8 torch==2.1.0 sha256:abc",
            "conda/pip-include.yml:12:8 quoted[extra] >= 1.0",
        ])
        XCTAssertEqual(spec.includedFiles.map(Fixtures.relative), ["conda/requirements-extra.txt", "conda/extra-constraints.txt"])
        XCTAssertEqual(spec.problems.count, 0)
    }

    func testDuplicateKeysAreAProblemAndTheLastValueIsUsed() throws {
        let spec = try Fixtures.read("conda/duplicate-keys.yml")
        XCTAssertEqual(spec.condaRequirements.map(\.summary), ["conda/duplicate-keys.yml:5:5 second"])
        XCTAssertEqual(spec.problems.map(\.position.short), ["conda/duplicate-keys.yml:2:1"])
        XCTAssertTrue(spec.problems[0].message.contains("duplicate key 'dependencies'"))
    }

    func testYAMLSyntaxErrorsAreProblemsAtTheReportedPlace() throws {
        let tabs = try Fixtures.read("conda/tabs.yml")
        XCTAssertEqual(tabs.kind, .condaEnvironment)
        XCTAssertEqual(tabs.problems.map(\.position.short), ["conda/tabs.yml:3:1"])
        XCTAssertTrue(tabs.problems[0].message.hasPrefix("YAML syntax error: found character that cannot start any token"))
        let malformed = try Fixtures.read("conda/malformed.yml")
        XCTAssertEqual(malformed.kind, .condaEnvironment)
        XCTAssertEqual(malformed.problems.map(\.position.short), ["conda/malformed.yml:5:1"])
        XCTAssertTrue(malformed.problems[0].message.contains("while scanning a quoted scalar at line 4, column 5"))
        XCTAssertTrue(malformed.condaRequirements.isEmpty)
    }

    func testWrongShapesAreProblems() throws {
        let spec = try Fixtures.read("conda/not-a-list.yml")
        XCTAssertEqual(spec.problems.map(\.summary), [
            "conda/not-a-list.yml:2:11 channels must be a list, not a single value",
            "conda/not-a-list.yml:3:15 dependencies must be a list, not a single value",
        ])
        let odd = try Fixtures.read("conda/odd-items.yml")
        XCTAssertEqual(odd.condaRequirements.map(\.summary), ["conda/odd-items.yml:2:5 numpy"])
        XCTAssertEqual(odd.pipRequirements.map(\.summary), ["conda/odd-items.yml:9:9 second-pip-section"])
        XCTAssertEqual(odd.problems.map(\.summary), [
            "conda/odd-items.yml:3:4 empty dependency",
            "conda/odd-items.yml:4:5 a dependency must be a package spec or a pip: list, not a list",
            "conda/odd-items.yml:6:5 unknown installer 'npm' in dependencies: conda knows conda packages and a pip: list",
            "conda/odd-items.yml:10:9 a pip requirement must be a single line of text, not a mapping",
        ])
        XCTAssertEqual(odd.notes.map(\.summary), ["conda/odd-items.yml:5:5 replaced"])
        XCTAssertEqual(odd.pipSectionPosition?.short, "conda/odd-items.yml:8:5")
    }

    func testPipItemsFormOneRequirementsFileSoABackslashJoinsItems() throws {
        // conda writes the pip: items to a requirements file, one per line; pip then joins a
        // line ending in a backslash with the next.
        let spec = try Fixtures.read("conda/continued-pip-items.yml")
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "conda/continued-pip-items.yml:4:7 first-item sha256:feed",
            "conda/continued-pip-items.yml:6:7 plain",
        ])
    }

    func testByteOrderMarkAndCRLF() throws {
        let spec = try Fixtures.read("conda/bom-crlf.yml")
        XCTAssertEqual(spec.name, "bom")
        XCTAssertEqual(spec.condaRequirements.map(\.summary), ["conda/bom-crlf.yml:3:5 python=3.9"])
        XCTAssertEqual(spec.pipRequirements.map(\.summary), ["conda/bom-crlf.yml:5:7 crlf-pip==1.0"])
    }

    func testColumnsCountUnicodeScalarsAndQuotedScalarsStartInsideTheQuotes() throws {
        let contents = "dependencies: [\"é-pkg\", 'ü', numpy]\n# ✓\nchannels:\n  - \"conda-forge\"\n"
        let spec = try SpecReader.read(path: "/nonexistent/environment.yml", contents: contents)
        XCTAssertEqual(spec.condaRequirements.map { "\($0.position.line):\($0.position.column) \($0.text)" },
                       ["1:17 é-pkg", "1:26 ü", "1:30 numpy"])
        XCTAssertEqual(spec.channels, ["conda-forge"])
    }

    func testPythonPinVersions() {
        XCTAssertEqual(CondaPythonPin.pinnedVersion("python=3.8"), "3.8")
        XCTAssertEqual(CondaPythonPin.pinnedVersion("python==3.8.5"), "3.8.5")
        XCTAssertEqual(CondaPythonPin.pinnedVersion("python 3.10.*"), "3.10")
        XCTAssertEqual(CondaPythonPin.pinnedVersion("conda-forge::python=3.11.4=h1234_0_cpython"), "3.11.4")
        XCTAssertNil(CondaPythonPin.pinnedVersion("python>=3.8"))
        XCTAssertNil(CondaPythonPin.pinnedVersion("python"))
        XCTAssertNil(CondaPythonPin.pin("python-dateutil=2.8", position: SourcePosition(path: "x", line: 1, column: 1)))
        XCTAssertNotNil(CondaPythonPin.pin("Python 3.9", position: SourcePosition(path: "x", line: 1, column: 1)))
    }
}
