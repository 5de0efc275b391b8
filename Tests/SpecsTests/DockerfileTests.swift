import XCTest
@testable import Specs

final class DockerfileTests: XCTestCase {
    func testRunLinesCopiesStagesAndVariables() throws {
        let spec = try Fixtures.read("docker/context/Dockerfile")
        XCTAssertEqual(spec.kind, .dockerfile)
        XCTAssertEqual(spec.image, "python:3.11-slim")
        XCTAssertEqual(spec.imagePosition?.short, "docker/context/Dockerfile:6:6")
        XCTAssertEqual(spec.pythonPin?.text, "python=3.11")
        XCTAssertEqual(spec.pythonPin?.source, .condaDependency)
        XCTAssertEqual(spec.channels, ["conda-forge", "nodefaults"])
        XCTAssertEqual(spec.condaRequirements.map(\.summary), [
            "docker/context/Dockerfile:19:57 python=3.11",
            "docker/context/Dockerfile:19:70 libblas=*=*mkl",
            "docker/context/env.yml:5:5 python=3.11",
        ])
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "docker/context/Dockerfile:5:32 build==1.0.3",
            "docker/context/requirements.txt:1:1 flask==3.0.0",
            "docker/context/Dockerfile:14:31 torch==2.1.0",
            "docker/context/Dockerfile:14:57 numpy<2",
            "docker/context/Dockerfile:15:7 scipy",
            "docker/context/sub/constraints.txt:1:1 pandas<3 [constraint]",
            "docker/context/Dockerfile:16:46 pandas",
            "docker/context/env.yml:7:7 httpx==0.27.0",
            "docker/context/Dockerfile:22:35 requests[socks]==2.31.0",
            "docker/context/sub/local.txt:1:1 from-local==1.0",
            "docker/context/Dockerfile:24:25 exec-form==1.0",
            "docker/context/Dockerfile:26:13 heredoc-pkg==3.0",
        ])
        XCTAssertEqual(spec.indexOptions.extraIndexURLs, ["https://download.pytorch.org/whl/cpu", "https://extra.example.org/simple"])
        XCTAssertEqual(spec.problems.map(\.position.short), ["docker/context/Dockerfile:28:20"])
        XCTAssertTrue(spec.problems[0].message.contains("no COPY or ADD puts it at '/app/not-copied.txt'"))
        XCTAssertEqual(spec.notes.map(\.summary), [
            "docker/context/Dockerfile:15:12 shell-redirection",
            "docker/context/Dockerfile:23:42 unverifiable",
            "docker/context/Dockerfile:23:52 unverifiable",
        ])
        XCTAssertTrue(spec.notes[0].message.contains("pip receives 'scipy' without '>=1.10'"))
        XCTAssertNil(spec.name)
    }

    func testFilesWrittenDuringTheBuildAreUnverifiableNotMissing() throws {
        let contents = """
        FROM python:3.12 AS wheels
        FROM --platform=linux/arm64 python:3.12
        COPY --from=wheels /wheels /wheels
        RUN echo "numpy" > /tmp/r.txt && pip install -r /tmp/r.txt
        RUN pip install --no-index --find-links /wheels -r /wheels/requirements.txt
        RUN pip install -r /missing.txt
        """
        let spec = try SpecReader.read(path: Fixtures.path("docker/context/Generated.dockerfile"), contents: contents)
        XCTAssertEqual(spec.notes.map(\.summary), [
            "docker/context/Generated.dockerfile:4:49 unverifiable",
            "docker/context/Generated.dockerfile:5:52 unverifiable",
        ])
        XCTAssertEqual(spec.problems.map(\.position.short), ["docker/context/Generated.dockerfile:6:20"])
        XCTAssertEqual(spec.indexOptions.findLinks, ["/wheels"])
        XCTAssertTrue(spec.indexOptions.noIndex)
        XCTAssertEqual(spec.pythonPin?.version, "3.12")
        XCTAssertEqual(spec.imagePlatform, "linux/arm64")
        XCTAssertEqual(spec.operatingSystem, "linux")
    }

    private func lex(_ text: String, _ variables: [String: ShellVariable] = [:]) -> [String] {
        let source = MappedString(path: "t", text: text, start: TextPoint(line: 1, column: 1))
        return ShellLexer(source: source, lookup: { variables[$0] }).items().map { item in
            switch item {
            case .word(let word):
                return "\(word.string)@\(word.textPosition.column)" + (word.isResolved ? "" : "?")
            case .separator(let op, _): return "[\(op)]"
            case .redirect(let op, let position, let glued): return "<\(op)\(glued ? " glued" : "")@\(position.column)>"
            }
        }
    }

    func testShellLexer() {
        XCTAssertEqual(lex(#"pip install 'a b' "c$X" d\ e"#, ["X": .value("1")]),
                       ["pip@1", "install@5", "a b@14", "c1@20", "d e@25"])
        XCTAssertEqual(lex("a>=1 2>/dev/null b && c; d | e"),
                       ["a@1", "<> glued@2>", "=1@3", "<>@6>", "/dev/null@8", "b@18", "[&&]", "c@23", "[;]", "d@26", "[|]", "e@30"])
        XCTAssertEqual(lex("x=$(date) y=${Y:-def} ${Z:+alt} $UNSET `cmd` # comment"),
                       ["x=$(date)@1?", "y=def@11", "@23", "$UNSET@33?", "`cmd`@40?"])
        XCTAssertEqual(lex("v=${K}", ["K": .unknown]), ["v=${K}@1?"])
        XCTAssertEqual(lex("echo 'it''s' \"q\\\"\" $'a'"), ["echo@1", "its@7", "q\"@15", "a@22"])
    }

    func testCopyDestinationsFindContextFiles() {
        let context = Fixtures.path("docker/context")
        var files = ContainerFiles(context: context)
        files.record(sources: ["requirements.txt"], destination: "./", workdir: "/app")
        files.record(sources: ["sub"], destination: "/opt/sub", workdir: "/")
        files.record(sources: ["*.yml"], destination: "/etc/envs/", workdir: "/")
        files.record(sources: ["requirements.txt"], destination: "/renamed.txt", workdir: "/")
        XCTAssertEqual(files.locate("requirements.txt", workdir: "/app")?.path, context + "/requirements.txt")
        XCTAssertEqual(files.locate("/opt/sub/local.txt", workdir: "/")?.path, context + "/sub/local.txt")
        XCTAssertEqual(files.locate("/etc/envs/env.yml", workdir: "/")?.path, context + "/env.yml")
        XCTAssertEqual(files.locate("../renamed.txt", workdir: "/app")?.path, context + "/requirements.txt")
        XCTAssertEqual(files.locate("sub/constraints.txt", workdir: "/elsewhere")?.viaCopy, false)
        XCTAssertNil(files.locate("/nowhere.txt", workdir: "/"))
    }

    func testImagePythonGuess() {
        XCTAssertEqual(ImagePythonGuess.version(of: "python:3.8.13"), "3.8.13")
        XCTAssertEqual(ImagePythonGuess.version(of: "docker.io/library/python:3.10-slim-bookworm"), "3.10")
        XCTAssertNil(ImagePythonGuess.version(of: "python:latest"))
        XCTAssertEqual(ImagePythonGuess.version(of: "mcr.microsoft.com/azureml/curated/acpt-pytorch-1.11-py38-cuda11.3-gpu"), "3.8")
        XCTAssertEqual(ImagePythonGuess.version(of: "mcr.microsoft.com/azureml/minimal-py312-inference:latest"), "3.12")
        XCTAssertNil(ImagePythonGuess.version(of: "nvcr.io/nvidia/pytorch:22.02-py3"))
        XCTAssertNil(ImagePythonGuess.version(of: "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04"))
    }

    func testInstructionsJoinContinuationsAndSkipCommentLines() {
        let text = SourceText(path: "D", string: "# escape=`\nFROM x\nRUN a `\n# c\n\n  b\nrun lower\n")
        let instructions = DockerfileInstructions.parse(text)
        XCTAssertEqual(instructions.map(\.keyword), ["FROM", "RUN", "RUN"])
        XCTAssertEqual(instructions[1].arguments.string, "a   b")
        XCTAssertEqual(instructions[1].arguments.position(at: 4).line, 6)
    }
}

/// `ImageReference`: the repository and tag of an image name, and what a `python` tag says.
final class ImageReferenceTests: XCTestCase {
    func testPythonTags() {
        let slim = ImageReference("docker.io/library/python:3.11-slim@sha256:abcd")
        XCTAssertEqual(slim.repository, "python")
        XCTAssertEqual(slim.tag, "3.11-slim")
        XCTAssertEqual(slim.pythonTagVersion, "3.11")
        XCTAssertTrue(slim.namesNoDistribution)
        XCTAssertTrue(ImageReference("python:3.8").namesNoDistribution)
        XCTAssertFalse(ImageReference("python:3.11-slim-bookworm").namesNoDistribution)
        XCTAssertFalse(ImageReference("python:3.11-alpine").namesNoDistribution)
        XCTAssertFalse(ImageReference("python:latest").namesNoDistribution)
        XCTAssertEqual(ImageReference("registry:5000/python:3.9.18").pythonTagVersion, "3.9.18")
        XCTAssertNil(ImageReference("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04").pythonTagVersion)
    }
}
