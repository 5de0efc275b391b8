import Foundation
import XCTest
@testable import Specs

/// Every file of the real Azure ML examples corpus (`../shared/corpus/azureml-examples`).
final class CorpusTests: XCTestCase {
    /// Files that are not valid as they stand, and why (see the corpus README).
    private let expectedProblems: [String: String] = [
        // conda_file names conda.yaml; only conda.yml exists beside it upstream.
        "sdk/python/endpoints/online/deploy-with-packages/custom-model/environment/sklearn-regression-env.yml":
            "4:13",
        // COPY ./environment/conda.yaml: that file is not in the corpus (the build context is elsewhere).
        "cli/endpoints/online/custom-container/minimal/single-model/conda-in-dockerfile/minimal-single-model-conda-in-dockerfile.dockerfile":
            "13:36",
        // COPY $MLFLOW_MODEL_NAME/model/conda.yaml: model_name/ is not in the corpus.
        "cli/endpoints/online/custom-container/mlflow/multideployment-scikit/mlflow.dockerfile": "12:36",
    ]

    private func corpusFiles() throws -> (root: URL, files: [String]) {
        let root = try Fixtures.corpus()
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var files: [String] = []
        while let next = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root.appendingPathComponent(next).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue, next != "README.md", next != "INDEX.tsv" { files.append(next) }
        }
        return (root, files.sorted())
    }

    func testEveryCorpusFileIsReadAsTheRightKind() throws {
        let (root, files) = try corpusFiles()
        XCTAssertEqual(files.count, 254)
        var kinds: [String: Int] = [:]
        var requirementCount = 0
        for file in files {
            let path = root.appendingPathComponent(file).path
            do {
                let spec = try SpecReader.read(path: path, environment: [:])
                kinds[spec.kind.rawValue, default: 0] += 1
                requirementCount += spec.requirements.count
                let problems = spec.problems.map { "\($0.position.line):\($0.position.column)" }
                if let expected = expectedProblems[file] {
                    XCTAssertEqual(problems, [expected], file)
                } else {
                    XCTAssertEqual(spec.problems.map(\.description), [], file)
                }
            } catch SpecReadError.unknownKind {
                XCTAssertEqual(FilePaths.baseName(file), "MLmodel", "\(file) has no kind")
                kinds["none", default: 0] += 1
            }
        }
        // The corpus INDEX.tsv counts: conda-env 126, requirements 43, azureml-v2-env 18,
        // mlflow-python-env 7, dockerfile 37, mlflow-mlmodel 23.
        XCTAssertEqual(kinds, [
            "conda-environment": 126, "pip-requirements": 43, "azureml-environment": 18,
            "mlflow-python-env": 7, "dockerfile": 37, "none": 23,
        ])
        XCTAssertEqual(requirementCount, 2175)
    }

    func testKindsAgreeWithTheCorpusIndex() throws {
        let root = try Fixtures.corpus()
        let index = try String(contentsOf: root.appendingPathComponent("INDEX.tsv"), encoding: .utf8)
        let mapping = [
            "conda-env": "conda-environment", "requirements": "pip-requirements", "azureml-v2-env": "azureml-environment",
            "mlflow-python-env": "mlflow-python-env", "dockerfile": "dockerfile",
        ]
        var checked = 0
        for row in index.split(separator: "\n").dropFirst() {
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 2 else { continue }
            let path = root.appendingPathComponent(columns[0]).path
            let contents = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertEqual(SpecReader.detectKind(path: path, contents: contents)?.rawValue, mapping[columns[1]], columns[0])
            checked += 1
        }
        XCTAssertEqual(checked, 254)
    }

    private func read(_ file: String) throws -> ParsedSpec {
        try SpecReader.read(path: try Fixtures.corpus().appendingPathComponent(file).path, environment: [:])
    }

    private func positions(_ requirements: [SpecRequirement], root: URL) -> [String] {
        requirements.map { requirement in
            let prefix = root.path + "/"
            let path = requirement.position.path.hasPrefix(prefix)
                ? String(requirement.position.path.dropFirst(prefix.count)) : requirement.position.path
            return "\(FilePaths.baseName(path)):\(requirement.position.line):\(requirement.position.column) \(requirement.text)"
        }
    }

    func testImagenetClassifierCondaEnvironmentPositions() throws {
        let root = try Fixtures.corpus()
        let spec = try read("cli/endpoints/batch/deploy-models/imagenet-classifier/environment/conda.yaml")
        XCTAssertEqual(spec.kind, .condaEnvironment)
        XCTAssertEqual(spec.name, "tensorflow-env")
        XCTAssertEqual(spec.channels, ["conda-forge"])
        XCTAssertEqual(positions(spec.condaRequirements, root: root), ["conda.yaml:5:5 python=3.8.5", "conda.yaml:6:5 pip"])
        XCTAssertEqual(positions(spec.pipRequirements, root: root), [
            "conda.yaml:8:7 pandas", "conda.yaml:9:7 tensorflow", "conda.yaml:10:7 pillow",
            "conda.yaml:11:7 azureml-core", "conda.yaml:12:7 azureml-dataset-runtime[fuse]",
        ])
        XCTAssertEqual(spec.pipSectionPosition.map { "\($0.line):\($0.column)" }, "7:5")
        XCTAssertEqual(spec.pythonPin?.version, "3.8.5")
    }

    func testQuotedScalarsPipOptionsAndCommentsInRealFiles() throws {
        let root = try Fixtures.corpus()
        let automl = try read("cli/jobs/pipelines/automl/cli-automl-classification-task-bankmarketing-pipeline/environment/preprocessing_env.yaml")
        XCTAssertEqual(positions(Array(automl.condaRequirements.suffix(1)), root: root), ["preprocessing_env.yaml:9:6 pandas>=1.1,<1.2"])
        XCTAssertEqual(positions(Array(automl.pipRequirements.prefix(2)), root: root), [
            "preprocessing_env.yaml:11:10 inference-schema[numpy-support]==1.3.0", "preprocessing_env.yaml:12:9 xlrd==2.0.1",
        ])
        let densenet = try read("cli/jobs/pipelines-with-components/image_classification_with_densenet/image_cnn_train/conda.yaml")
        XCTAssertEqual(densenet.indexOptions.extraIndexURLs, ["https://developer.download.nvidia.com/compute/redist/"])
        XCTAssertEqual(positions(Array(densenet.pipRequirements.suffix(2)), root: root),
                       ["conda.yaml:20:9 pandas==1.2.1", "conda.yaml:21:9 packaging==22.0"])
        let promptflow = try read("cli/generative-ai/promptflow/deploy-flow/image_build_with_reqirements/requirements.txt")
        XCTAssertEqual(positions(promptflow.pipRequirements, root: root), ["requirements.txt:2:1 langchain == 0.0.149"])
        let crlf = try read("cli/endpoints/online/deploy-with-packages/custom-model/environment/conda.yaml")
        XCTAssertEqual(positions(Array(crlf.condaRequirements.suffix(1)), root: root), ["conda.yaml:10:5 xgboost==3.0.2"])
        let grpo = try read("sdk/python/jobs/grpo/environment/requirements.txt")
        let trl = try XCTUnwrap(grpo.pipRequirements.first { $0.text.hasPrefix("trl") })
        XCTAssertEqual(positions([trl], root: root), ["requirements.txt:143:1 trl @ git+https://github.com/huggingface/trl.git@eab175d434b9bb9badee20335c7945991a26dfac"])
        XCTAssertEqual(trl.reference, .vcs("git+https://github.com/huggingface/trl.git@eab175d434b9bb9badee20335c7945991a26dfac"))
        // A Python list body, not a requirements file: the text is kept for the resolver to reject.
        let listBody = try read("sdk/python/foundation-models/system/import/requirements.txt")
        XCTAssertEqual(positions(Array(listBody.pipRequirements.prefix(1)), root: root), ["requirements.txt:1:1 'jsonpickle',"])
    }

    func testAzureMLEnvironmentsFollowCondaFilesAndBuildContexts() throws {
        let root = try Fixtures.corpus()
        let plusConda = try read("cli/assets/environment/docker-image-plus-conda.yaml")
        XCTAssertEqual(plusConda.image, "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04")
        XCTAssertEqual(plusConda.imagePosition.map { "\($0.line):\($0.column)" }, "3:8")
        XCTAssertEqual(positions(Array(plusConda.pipRequirements.prefix(1)), root: root), ["pydata.yml:8:7 numpy==1.22"])
        XCTAssertEqual(plusConda.pythonPin?.text, "python=3.8")

        let context = try read("cli/assets/environment/docker-context.yml")
        XCTAssertEqual(context.image, "python:3.8")
        XCTAssertEqual(context.pythonPin?.version, "3.8")
        XCTAssertEqual(positions(Array(context.pipRequirements.prefix(1)), root: root), ["requirements.txt:2:1 numpy==1.22"])

        let inline = try read("sdk/python/jobs/pipelines/1b_pipeline_with_python_function_components/src/env.yaml")
        XCTAssertEqual(positions(inline.requirements, root: root),
                       ["env.yaml:11:7 python=3.8.12", "env.yaml:12:7 pip=21.2.2", "env.yaml:14:9 mldesigner==0.1.0b17"])

        let python = try read("cli/endpoints/batch/deploy-models/openai-embeddings/model/python_env.yaml")
        XCTAssertEqual(python.pythonPin?.version, "3.8.5")
        XCTAssertEqual(positions(Array(python.pipRequirements.prefix(4)), root: root), [
            "python_env.yaml:3:3 pip==23.2.1", "python_env.yaml:4:3 setuptools", "python_env.yaml:5:3 wheel==0.38.4",
            "requirements.txt:1:1 mlflow==2.7.0",
        ])
    }

    func testDockerfilesTabsContinuationsAndUnquotedComparisons() throws {
        let root = try Fixtures.corpus()
        let bert = try read("best-practices/largescale-deep-learning/Training/Bert-Pretrain/src/environment/context/Dockerfile")
        let pins = positions(bert.pipRequirements, root: root)
        XCTAssertEqual(pins.count, 37)
        XCTAssertTrue(pins.contains("Dockerfile:16:6 azureml-dataset-runtime==1.48.0"), "\(pins)")
        XCTAssertTrue(pins.contains("Dockerfile:27:2 azure-ai-ml"), "\(pins)")
        XCTAssertEqual(bert.notes.map { "\($0.kind.rawValue) \($0.position.line):\($0.position.column)" }, ["shell-redirection 27:13"])
        let rag = try read("sdk/python/generative-ai/rag/notebooks/custom_crack_and_chunk/doc_intel_env/Dockerfile")
        XCTAssertEqual(positions(rag.pipRequirements, root: root), ["Dockerfile:3:20 azureml-rag", "Dockerfile:4:17 azure-ai-formrecognizer"])
        XCTAssertEqual(rag.notes.map(\.kind), [.shellRedirection])
        let vnet = try read("cli/endpoints/online/managed/vnet/sample/environment/Dockerfile")
        XCTAssertEqual(positions(vnet.pipRequirements, root: root),
                       ["conda.yaml:11:7 azureml-inference-server-http", "conda.yaml:12:7 joblib==1.5.1"])
        let mlflow = try read("cli/endpoints/online/custom-container/mlflow/multideployment-scikit/mlflow.dockerfile")
        XCTAssertEqual(mlflow.notes.map { "\($0.kind.rawValue) \($0.position.line):\($0.position.column)" }, ["unverifiable 14:44"])
    }
}
