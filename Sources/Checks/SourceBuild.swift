import Foundation

/// What building a source distribution at install time takes, as far as it can be known before
/// the build, and the one way every finding says it. Most sdist-only packages are pure Python
/// (fusepy, docopt) and build anywhere pip runs; "needs a compiler" is said only with evidence:
/// the project ships platform wheels and never a pure-Python one (so it has compiled code), or
/// its metadata declares a compiled language. Pure: no I/O.
package struct SourceBuild: Sendable, Hashable {
    /// Why the build needs a compiler; nil when nothing says it does.
    package var compilerEvidence: String?

    package init(compilerEvidence: String? = nil) {
        self.compilerEvidence = compilerEvidence
    }

    /// Nothing is known about the project (a source archive named by URL).
    package static let unknown = SourceBuild()

    package var needsCompiler: Bool { compilerEvidence != nil }

    /// A build that needs a compiler fails in an image without one (the slim images have none):
    /// a warning. A pure-Python build only takes time: worth knowing, not a problem.
    package var severity: Finding.Severity { needsCompiler ? .warning : .info }

    /// The consequence, for the end of a finding's sentence.
    package var consequence: String {
        compilerEvidence.map { "the build needs a compiler (\($0)) and may fail" } ?? "it builds from source at install time"
    }

    /// Trove classifiers of languages whose code is compiled when an sdist is built.
    package static let compiledLanguages = ["C", "C++", "Cython", "Rust", "Fortran", "Go"]

    /// The same, with what the sdist's metadata declares.
    package func declaring(classifiers: [String]) -> SourceBuild {
        guard !needsCompiler else { return self }
        for classifier in classifiers {
            let parts = classifier.components(separatedBy: " :: ")
            if parts.count >= 2, parts[0] == "Programming Language", Self.compiledLanguages.contains(parts[1]) {
                return SourceBuild(compilerEvidence: "its metadata declares \(parts[0]) :: \(parts[1])")
            }
        }
        return self
    }
}
