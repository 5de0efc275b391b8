import XCTest
@testable import Specs

final class AzureMLEnvironmentTests: XCTestCase {
    func testBuildContextWithDockerfilePath() throws {
        let spec = try Fixtures.read("azureml/build-env.yml")
        XCTAssertEqual(spec.kind, .azuremlEnvironment)
        XCTAssertEqual(spec.name, "built")
        XCTAssertEqual(spec.operatingSystem, "linux")
        XCTAssertEqual(spec.image, "mcr.microsoft.com/azureml/minimal-py312-inference:latest")
        XCTAssertEqual(spec.imagePosition?.short, "azureml/build-context/docker/Custom.dockerfile:1:6")
        XCTAssertEqual(spec.pythonPin?.version, "3.12")
        XCTAssertEqual(spec.pythonPin?.source, .baseImage)
        XCTAssertEqual(spec.pipRequirements.map(\.summary), ["azureml/build-context/reqs.txt:1:1 joblib==1.4.2"])
        XCTAssertEqual(spec.includedFiles.map(Fixtures.relative),
                       ["azureml/build-context/docker/Custom.dockerfile", "azureml/build-context/reqs.txt"])
        XCTAssertEqual(spec.problems.count, 0)
    }

    func testMissingCondaFileIsAProblemWhereItIsNamed() throws {
        let spec = try Fixtures.read("azureml/missing-conda.yml")
        XCTAssertEqual(spec.kind, .azuremlEnvironment)
        XCTAssertEqual(spec.image, "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04")
        XCTAssertEqual(spec.problems.map(\.summary),
                       ["azureml/missing-conda.yml:2:13 conda file '\(Fixtures.path("azureml/nope.yml"))' does not exist"])
    }

    func testImageAndBuildTogetherIsAProblem() throws {
        let spec = try Fixtures.read("azureml/both.yml")
        XCTAssertEqual(spec.problems.map(\.position.short), ["azureml/both.yml:2:1", "azureml/both.yml:4:9"])
        XCTAssertTrue(spec.problems[0].message.contains("image and build cannot both be given"))
    }

    func testVersionOneJSONPositions() throws {
        let spec = try Fixtures.read("azureml/v1/azureml_environment.json")
        XCTAssertEqual(spec.kind, .azuremlEnvironmentV1)
        XCTAssertEqual(spec.name, "v1-env")
        XCTAssertEqual(spec.channels, ["anaconda", "conda-forge"])
        XCTAssertEqual(spec.image, "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20230509.v1")
        XCTAssertEqual(spec.imagePosition?.short, "azureml/v1/azureml_environment.json:19:23")
        XCTAssertEqual(spec.operatingSystem, "linux")
        XCTAssertEqual(spec.imagePlatform, "linux/amd64")
        XCTAssertEqual(spec.condaRequirements.map(\.summary), [
            "azureml/v1/azureml_environment.json:11:18 python=3.8.13",
            "azureml/v1/azureml_environment.json:13:18 scikit-learn",
        ])
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "azureml/v1/azureml_environment.json:12:27 azureml-defaults==1.51.0",
            "azureml/v1/azureml_environment.json:12:55 escaped-name==1.0",
        ])
        XCTAssertEqual(spec.pythonPin?.version, "3.8.13")
        XCTAssertEqual(spec.problems.count, 0)
    }

    func testVersionOneInlineDockerfileAndUserManagedDependencies() throws {
        let spec = try Fixtures.read("azureml/v1-dockerfile/azureml_environment.json")
        XCTAssertEqual(spec.image, "python:3.9-slim")
        XCTAssertEqual(spec.imagePosition?.short, "azureml/v1-dockerfile/azureml_environment.json:3:37")
        XCTAssertEqual(spec.pipRequirements.map(\.summary), [
            "azureml/v1-dockerfile/azureml_environment.json:3:70 inline-pkg==1.0",
            "azureml/v1-dockerfile/azureml_environment.json:3:94 second-pkg",
        ])
        XCTAssertTrue(spec.condaRequirements.isEmpty)
        XCTAssertEqual(spec.notes.map(\.summary), ["azureml/v1-dockerfile/azureml_environment.json:2:14 user-managed"])
    }

    func testJSONScannerErrorsAndStrings() {
        func parse(_ text: String) -> Result<SpecTree, JSONScanner.Failure> {
            JSONScanner.parse(SourceText(path: "j", string: text))
        }
        guard case .failure(let failure) = parse("{\"a\": [1, 2,]}") else { return XCTFail("trailing comma accepted") }
        XCTAssertEqual("\(failure.position.line):\(failure.position.column)", "1:13")
        guard case .failure = parse("{\"a\": 01}") else { return XCTFail("leading zero accepted") }
        guard case .failure = parse(String(repeating: "[", count: 10_000)) else { return XCTFail("deep nesting accepted") }
        guard case .success(let tree) = parse("{\"k\": \"\\ud83d\\ude00x\", \"n\": -1.5e3, \"b\": null}") else {
            return XCTFail("valid JSON refused")
        }
        XCTAssertEqual(tree["k"]?.value.string, "😀x")
        XCTAssertEqual(tree["k"]?.value.mappedString?.position(at: 1).column, 20)
        XCTAssertEqual(tree["n"]?.value.typedString, "-1.5e3")
        XCTAssertEqual(tree["b"]?.value.isNull, true)
    }

    func testVersionTwoInlineCondaFileFromMemory() throws {
        let contents = """
        name: inline
        image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04
        conda_file:
          channels: [defaults]
          dependencies:
            - python=3.8.12
            - pip:
              - mldesigner==0.1.0b17
        """
        let spec = try SpecReader.read(path: "/nonexistent/env.yaml", contents: contents)
        XCTAssertEqual(spec.kind, .azuremlEnvironment)
        XCTAssertEqual(spec.name, "inline")
        XCTAssertEqual(spec.channels, ["defaults"])
        XCTAssertEqual(spec.condaRequirements.map { "\($0.position.line):\($0.position.column) \($0.text)" }, ["6:7 python=3.8.12"])
        XCTAssertEqual(spec.pipRequirements.map { "\($0.position.line):\($0.position.column) \($0.text)" },
                       ["8:9 mldesigner==0.1.0b17"])
        XCTAssertEqual(spec.pythonPin?.source, .condaDependency)
    }
}
