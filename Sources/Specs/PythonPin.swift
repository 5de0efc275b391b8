/// The Python version a spec asks for, where it says so.
package struct PythonPin: Sendable, Hashable {
    /// Where the pin comes from, which says how literally to take it.
    package enum Source: String, Sendable, Hashable {
        /// The `python` dependency of a conda environment (`python=3.8.5`).
        case condaDependency = "conda-dependency"
        /// The `python:` key of an MLflow `python_env.yaml`.
        case mlflowPythonEnv = "mlflow-python-env"
        /// `requires-python` of `pyproject.toml`: a range, not a pin.
        case requiresPython = "requires-python"
        /// Guessed from a base image name: `python:3.8-slim`, `...-py38-...`.
        case baseImage = "base-image"
    }

    /// The text as written: `python=3.8.5`, `3.8.5`, `>=3.8`, `python:3.8-slim`.
    package var text: String
    /// The version it pins (`3.8`, `3.8.5`); nil when it is a range or unversioned.
    package var version: String?
    package var position: SourcePosition
    package var source: Source

    package init(text: String, version: String?, position: SourcePosition, source: Source) {
        self.text = text
        self.version = version
        self.position = position
        self.source = source
    }
}
