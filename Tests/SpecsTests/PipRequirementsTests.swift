import Foundation
import XCTest
@testable import Specs

final class PipRequirementsTests: XCTestCase {
    private let environment = ["TF_MINOR": "13", "INCLUDE_NAME": "env-included"]

    /// What pip's own parser made of the fixtures (see `Fixtures/pip/generate_expected.py`).
    private struct Expected: Decodable, Equatable {
        var file: String
        var line: Int
        var requirement: String
        var editable: Bool
        var constraint: Bool
        var hashes: [String]
    }

    func testAgreesWithPipOnRequirementsLinesAndOptions() throws {
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("pip/expected-pip.json"))
        let expected = try JSONDecoder().decode([String: [Expected]].self, from: data)
        XCTAssertEqual(expected.count, 3)
        for (file, entries) in expected {
            let spec = try Fixtures.read("pip/" + file, environment: environment)
            let actual = spec.pipRequirements.map { requirement in
                Expected(
                    file: String(Fixtures.relative(requirement.position.path).dropFirst("pip/".count)),
                    line: requirement.position.line, requirement: requirement.text,
                    editable: requirement.isEditable, constraint: requirement.isConstraint,
                    hashes: requirement.hashes.sorted())
            }
            XCTAssertEqual(actual, entries, file)
            XCTAssertEqual(spec.problems.map(\.summary), [], file)
        }
    }

    func testHostileFileColumnsReferencesAndIndexOptions() throws {
        let spec = try Fixtures.read("pip/hostile.txt", environment: environment)
        XCTAssertEqual(spec.kind, .pipRequirements)
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "pip/hostile.txt:2:1 numpy==1.24.4 sha256:aaaa,sha256:bbbb",
            "pip/hostile.txt:5:1 requests[socks]  >=2.31 ; python_version >= \"3.8\"",
            "pip/hostile.txt:6:1 pandas>=1.0",
            "pip/hostile.txt:8:1 foo @ https://example.com/foo-1.0-py3-none-any.whl#sha256=abc",
            "pip/hostile.txt:9:1 git+https://github.com/org/repo.git@v1.0#egg=repo",
            "pip/hostile.txt:10:4 git+https://github.com/org/editable.git#egg=editable [editable]",
            "pip/hostile.txt:11:4 ./local/pkg [editable]",
            "pip/hostile.txt:12:1 ./wheels/bar-1.0-py3-none-any.whl",
            "pip/hostile.txt:13:1 .",
            "pip/hostile.txt:14:1 tensorflow==2.13.0",
            "pip/hostile.txt:23:1 six==1.16.0 sha256:cccc,sha384:dddd",
            "pip/hostile.txt:24:1 chardet",
            "pip/hostile.txt:25:1 url-fragment#egg==1.0",
            "pip/hostile.txt:26:2 indented-with-tab==1.0",
            "pip/hostile.txt:28:1 after-comment-continuation==1.0",
            "pip/hostile.txt:30:1 last-line-continues",
        ])
        XCTAssertEqual(spec.pipRequirements.map(\.reference), [
            nil, nil, nil,
            .url("https://example.com/foo-1.0-py3-none-any.whl#sha256=abc"),
            .vcs("git+https://github.com/org/repo.git@v1.0#egg=repo"),
            .vcs("git+https://github.com/org/editable.git#egg=editable"),
            .localPath("./local/pkg"),
            .localPath("./wheels/bar-1.0-py3-none-any.whl"),
            .localPath("."),
            nil, nil, nil, nil, nil, nil, nil,
        ])
        XCTAssertEqual(spec.indexOptions, IndexOptions(
            indexURL: "https://example.org/simple",
            extraIndexURLs: ["https://extra.example.org/simple", "https://abbreviated.example.org/simple"],
            findLinks: ["./links"], pre: true, onlyBinary: [":all:"], noBinary: ["foo", "bar"], noIndex: false,
            trustedHosts: ["example.org"], preferBinary: true, requireHashes: true))
        XCTAssertEqual(spec.problems.count, 0)
        XCTAssertEqual(spec.notes.count, 0)
    }

    func testBrokenOptionsAreProblemsAtTheirPositionAndTheRestIsRead() throws {
        let spec = try Fixtures.read("pip/bad.txt")
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "pip/bad.txt:2:1 ok-one==1.0",
            "pip/bad.txt:12:1 ok-two==2.0",
            "pip/bad.txt:14:1 ${UNSET_FOR_TEST}pkg==1.0",
        ])
        XCTAssertEqual(spec.problems.map(\.summary), [
            "pip/bad.txt:1:1 no such option: --frobnicate",
            "pip/bad.txt:3:18 allowed hash algorithms for --hash are sha256, sha384, sha512 (not 'md5')",
            "pip/bad.txt:4:21 arguments to --hash must be a hash name followed by a value, like --hash=sha256:abcde...",
            "pip/bad.txt:5:1 -r option requires 1 argument",
            "pip/bad.txt:6:20 cannot split the options of this line: no closing quotation",
            "pip/bad.txt:7:1 --pre option does not take a value",
            "pip/bad.txt:8:1 ambiguous option: --no (--no-binary, --no-index?)",
            "pip/bad.txt:9:28 arguments to --config-settings must be of the form KEY=VAL",
            "pip/bad.txt:10:4 requirements file '\(Fixtures.path("pip/missing-file.txt"))' does not exist",
            "pip/bad.txt:14:1 environment variable UNSET_FOR_TEST is not set; pip would use '${UNSET_FOR_TEST}' literally",
        ])
        XCTAssertEqual(spec.notes.map(\.summary), [
            "pip/bad.txt:11:15 unverifiable",
            "pip/bad.txt:12:13 ignored-option",
            "pip/bad.txt:13:8 ignored-option",
        ])
    }

    func testIncludesKeepTheirOwnFilePositionsAndConstraintFlag() throws {
        let spec = try Fixtures.read("pip/includes/main.txt", environment: environment)
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "pip/includes/sub/reqs.txt:1:1 beta==2.0",
            "pip/includes/deeper/more.txt:1:1 gamma",
            "pip/includes/constraints.txt:1:1 alpha<2 [constraint]",
            "pip/includes/nested-from-constraints.txt:1:1 delta>=1",
            "pip/includes/env-included.txt:1:1 from-env-include==3.0",
            "pip/includes/main.txt:4:1 alpha==1.0",
        ])
        XCTAssertEqual(spec.includedFiles.map(Fixtures.relative), [
            "pip/includes/sub/reqs.txt", "pip/includes/deeper/more.txt", "pip/includes/constraints.txt",
            "pip/includes/nested-from-constraints.txt", "pip/includes/env-included.txt",
        ])
    }

    func testIncludeCyclesAreProblemsNotRecursion() throws {
        let spec = try Fixtures.read("pip/cycle/a.txt")
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "pip/cycle/b.txt:2:1 from-b==1",
            "pip/cycle/self.txt:2:1 from-self==1",
            "pip/cycle/a.txt:2:1 from-a==1",
        ])
        XCTAssertEqual(spec.problems.map(\.position.short), ["pip/cycle/b.txt:1:4", "pip/cycle/self.txt:1:4"])
        XCTAssertTrue(spec.problems.allSatisfy { $0.message.contains("include cycle") })
    }

    func testCRLFLinesAndContinuations() throws {
        let spec = try Fixtures.read("pip/crlf.txt")
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "pip/crlf.txt:1:1 crlf-one==1.0",
            "pip/crlf.txt:2:1 crlf-two   >=2.0",
        ])
    }

    func testEnvironmentVariablesOnlyInBracedUpperCaseForm() throws {
        let contents = "a==${VERSION}\nb==$VERSION\nc==${version}\nd==${EMPTY}\n"
        let spec = try SpecReader.read(
            path: "/nonexistent/requirements.txt", contents: contents,
            environment: ["VERSION": "1.2", "version": "9", "EMPTY": ""])
        XCTAssertEqual(spec.pipRequirements.map(\.text), ["a==1.2", "b==$VERSION", "c==${version}", "d==${EMPTY}"])
        // pip leaves an empty variable as written, like an unset one.
        XCTAssertEqual(spec.problems.map { "\($0.position.line):\($0.position.column)" }, ["4:4"])
    }

    func testLineHelpersFollowPip() {
        func mapped(_ text: String) -> MappedString {
            MappedString(path: "t", text: text, start: TextPoint(line: 1, column: 1))
        }
        XCTAssertEqual(PipRequirementsReader.removingComment(mapped("a #b #c")).string, "a")
        XCTAssertEqual(PipRequirementsReader.removingComment(mapped("a#b")).string, "a#b")
        XCTAssertEqual(PipRequirementsReader.removingComment(mapped("#x")).string, "")
        XCTAssertEqual(PipRequirementsReader.removingComment(mapped("a\t# x")).string, "a")
        let split = PipRequirementsReader.splitArgumentsAndOptions(mapped("x ; y<'1' --hash=a -e b"))
        XCTAssertEqual(split.arguments.string, "x ; y<'1'")
        XCTAssertEqual(split.options.string, "--hash=a -e b")
        XCTAssertEqual(split.options.startPosition.column, 11)
        XCTAssertEqual(PipRequirementsReader.splitArgumentsAndOptions(mapped("-r f")).arguments.string, "")
        XCTAssertEqual(PipRequirementsReader.splitArgumentsAndOptions(mapped("x-y==1")).options.string, "")

        guard case .success(let words) = PythonShlex.split(mapped(#"--a='b c' "d\"e" f\ g ''"#)) else {
            return XCTFail("split failed")
        }
        XCTAssertEqual(words.map(\.string), ["--a=b c", "d\"e", "f g", ""])
        XCTAssertEqual(words.map(\.startPosition.column), [1, 12, 18, 23])
        guard case .failure(.noClosingQuotation(let position)) = PythonShlex.split(mapped("a 'b")) else {
            return XCTFail("expected a failure")
        }
        XCTAssertEqual(position.column, 3)
        guard case .failure(.noEscapedCharacter) = PythonShlex.split(mapped("a \\")) else {
            return XCTFail("expected a failure")
        }
    }

    func testReferenceClassification() {
        XCTAssertEqual(ReferenceClassifier.pip("pkg[x] @ git+https://h/r.git ; python_version<'3'", editable: false),
                       .vcs("git+https://h/r.git"))
        XCTAssertEqual(ReferenceClassifier.pip("pkg@file:///wheels/p.whl", editable: false), .localPath("file:///wheels/p.whl"))
        XCTAssertEqual(ReferenceClassifier.pip("https://h/p-1.0.tar.gz", editable: false), .url("https://h/p-1.0.tar.gz"))
        XCTAssertEqual(ReferenceClassifier.pip("../sibling; python_version<'3'", editable: false), .localPath("../sibling"))
        XCTAssertEqual(ReferenceClassifier.pip("dist/p-1.0-py3-none-any.whl", editable: false),
                       .localPath("dist/p-1.0-py3-none-any.whl"))
        XCTAssertNil(ReferenceClassifier.pip("numpy>=1.0; sys_platform == 'linux'", editable: false))
        XCTAssertNil(ReferenceClassifier.pip("requests[socks]==2.31", editable: false))
        XCTAssertEqual(ReferenceClassifier.pip("pkgdir", editable: true), .localPath("pkgdir"))
        XCTAssertNil(ReferenceClassifier.conda("conda-forge::numpy"))
        XCTAssertNil(ReferenceClassifier.conda("numpy >=1.20,<1.22"))
        XCTAssertEqual(ReferenceClassifier.conda("/opt/pkgs/x-1.0-0.tar.bz2"), .localPath("/opt/pkgs/x-1.0-0.tar.bz2"))
        XCTAssertEqual(ReferenceClassifier.conda("https://c/noarch/x-1-0.conda#abc"), .url("https://c/noarch/x-1-0.conda#abc"))
    }
}
