import Foundation
import PubGrub
import Transport

/// Runs the solver over a loading provider: solve until it needs something, load it, solve on.
struct Resolution<Provider: LoadingProvider> {
    enum Outcome {
        /// The chosen candidate of every package.
        case resolved([Provider.Package: Int])
        case unsatisfiable(Explanation<Provider.Package>)
        /// A source could not be reached: the verdict is unknown.
        case unreachable(String)
        /// Stopped at the limit; the packages it was backtracking over, most first.
        case tooComplex([String])
    }

    let provider: Provider
    let root: Provider.Package
    /// Wall-clock limit of the whole resolution.
    let maxSeconds: Double

    func run() async -> Outcome {
        let solver = Solver<Provider>(root: root)
        await provider.loadRoot()
        // The limit is on the search: the first concurrent load of the tree is bounded by the
        // transport's own time limits, and in an audit it waits its turn behind other specs.
        let deadline = Date().addingTimeInterval(maxSeconds)
        var solving = 0.0, loading = 0.0, rounds = 0
        defer {
            Trace.log(String(format: "resolution: %d loads (%.2f s), solving %.2f s, %d steps, conflicts %@", rounds, loading, solving,
                             solver.steps, busiest(solver).joined(separator: " ")))
        }
        while true {
            let began = Date()
            let outcome = solver.solve(provider, shouldStop: { Date() > deadline })
            solving += Date().timeIntervalSince(began)
            rounds += 1
            if let why = provider.unreachable { return .unreachable(why) }
            let loadStarted = Date()
            switch outcome {
            case .solved(let chosen):
                return .resolved(chosen)
            case .unsatisfiable(let root):
                return .unsatisfiable(Explanation(root, rootPackage: self.root, provider: provider))
            case .needsCandidates(let package):
                await provider.loadCandidates(of: package)
            case .needsDependencies(let package, let candidate):
                await provider.load(package, candidate: candidate)
            case .stopped:
                return .tooComplex(busiest(solver))
            }
            loading += Date().timeIntervalSince(loadStarted)
            if Date() > deadline { return .tooComplex(busiest(solver)) }
        }
    }

    private func busiest(_ solver: Solver<Provider>) -> [String] {
        var counted: [(name: String, count: Int)] = []
        for (package, count) in solver.conflicts { counted.append((provider.name(of: package), count)) }
        counted.sort { a, b in a.count != b.count ? a.count > b.count : a.name < b.name }
        return counted.prefix(5).map(\.name)
    }
}
