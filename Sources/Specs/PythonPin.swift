/// The Python version a spec asks for, where it says so.
public struct PythonPin: Sendable, Hashable {
    /// Where the pin comes from, which says how literally to take it.
    public enum Source: String, Sendable, Hashable {
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
    public var text: String
    /// The version it pins (`3.8`, `3.8.5`); nil when it is a range or unversioned.
    public var version: String?
    public var position: SourcePosition
    public var source: Source

    public init(text: String, version: String?, position: SourcePosition, source: Source) {
        self.text = text
        self.version = version
        self.position = position
        self.source = source
    }
}
