/// A node of the pip-side resolution: the spec itself, a project, or a project with one extra
/// (a virtual package, as uv models extras: it depends on the project at the same version and on
/// the requirements that the extra's marker turns on).
enum PipPackage: Hashable, Sendable {
    case root
    case project(String)
    case extra(String, String)

    /// The project whose candidates this package ranges over.
    var project: String? {
        switch self {
        case .root: return nil
        case .project(let name), .extra(let name, _): return name
        }
    }
}
