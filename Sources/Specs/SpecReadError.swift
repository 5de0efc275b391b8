/// Why a spec could not be read at all (the command exits 2). A spec that can be read but has
/// broken parts yields `ParsedSpec.problems` instead.
public enum SpecReadError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No file at this path.
    case notFound(String)
    /// The file is binary: it has NUL bytes or is not valid UTF-8 (or UTF-16/32 with a BOM).
    case notText(String)
    /// The file is text but not any spec kind that preflight knows.
    case unknownKind(String)
    /// The file exists but could not be read: path and reason.
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file"
        case .notText(let path): return "\(path): not a text file"
        case .unknownKind(let path):
            return "\(path): not a spec that preflight knows (conda environment, pip requirements, "
                + "Azure ML environment, pyproject.toml, MLflow python_env.yaml or Dockerfile); use --kind"
        case .unreadable(let path, let reason): return "\(path): cannot be read: \(reason)"
        }
    }
}
