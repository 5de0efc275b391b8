import PubGrub

/// A provider that loads what the solver asks for (listings, metadata, repodata) on request:
/// what the resolution driver needs beyond the solver's own questions.
protocol LoadingProvider: DependencyProvider, AnyObject, Sendable where Package: Sendable {
    /// Loads the root's requirements and, ahead of the solver, what they will most likely need.
    func loadRoot() async
    /// Loads a package's candidates.
    func loadCandidates(of package: Package) async
    /// Loads a candidate's dependencies (and, ahead, what they will most likely need).
    func load(_ package: Package, candidate: Int) async
    /// The first source that could not be reached, if any: the verdict is then unknown.
    var unreachable: String? { get }
}
