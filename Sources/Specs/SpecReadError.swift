/// Why a spec could not be read at all (the command exits 2). A spec that can be read but has
/// broken parts yields `ParsedSpec.problems` instead.
package enum SpecReadError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No file at this path.
    case notFound(String)
    /// The file is binary: it has NUL bytes or is not valid UTF-8 (or UTF-16/32 with a BOM).
    case notText(String)
    /// The file is text but not any spec kind that preflight knows.
    case unknownKind(String)
    /// The file exists but could not be read: path and reason.
    case unreadable(String, String)

    package var path: String {
        switch self {
        case .notFound(let path), .notText(let path), .unknownKind(let path), .unreadable(let path, _): return path
        }
    }

    /// Why, without the path: for a report that already names the file.
    package var reason: String {
        switch self {
        case .notFound: return "no such file"
        case .notText: return "not a text file (it has NUL bytes, or is neither UTF-8 nor UTF-16/32 with a byte-order mark)"
        case .unknownKind:
            return "not a spec that preflight knows (conda environment, pip requirements, "
                + "Azure ML environment, pyproject.toml, MLflow python_env.yaml or Dockerfile); use --kind"
        case .unreadable(_, let reason): return "cannot be read: \(reason)"
        }
    }

    package var description: String {
        switch self {
        case .notText(let path): return "\(path): not a text file"
        default: return "\(path): \(reason)"
        }
    }
}
