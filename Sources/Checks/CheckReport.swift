/// The outcome of checking one spec file.
package struct SpecReport: Sendable, Codable {
    package var path: String
    package var kind: String
    package var targets: [Target]
    package var findings: [Finding]
    /// One entry per target when the spec was resolved (empty with `--no-resolve`).
    package var resolution: [ResolutionEntry]

    package init(path: String, kind: String, targets: [Target], findings: [Finding], resolution: [ResolutionEntry] = []) {
        self.path = path
        self.kind = kind
        self.targets = targets
        self.findings = findings
        self.resolution = resolution
    }
}

/// Everything `check` (and `audit`) found.
package struct CheckReport: Sendable {
    package var specs: [SpecReport]
    /// The settings that came from files or the environment (none when only flags and defaults were used).
    package var settings: [ReportedSetting] = []
    package init(specs: [SpecReport]) { self.specs = specs }

    package var errors: Int { specs.reduce(0) { $0 + $1.findings.filter { $0.severity == .error }.count } }
    package var warnings: Int { specs.reduce(0) { $0 + $1.findings.filter { $0.severity == .warning }.count } }
    /// Of `errors`, the `source-unreachable` ones: one per unreachable source and spec.
    package var unreachableSources: Int { unreachable.count }
    /// Every `source-unreachable` finding, in report order.
    package var unreachable: [Finding] { specs.flatMap(\.findings).filter { $0.code == .sourceUnreachable } }

    /// The exit status scripts branch on: 0 no errors, 3 only source-unreachable errors, 1 otherwise.
    package var exitStatus: Int32 {
        let errors = specs.flatMap(\.findings).filter { $0.severity == .error }
        if errors.isEmpty { return 0 }
        return errors.allSatisfy { $0.code == .sourceUnreachable } ? 3 : 1
    }
}
