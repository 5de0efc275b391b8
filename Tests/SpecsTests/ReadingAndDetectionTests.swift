import XCTest
@testable import Specs

final class ReadingAndDetectionTests: XCTestCase {
    func testMLflowPythonEnvIncludesTheNeighbouringRequirements() throws {
        let spec = try Fixtures.read("mlflow/python_env.yaml")
        XCTAssertEqual(spec.kind, .mlflowPythonEnv)
        XCTAssertEqual(spec.pythonPin?.text, "3.10.12")
        XCTAssertEqual(spec.pythonPin?.version, "3.10.12")
        XCTAssertEqual(spec.pythonPin?.position.short, "mlflow/python_env.yaml:1:9")
        XCTAssertEqual(spec.pipRequirements.map { "\($0.summary) (\($0.section ?? "-"))" }, [
            "mlflow/python_env.yaml:3:5 pip==23.3.1 (build_dependencies)",
            "mlflow/python_env.yaml:4:5 setuptools (build_dependencies)",
            "mlflow/requirements.txt:1:1 mlflow==2.9.2 (dependencies)",
            "mlflow/requirements.txt:2:1 cloudpickle==3.0.0 (dependencies)",
            "mlflow/python_env.yaml:7:5 extra==1.0 (dependencies)",
        ])
    }

    func testReadErrors() {
        XCTAssertThrowsError(try Fixtures.read("misc/binary.txt")) { error in
            XCTAssertEqual(error as? SpecReadError, .notText(Fixtures.path("misc/binary.txt")))
        }
        XCTAssertThrowsError(try Fixtures.read("misc/latin1.txt")) { error in
            XCTAssertEqual(error as? SpecReadError, .notText(Fixtures.path("misc/latin1.txt")))
        }
        XCTAssertThrowsError(try Fixtures.read("misc/does-not-exist.txt")) { error in
            XCTAssertEqual(error as? SpecReadError, .notFound(Fixtures.path("misc/does-not-exist.txt")))
        }
        XCTAssertThrowsError(try Fixtures.read("misc/random.yaml")) { error in
            XCTAssertEqual(error as? SpecReadError, .unknownKind(Fixtures.path("misc/random.yaml")))
        }
        XCTAssertThrowsError(try Fixtures.read("misc/notes")) { error in
            XCTAssertEqual(error as? SpecReadError, .unknownKind(Fixtures.path("misc/notes")))
        }
        XCTAssertThrowsError(try Fixtures.read("misc")) { error in
            guard case .unreadable(_, let reason)? = error as? SpecReadError else { return XCTFail("\(error)") }
            XCTAssertEqual(reason, "it is a directory")
        }
        XCTAssertThrowsError(try SpecReader.read(path: "/dev/zero", kind: .pipRequirements)) { error in
            XCTAssertEqual(error as? SpecReadError, .unreadable("/dev/zero", "it is not a regular file"))
        }
    }

    func testHostileIncludesOfDevicesAreRefusedNotRead() throws {
        let spec = try SpecReader.read(path: "/nonexistent/r.txt", contents: "-r /dev/zero\n-c /dev/stdin\nok\n")
        XCTAssertEqual(spec.pipRequirements.map(\.text), ["ok"])
        XCTAssertEqual(spec.problems.count, 2)
    }

    func testEncodingsAndEmptyFiles() throws {
        let utf16 = try Fixtures.read("misc/utf16-requirements.txt")
        XCTAssertEqual(utf16.pipRequirements.map(\.summary),
                       ["misc/utf16-requirements.txt:1:1 six==1.16.0", "misc/utf16-requirements.txt:2:1 attrs"])
        let empty = try Fixtures.read("misc/empty-requirements.txt")
        XCTAssertEqual(empty.kind, .pipRequirements)
        XCTAssertTrue(empty.pipRequirements.isEmpty && empty.problems.isEmpty)
    }

    func testKindOverrideAndDetectionFromContents() throws {
        let recipe = try Fixtures.read("misc/build-recipe")
        XCTAssertEqual(recipe.kind, .dockerfile)
        XCTAssertEqual(recipe.pipRequirements.map(\.summary), ["misc/build-recipe:4:17 thing"])
        let requirements = try Fixtures.read("misc/reqs")
        XCTAssertEqual(requirements.kind, .pipRequirements)
        XCTAssertEqual(requirements.pipRequirements.map(\.text), ["numpy>=1.0", "gamma"])
        let forced = try Fixtures.read("misc/notes", kind: .pipRequirements)
        XCTAssertEqual(forced.pipRequirements.map(\.text), ["just some prose: not a spec", "second line here"])
    }

