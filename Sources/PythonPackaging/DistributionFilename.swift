/// A file of a project release that pip can install from: a wheel or a source distribution.
/// Everything else an index lists (`.exe`, `.egg`, `.msi`, `.rpm`, `.dmg`, …) is neither.
package enum DistributionFilename: Sendable, Hashable, CustomStringConvertible {
    case wheel(WheelFilename)
    case sdist(SdistFilename)

    /// Classifies a file of project `projectName`. Nil for other formats, for names that do not
    /// parse, and for files of another project (a wheel whose normalized name differs, an sdist
    /// whose name does not start with the project's), which pip skips as well.
    package static func parse(_ filename: String, projectName: String) -> DistributionFilename? {
        if filename.unicodeScalars.reversed().starts(with: ".whl".unicodeScalars.reversed()) {
            guard let wheel = WheelFilename.parse(filename), wheel.name == normalizeProjectName(projectName) else {
                return nil
            }
            return .wheel(wheel)
        }
        return SdistFilename.parse(filename: filename, projectName: projectName).map { .sdist($0) }
    }

    package var version: Version {
        switch self {
        case .wheel(let wheel): return wheel.version
        case .sdist(let sdist): return sdist.version
        }
    }

    /// The normalized project name.
    package var name: String {
        switch self {
        case .wheel(let wheel): return wheel.name
        case .sdist(let sdist): return sdist.name
        }
    }

    package var filename: String {
        switch self {
        case .wheel(let wheel): return wheel.filename
        case .sdist(let sdist): return sdist.filename
        }
    }

    package var isWheel: Bool {
        if case .wheel = self { return true }
        return false
    }

    package var description: String { filename }
}

/// Classifies the files of one project, as `DistributionFilename.parse` does, working out the
/// project's normalized name and each distinct wheel tag triple once: a big project lists
/// thousands of wheels over a few dozen triples.
package struct ProjectFilenameParser {
    package let projectName: String
    private let normalizedName: String
    private let tagTriples = TagTriples()

    private final class TagTriples {
        var parsed: [String: [Tag]] = [:]
    }

    package init(projectName: String) {
        self.projectName = projectName
        normalizedName = normalizeProjectName(projectName)
    }

    package func parse(_ filename: String) -> DistributionFilename? {
        guard filename.unicodeScalars.reversed().starts(with: ".whl".unicodeScalars.reversed()) else {
            return SdistFilename.parse(filename: filename, projectName: projectName).map { .sdist($0) }
        }
        let memo = tagTriples
        let wheel = try? WheelFilename(filename) { (triple: String) throws(TagError) -> [Tag] in
            if let tags = memo.parsed[triple] { return tags }
            let tags = try Tag.parse(triple)
            memo.parsed[triple] = tags
            return tags
        }
        guard let wheel, wheel.name == normalizedName else { return nil }
        return .wheel(wheel)
    }
}
