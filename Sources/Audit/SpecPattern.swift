import Specs

/// Which files under a directory the audit treats as specs: a glob on the name or relative
/// path, and which detected kinds it accepts for files that match it.
///
/// Several patterns may match one file; the first that matches decides.
package struct SpecPattern: Sendable {
    package var glob: PathGlob
    /// Whether a file matching the glob is taken, given its detected kind and its contents.
    package var discovery: SpecFileName.Discovery

    package init(_ glob: String, _ discovery: SpecFileName.Discovery) {
        self.glob = PathGlob(glob)
        self.discovery = discovery
    }

    /// Takes whatever `SpecReader.detectKind` recognises.
    package static func anyKind(_ glob: String) -> SpecPattern {
        SpecPattern(glob, .anyKind)
    }

    /// The usual names of environment specs: every pattern of the rows of `SpecFileNames.table`
    /// that are discovered by default, in its order, each taking what its row accepts.
    package static let defaults: [SpecPattern] = SpecFileNames.table.flatMap { row in
        row.discovery.map { discovery in row.patterns.map { SpecPattern($0, discovery) } } ?? []
    }

    /// The glob strings of `defaults`, for help texts.
    package static var defaultGlobs: [String] { defaults.map(\.glob.pattern) }
}