    func testDetectKindByNameAndContents() {
        let cases: [(String, String, SpecKind?)] = [
            ("a/requirements-dev.txt", "x", .pipRequirements),
            ("constraints.in", "x", .pipRequirements),
            ("pyproject.toml", "", .pyproject),
            ("other.toml", "[tool.x]", nil),
            ("Dockerfile.gpu", "", .dockerfile),
            ("x.Dockerfile", "", .dockerfile),
            ("MLmodel", "flavors: {}", nil),
            ("python_env.yaml", "python: 3.8", .mlflowPythonEnv),
            ("model/env.yaml", "python: 3.8\nbuild_dependencies: [pip]\ndependencies: [x]", .mlflowPythonEnv),
            ("environment.yml", "name: x\ndependencies: [numpy]", .condaEnvironment),
            ("env.yml", "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nimage: x", .azuremlEnvironment),
            ("job.yml", "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: x", nil),
            ("env.yml", "image: x\nname: y", .azuremlEnvironment),
            ("env.yml", "build:\n  path: .", .azuremlEnvironment),
            ("conda.yaml", "name: [unclosed", .condaEnvironment),
            ("broken.yaml", "dependencies:\n\t- x", .condaEnvironment),
            ("broken.yaml", "a: [unclosed", nil),
            ("azureml_environment.json", "{\"python\": {\"condaDependencies\": {}}}", .azuremlEnvironmentV1),
            ("other.json", "{}", nil),
            ("noext", "FROM ubuntu\nRUN x", .dockerfile),
            ("noext", "numpy\n# c\n-r other.txt", .pipRequirements),
            ("noext", "", nil),
        ]
        for (path, contents, kind) in cases {
            XCTAssertEqual(SpecReader.detectKind(path: path, contents: contents), kind, "\(path): \(contents)")
        }
    }

    /// Where a name matches patterns of two kinds, the table's order decides, as it always did.
    func testNamesThatSayTwoKinds() {
        let cases: [(String, String, SpecKind?)] = [
            ("Dockerfile.requirements.txt", "numpy", .dockerfile),
            ("Dockerfile.toml", "[project]", .pyproject),
            ("Dockerfile.toml", "", nil),
            ("requirements.toml", "[project]", .pyproject),
            ("Dockerfile.yml", "dependencies: [x]", .dockerfile),
            ("Dockerfile.json", "{}", .dockerfile),
            ("requirements.dockerfile", "numpy", .dockerfile),
            ("requirements.json", "numpy", nil),
            ("requirements-env.yml", "dependencies: [x]", .pipRequirements),
            ("constraints.yaml", "channels: [x]", .pipRequirements),
            ("Containerfile.gpu", "", .dockerfile),
            ("PYPROJECT.TOML", "", .pyproject),
            ("Python_Env.YML", "", .mlflowPythonEnv),
            ("mlmodel", "dependencies: [x]", nil),
        ]
        for (path, contents, kind) in cases {
            XCTAssertEqual(SpecReader.detectKind(path: path, contents: contents), kind, "\(path): \(contents)")
        }
    }

    /// Detection matches file names, so a detecting row has no path patterns.
    func testDetectingRowsNameFilesNotPaths() {
        for row in SpecFileNames.table where row.detection != nil {
            XCTAssertFalse(row.patterns.contains { $0.contains("/") }, "\(row.patterns)")
        }
        XCTAssertTrue(SpecFileNames.table.allSatisfy { $0.detection != nil || $0.discovery != nil })
    }

    func testFileNameGlobs() {
        XCTAssertTrue(FileNameGlob("*requirements*.txt").matches("dev-requirements.txt"))
        XCTAssertTrue(FileNameGlob("Dockerfile.*").matches("Dockerfile."))
        XCTAssertFalse(FileNameGlob("Dockerfile").matches("dockerfile"))
        XCTAssertTrue(FileNameGlob("[!a-c]?.y*ml").matches("dx.yaml"))
        XCTAssertFalse(FileNameGlob("[!a-c]?.y*ml").matches("ax.yml"))
        XCTAssertTrue(FileNameGlob("\\*.txt").matches("*.txt"))
        XCTAssertFalse(FileNameGlob("\\*.txt").matches("a.txt"))
        XCTAssertTrue(FileNameGlob("[unclosed").matches("[unclosed"))
    }
}
