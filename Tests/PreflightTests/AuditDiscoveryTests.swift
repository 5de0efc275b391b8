import Foundation
import Audit
import Resolver
import Specs
import TestSupport
import XCTest

/// Which files `preflight audit` takes under a directory: globs, kinds, .gitignore, skipped folders.
final class AuditDiscoveryTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = CLIRunner.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ relative: String, _ text: String = "") throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static let conda = "name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.8\n  - numpy\n"
    static let condaWithoutChannels = "dependencies:\n  - python=3.8\n  - numpy\n"
    static let azureV2 = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: e\nimage: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04\nconda_file: conda.yml\n"
    static let azureJob = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: python train.py\nenvironment: azureml:env@latest\n"
    static let helmChart = "apiVersion: v2\nname: chart\ndependencies:\n  - name: redis\n    version: 1.0\n"
    static let azureV1 = "{\"name\": \"env\", \"python\": {\"userManagedDependencies\": false, \"condaDependencies\": {\"dependencies\": [\"python=3.8\"]}}}"

    /// A tree with one file of every interesting sort.
    func makeTree() throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try write(".git/requirements.txt", "numpy\n")
        try write(".gitignore", "# generated\nignored/\n*.tmp.yml\n/top-only.txt\n\\#hash-requirements.txt\n")
        try write("environment.yml", Self.conda)
        try write("conda.yaml", Self.conda)
        try write("requirements.txt", "numpy\n")
        try write("requirements-dev.txt", "pytest\n")
        try write("ml-requirements.txt", "torch\n")
        try write("notes.txt", "numpy\n")
        try write("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"numpy\"]\n")
        try write("python_env.yaml", "python: 3.8\ndependencies:\n  - numpy\n")
        try write("chart/Chart.yaml", Self.helmChart)
        try write("aml/docker.yml", Self.azureV2)
        try write("aml/job.yml", Self.azureJob)
        try write("aml/pipeline-conda.yml", Self.conda)
        try write("aml/with-channels.yml", Self.conda)
        try write("aml/no-channels.yml", Self.condaWithoutChannels)
        try write("aml/azureml_environment.json", Self.azureV1)
        try write("web/package.json", "{\"name\": \"web\", \"dependencies\": {}}")
        try write("ignored/requirements.txt", "numpy\n")
        try write("node_modules/pkg/requirements.txt", "numpy\n")
        try write(".build/checkouts/requirements.txt", "numpy\n")
        try write("environment.tmp.yml", Self.conda)
        try write("#hash-requirements.txt", "numpy\n")
        try write("deep/a/b/environment.yml", Self.conda)
        try write("deep/env/online.yml", Self.condaWithoutChannels)
        try write("sub/.gitignore", "requirements*.txt\n!requirements.txt\n")
        try write("sub/requirements.txt", "numpy\n")
        try write("sub/requirements-extra.txt", "numpy\n")
        try write("sub/top-only.txt", "")
        try write("docker/Dockerfile", "FROM python:3.8\nRUN pip install numpy==1.24.4\n")
    }

    func discover(_ configure: (inout SpecDiscovery) -> Void = { _ in }) -> [String] {
        var discovery = SpecDiscovery()
        configure(&discovery)
        let result = discovery.discover([root.path], workingDirectory: root.path)
        XCTAssertEqual(result.missing, [])
        return result.specs
    }

    func testDefaultsTakeSpecsByNameAndKind() throws {
        try makeTree()
        XCTAssertEqual(discover(), [
            "aml/azureml_environment.json",
            "aml/docker.yml",
            "aml/pipeline-conda.yml",
            "aml/with-channels.yml",
            "conda.yaml",
            "deep/a/b/environment.yml",
            "deep/env/online.yml",
            "docker/Dockerfile",
            "environment.yml",
            "ml-requirements.txt",
            "pyproject.toml",
            "python_env.yaml",
            "requirements-dev.txt",
            "requirements.txt",
            "sub/requirements.txt",
        ])
    }

    /// A name that says two kinds is detected as one of them and taken only when the first
    /// default pattern it matches takes that kind: `Dockerfile.toml` is judged as TOML, and
    /// `Dockerfile.requirements.txt` (a Dockerfile to detection) meets `*requirements*.txt` first.
    func testNamesThatSayTwoKinds() throws {
        try write("Dockerfile.gpu", "FROM python:3.8\n")
        try write("dockerfile", "FROM python:3.8\n")
        try write("Dockerfile.requirements.txt", "numpy\n")
        try write("Dockerfile.toml", "[project]\nname = \"x\"\n")
        try write("Containerfile", "FROM python:3.8\n")
        try write("requirements-env.yml", "numpy\n")
        try write("requirements.yml", "numpy\n")
        try write("dockerfile.json", Self.azureV1)
        try write("envs/requirements.yml", "numpy\n")
        XCTAssertEqual(discover(), ["Dockerfile.gpu", "envs/requirements.yml", "requirements-env.yml"])
    }

    /// The shared corpus (a snapshot of Azure ML's examples): what the defaults take, and as which kinds.
    func testDefaultsOverTheCorpus() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/azureml-examples")
        guard FileManager.default.fileExists(atPath: corpus.path) else { throw XCTSkip("no shared corpus at \(corpus.path)") }
        let specs = SpecDiscovery().discover([corpus.path], workingDirectory: corpus.path).specs
        var kinds: [String: Int] = [:]
        for spec in specs {
            let path = corpus.appendingPathComponent(spec).path
            let kind = SpecReader.detectKind(path: path, contents: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
            kinds[kind?.rawValue ?? "none", default: 0] += 1
        }
        XCTAssertEqual(specs.count, 231)
        XCTAssertEqual(kinds, ["conda-environment": 126, "pip-requirements": 43, "azureml-environment": 18,
                               "mlflow-python-env": 7, "dockerfile": 37])
    }

    func testWithoutGitignore() throws {
        try makeTree()
        let specs = discover { $0.honourGitignore = false }
        for path in ["ignored/requirements.txt", "environment.tmp.yml", "sub/requirements-extra.txt", "#hash-requirements.txt"] {
            XCTAssertTrue(specs.contains(path), "\(path) in \(specs)")
        }
        // Skipped whatever the ignore files say.
        XCTAssertFalse(specs.contains { $0.hasPrefix("node_modules/") || $0.hasPrefix(".git/") || $0.hasPrefix(".build/") }, "\(specs)")
    }

    func testIncludeReplacesDefaultsAndExcludePrunes() throws {
        try makeTree()
        XCTAssertEqual(discover { $0.include = [.anyKind("deep/**/*.yml")] }, ["deep/a/b/environment.yml", "deep/env/online.yml"])
        XCTAssertEqual(discover { $0.include = [.anyKind("**/requirements.txt")] }, ["requirements.txt", "sub/requirements.txt"])
        let excluded = discover { $0.exclude = [PathGlob("deep/"), PathGlob("*.toml"), PathGlob("aml/*.json")] }
        XCTAssertFalse(excluded.contains { $0.hasPrefix("deep/") || $0.hasSuffix(".toml") || $0.hasSuffix(".json") }, "\(excluded)")
        XCTAssertTrue(excluded.contains("aml/docker.yml"))
    }

    func testGitignoreAboveTheAuditedDirectoryApplies() throws {
        try makeTree()
        try write(".gitignore", "deep/a/\n")
        var discovery = SpecDiscovery()
        discovery.include = SpecPattern.defaults
        let result = discovery.discover([root.appendingPathComponent("deep").path], workingDirectory: root.path)
        XCTAssertEqual(result.specs, ["deep/env/online.yml"])
    }

    func testNamedFilesAreTakenAsTheyAreAndMissingOnesReported() throws {
        try makeTree()
        let result = SpecDiscovery().discover([root.appendingPathComponent("notes.txt").path, root.appendingPathComponent("nope").path,
                                               root.appendingPathComponent("sub").path, root.path + "//sub/./requirements.txt"],
                                              workingDirectory: root.path)
        XCTAssertEqual(result.specs, ["notes.txt", "sub/requirements.txt"])
        XCTAssertEqual(result.named, ["notes.txt", "sub/requirements.txt"])
        XCTAssertEqual(result.missing, [root.appendingPathComponent("nope").path])
    }

    func testDisplayPaths() {
        XCTAssertEqual(DisplayPath.normalized("/work/repo/envs/a.yml", workingDirectory: "/work/repo"), "envs/a.yml")
        XCTAssertEqual(DisplayPath.normalized("/work/repo", workingDirectory: "/work/repo/"), ".")
        XCTAssertEqual(DisplayPath.normalized("./envs//./a.yml", workingDirectory: "/x"), "envs/a.yml")
        XCTAssertEqual(DisplayPath.normalized("/elsewhere/a.yml", workingDirectory: "/work/repo"), "/elsewhere/a.yml")
        XCTAssertEqual(DisplayPath.normalized("/work/repository/a.yml", workingDirectory: "/work/repo"), "/work/repository/a.yml")
        XCTAssertEqual(DisplayPath.joined(".", ["a", "b.yml"]), "a/b.yml")
        XCTAssertEqual(DisplayPath.joined("envs", ["b.yml"]), "envs/b.yml")
    }

    func testGlobs() {
        func m(_ pattern: String, _ path: String, directory: Bool = false) -> Bool {
            PathGlob(pattern).matches(path: path, isDirectory: directory)
        }
        XCTAssertTrue(m("*.yml", "a/b/c.yml"))
        XCTAssertFalse(m("*.yml", "a/b/c.yaml"))
        XCTAssertTrue(m("a/*.yml", "a/c.yml"))
        XCTAssertFalse(m("a/*.yml", "a/b/c.yml"), "* stays within a component")
        XCTAssertFalse(m("a/*.yml", "x/a/c.yml"), "a slash anchors")
        XCTAssertTrue(m("/a", "a"))
        XCTAssertFalse(m("/a", "x/a"))
        XCTAssertTrue(m("**/c.yml", "c.yml"))
        XCTAssertTrue(m("**/c.yml", "a/b/c.yml"))
        XCTAssertTrue(m("a/**/c.yml", "a/c.yml"))
        XCTAssertTrue(m("a/**/c.yml", "a/x/y/c.yml"))
        XCTAssertTrue(m("a/**", "a/x/y"))
        XCTAssertTrue(m("build/", "x/build", directory: true))
        XCTAssertFalse(m("build/", "x/build", directory: false))
        XCTAssertTrue(m("req[0-9].txt", "req5.txt"))
        XCTAssertFalse(m("req[!0-9].txt", "req5.txt"))
        XCTAssertTrue(m("req[!0-9].txt", "reqa.txt"))
        XCTAssertTrue(m("file?.txt", "file1.txt"))
        XCTAssertFalse(m("file?.txt", "file12.txt"))
        XCTAssertTrue(m("\\*.txt", "*.txt"))
        XCTAssertFalse(m("\\*.txt", "a.txt"))
        XCTAssertTrue(m("[unclosed", "[unclosed"))
        XCTAssertTrue(m("*", ".hidden"))
        XCTAssertFalse(m("", "a"))
    }

    func testHostileGlobsFinishQuickly() {
        let start = Date()
        let pattern = PathGlob(String(repeating: "*a", count: 200) + "b")
        XCTAssertFalse(pattern.matches(path: String(repeating: "a", count: 2000), isDirectory: false))
        let deep = PathGlob(String(repeating: "**/", count: 100) + "x")
        XCTAssertFalse(deep.matches(path: Array(repeating: "d", count: 200).joined(separator: "/"), isDirectory: false))
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    func testIgnoreFileRules() {
        let file = IgnoreFile(base: ["sub"], contents: "*.log\n!keep.log\n\\!bang\n  \n# comment\ntrailing   \n/anchored\n")
        XCTAssertEqual(file.verdict(for: ["sub", "a.log"], isDirectory: false), true)
        XCTAssertEqual(file.verdict(for: ["sub", "x", "keep.log"], isDirectory: false), false)
        XCTAssertEqual(file.verdict(for: ["sub", "!bang"], isDirectory: false), true)
        XCTAssertEqual(file.verdict(for: ["sub", "trailing"], isDirectory: false), true)
        XCTAssertEqual(file.verdict(for: ["sub", "anchored"], isDirectory: false), true)
        XCTAssertNil(file.verdict(for: ["sub", "x", "anchored"], isDirectory: false))
        XCTAssertNil(file.verdict(for: ["other", "a.log"], isDirectory: false), "rules apply below their directory only")
        let stack = IgnoreStack(files: [IgnoreFile(base: [], contents: "*.txt\n"), IgnoreFile(base: ["sub"], contents: "!keep.txt\n")])
        XCTAssertTrue(stack.isIgnored(["a.txt"], isDirectory: false))
        XCTAssertFalse(stack.isIgnored(["sub", "keep.txt"], isDirectory: false), "a deeper file wins")
        XCTAssertTrue(stack.isIgnored(["sub", "other.txt"], isDirectory: false))
    }
}
