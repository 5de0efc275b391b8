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
        /// Stopped at a limit (`stopped` says which, as "after …"); the packages it was
        /// backtracking over, most first.
        case tooComplex([String], stopped: String)
    }

    let provider: Provider
    let root: Provider.Package
    /// Limit of the search itself; the whole resolution, loads included, gets `wallFactor` times it.
    let maxSeconds: Double
    /// The limit guards against a search that explodes, not against a slow index (each request
    /// has its own time limits): in a cold audit, 64 specs load metadata at once and a resolution
    /// that searches for 0.2 s can wait 30 s for its pages. A search that keeps loading new
    /// versions is still stopped, later.
    static var wallFactor: Double { 4 }

    func run() async -> Outcome {
        let solver = Solver<Provider>(root: root)
        await provider.loadRoot()
        // Both limits start after the first concurrent load of the tree, which the transport's
        // own time limits bound (in an audit it waits its turn behind other specs).
        let wallDeadline = Date().addingTimeInterval(maxSeconds * Self.wallFactor)
        var solving = 0.0, loading = 0.0, rounds = 0
        defer {
            Trace.log(String(format: "resolution: %d loads (%.2f s), solving %.2f s, %d steps, conflicts %@", rounds, loading, solving,
                             solver.steps, busiest(solver).joined(separator: " ")))
        }
        let searchLimit = "after \(Int(maxSeconds)) s of search (resolver.max_seconds)"
        let wallLimit = "after \(Int(maxSeconds * Self.wallFactor)) s, most of it loading package metadata (\(Int(Self.wallFactor)) × resolver.max_seconds)"
        while true {
            let began = Date()
            let searchDeadline = began.addingTimeInterval(maxSeconds - solving)
            let outcome = solver.solve(provider, shouldStop: { let now = Date(); return now > searchDeadline || now > wallDeadline })
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
                return .tooComplex(busiest(solver), stopped: solving >= maxSeconds ? searchLimit : wallLimit)
            }
            loading += Date().timeIntervalSince(loadStarted)
            if solving >= maxSeconds { return .tooComplex(busiest(solver), stopped: searchLimit) }
            if Date() > wallDeadline { return .tooComplex(busiest(solver), stopped: wallLimit) }
        }
    }

    private func busiest(_ solver: Solver<Provider>) -> [String] {
        var counted: [(name: String, count: Int)] = []
        for (package, count) in solver.conflicts { counted.append((provider.name(of: package), count)) }
        counted.sort { a, b in a.count != b.count ? a.count > b.count : a.name < b.name }
        return counted.prefix(5).map(\.name)
    }
}
