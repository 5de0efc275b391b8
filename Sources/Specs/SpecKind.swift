/// The formats of environment spec that `Specs` can read.
///
/// The raw values are the stable names used in reports and by `--kind`.
package enum SpecKind: String, Sendable, CaseIterable, Codable {
    /// A conda `environment.yml` / `conda.yaml`, with an optional `pip:` section.
    case condaEnvironment = "conda-environment"
    /// A pip requirements file (`requirements.txt`, constraints files, `*.in`).
    case pipRequirements = "pip-requirements"
    /// An Azure ML v2 environment YAML (`conda_file`, `image`, `build`).
    case azuremlEnvironment = "azureml-environment"
    /// An Azure ML v1 `azureml_environment.json`.
    case azuremlEnvironmentV1 = "azureml-environment-v1"
    /// A `pyproject.toml` with a `[project]` table.
    case pyproject = "pyproject"
    /// An MLflow model's `python_env.yaml`.
    case mlflowPythonEnv = "mlflow-python-env"
    /// A Dockerfile: its base image and its `pip install` / `conda install` lines.
    case dockerfile = "dockerfile"
}
