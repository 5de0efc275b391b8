import ArgumentParser

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Nightly availability audit over many specs, with history and a diff (not built yet).")

    @Argument(help: "Spec files or directories.")
    var paths: [String]

    @Option(help: "Directory for report.json, report.md and report.html.")
    var out: String?

    @Option(help: "A previous audit's output directory, to list what broke and what was fixed.")
    var previous: String?

    func run() async throws {
        throw CommandFailure(message: "audit is not built yet; run `preflight check` on the specs instead", exitCode: 2)
    }
}
