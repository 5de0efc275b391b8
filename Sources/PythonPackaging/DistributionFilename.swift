/// A file of a project release that pip can install from: a wheel or a source distribution.
/// Everything else an index lists (`.exe`, `.egg`, `.msi`, `.rpm`, `.dmg`, …) is neither.
public enum DistributionFilename: Sendable, Hashable, CustomStringConvertible {
    case wheel(WheelFilename)
    case sdist(SdistFilename)

    /// Classifies a file of project `projectName`. Nil for other formats, for names that do not
    /// parse, and for files of another project (a wheel whose normalized name differs, an sdist
    /// whose name does not start with the project's), which pip skips as well.
    public static func parse(_ filename: String, projectName: String) -> DistributionFilename? {
        if filename.unicodeScalars.reversed().starts(with: ".whl".unicodeScalars.reversed()) {
            guard let wheel = WheelFilename.parse(filename), wheel.name == normalizeProjectName(projectName) else {
                return nil
            }
            return .wheel(wheel)
        }
        return SdistFilename.parse(filename: filename, projectName: projectName).map { .sdist($0) }
    }

    public var version: Version {
        switch self {
        case .wheel(let wheel): return wheel.version
        case .sdist(let sdist): return sdist.version
        }
    }

    /// The normalized project name.
    public var name: String {
        switch self {
        case .wheel(let wheel): return wheel.name
        case .sdist(let sdist): return sdist.name
        }
    }

    public var filename: String {
        switch self {
        case .wheel(let wheel): return wheel.filename
        case .sdist(let sdist): return sdist.filename
        }
    }

    public var isWheel: Bool {
        if case .wheel = self { return true }
        return false
    }

    public var description: String { filename }
}
