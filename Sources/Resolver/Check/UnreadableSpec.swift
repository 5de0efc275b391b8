import Checks
extension SpecReport {
    /// A spec that could not be read at all, as the report shows it: kind `unknown`, no targets,
    /// and one `invalid-spec` error that says why. Without it a JSON, SARIF or JUnit reader would
    /// see an unreadable spec as a clean run (the exit status 2 alone is easy to lose in CI).
    package static func unreadable(_ failure: CheckRunner.ReadFailure) -> SpecReport {
        SpecReport(path: failure.path, kind: "unknown", targets: [], findings: [
            FindingSite(path: failure.path).finding(.invalidSpec, "cannot read the spec: \(failure.message)"),
        ])
    }
}
