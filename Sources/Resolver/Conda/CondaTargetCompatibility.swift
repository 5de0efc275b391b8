import Checks
import CondaPackaging

/// Whether a record can be installed on a target as far as `exists` judges: its `python` and
/// `python_abi` dependencies must admit the target's CPython, and its dependencies on the virtual
/// packages `__glibc`, `__osx`, `__win`, `__unix`, `__linux` and `__cuda` must be satisfied by the
/// target. Every other dependency is `check`'s business.
final class CondaTargetCompatibility {
    /// How a record fares on the target.
    struct Verdict: Sendable {
        /// `python` / `python_abi` dependencies the target's Python does not satisfy.
        var pythonFailures: [String] = []
        /// Virtual-package dependencies the target does not satisfy.
        var virtualFailures: [String] = []
        var isCompatible: Bool { pythonFailures.isEmpty && virtualFailures.isEmpty }
        var failsOnlyOnPython: Bool { !pythonFailures.isEmpty && virtualFailures.isEmpty }
    }

    let target: Target
    /// What the target's interpreter looks like to a MatchSpec: `python X.Y[.Z]` with a CPython
    /// build, and `python_abi X.Y` with build `…_cpXY`.
    private let python: PackageRecord
    private let pythonABI: PackageRecord
    /// The virtual packages the target has (name → record); a judged name absent here is unsatisfiable.
    private let virtuals: [String: PackageRecord]
    /// Outcome per dependency string: records of one package repeat the same few dependencies.
    private var outcomes: [String: Outcome] = [:]
    private enum Outcome { case notJudged, satisfied, pythonFailure, virtualFailure }

    /// The virtual packages `exists` judges: those a target states (glibc, macOS, CUDA, the OS family).
    static let judgedVirtuals: Set<String> = ["__glibc", "__osx", "__win", "__unix", "__linux", "__cuda"]

    init(target: Target) {
        self.target = target
        let (major, minor) = target.python.majorMinor
        python = PackageRecord(fileName: "", name: "python", version: target.python.text, build: "0_cpython")
        pythonABI = PackageRecord(fileName: "", name: "python_abi", version: "\(major).\(minor)",
                                  build: "0_cp\(major)\(minor)" + Self.abiFlags(major: major, minor: minor))
        var virtuals: [String: PackageRecord] = [:]
        for package in VirtualPackage.forTarget(subdir: target.platform, glibc: target.glibc, macos: target.macos,
                                                cuda: target.cuda, archspec: nil) {
            virtuals[package.name] = package.record
        }
        self.virtuals = virtuals
    }

    /// CPython's ABI flags in the `python_abi` build: `m` (pymalloc) up to 3.7, `mu` for 2.7 on
    /// Unix (wide unicode), nothing from 3.8 on (`*_cp37m`, `*_cp27mu`, `*_cp38`).
    static func abiFlags(major: Int, minor: Int) -> String {
        if major == 2 { return "mu" }
        if major == 3 && minor <= 7 { return "m" }
        return ""
    }

    func verdict(for record: PackageRecord) -> Verdict {
        var verdict = Verdict()
        for dependency in record.depends {
            switch outcome(of: dependency) {
            case .notJudged, .satisfied: continue
            case .pythonFailure: verdict.pythonFailures.append(dependency)
            case .virtualFailure: verdict.virtualFailures.append(dependency)
            }
        }
        return verdict
    }

    private func outcome(of dependency: String) -> Outcome {
        if let known = outcomes[dependency] { return known }
        let name = Self.leadingName(dependency)
        let outcome: Outcome
        if name == "python" || name == "python_abi" {
            if let spec = try? MatchSpec(dependency) {
                outcome = spec.matches(name == "python" ? python : pythonABI) ? .satisfied : .pythonFailure
            } else {
                outcome = .notJudged  // unreadable: not judged
            }
        } else if Self.judgedVirtuals.contains(name) {
            if let spec = try? MatchSpec(dependency) {
                outcome = satisfies(spec, virtual: name) ? .satisfied : .virtualFailure
            } else {
                outcome = .notJudged
            }
        } else {
            outcome = .notJudged
        }
        outcomes[dependency] = outcome
        return outcome
    }

    private func satisfies(_ spec: MatchSpec, virtual name: String) -> Bool {
        guard let present = virtuals[name] else {
            // A Linux target whose glibc was not stated (or macOS without a version) cannot be judged: accept.
            if name == "__glibc" && target.isLinux && target.glibc == nil { return true }
            if name == "__osx" && target.isMacOS && target.macos == nil { return true }
            return false
        }
        // The kernel version of the machine the image will run on is unknown: `__linux` is
        // judged by presence only, as are `__unix` and `__win`, which carry no version.
        if name == "__linux" || name == "__unix" || name == "__win" { return true }
        return spec.matches(present)
    }

    /// The package name a dependency string starts with (`python>=3.8` → `python`), lower case.
    static func leadingName(_ dependency: String) -> String {
        let utf8 = dependency.utf8
        guard let start = utf8.firstIndex(where: { $0 != UInt8(ascii: " ") }) else { return "" }
        let stops: [UInt8] = Array(" <>=!~[;(".utf8)
        let end = utf8[start...].firstIndex(where: { stops.contains($0) }) ?? utf8.endIndex
        let name = Substring(utf8[start..<end])
        return name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? name.lowercased() : String(name)
    }
}
