import Foundation
import PubGrub
import PythonPackaging
import Registries
import Transport

/// Resolves a spec's pip requirements for one target with PubGrub, loading listings and
/// metadata as the solver asks for them.
struct PipResolution {
    enum Outcome {
        case resolved([ResolutionEntry.Package])
        case unsatisfiable(Explanation<PipPackage>)
        /// A source could not be reached: the verdict is unknown.
        case unreachable(String)
        /// Stopped at the limit; the packages it was backtracking over, most first.
        case tooComplex([String])
    }

    let provider: PipProvider
    /// Wall-clock limit of the whole resolution.
    let maxSeconds: Double

    func run() async -> Outcome {
        let deadline = Date().addingTimeInterval(maxSeconds)
        let solver = Solver<PipProvider>(root: .root)
        await provider.loadRoot()
        var solving = 0.0, loading = 0.0, rounds = 0
        defer {
            Trace.log(String(format: "resolution: %d loads (%.2f s), solving %.2f s, %d steps, conflicts %@", rounds, loading, solving,
                             solver.steps, solver.conflicts.sorted { $0.value > $1.value }.prefix(5).map { "\(provider.name(of: $0.key))×\($0.value)" }.joined(separator: " ")))
        }
        while true {
            let began = Date()
            let outcome = solver.solve(provider, shouldStop: { Date() > deadline })
            solving += Date().timeIntervalSince(began)
            rounds += 1
            let loadStarted = Date()
            defer { loading += Date().timeIntervalSince(loadStarted) }
            if let why = provider.unreachable { return .unreachable(why) }
            switch outcome {
            case .solved(let chosen):
                return .resolved(packages(chosen))
            case .unsatisfiable(let root):
                return .unsatisfiable(Explanation(root, rootPackage: .root, provider: provider))
            case .needsCandidates(let package):
                if let project = package.project { await provider.loadProject(project) }
            case .needsDependencies(let package, let candidate):
                await provider.load(package, candidate: candidate)
            case .stopped:
                let busiest = solver.conflicts.sorted { $0.value > $1.value || ($0.value == $1.value && "\($0.key)" < "\($1.key)") }
                return .tooComplex(busiest.prefix(5).map { provider.name(of: $0.key) })
            }
            if Date() > deadline {
                let busiest = solver.conflicts.sorted { $0.value > $1.value }
                return .tooComplex(busiest.prefix(5).map { provider.name(of: $0.key) })
            }
        }
    }

    private func packages(_ chosen: [PipPackage: Int]) -> [ResolutionEntry.Package] {
        var out: [ResolutionEntry.Package] = []
        for (package, candidate) in chosen {
            guard case .project(let name) = package, let project = provider.candidates(name) else { continue }
            out.append(ResolutionEntry.Package(name: name, version: project.texts[candidate], source: "pypi",
                                               filename: project.files[candidate]?.filename))
        }
        return out.sorted { $0.name < $1.name }
    }
}
