import ArgumentParser

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate environment specs before an image is built.")

    @Argument(help: "Spec files: environment.yml / conda.yaml, requirements*.txt, Azure ML environment YAML/JSON, pyproject.toml.")
    var specs: [String]

    func run() async throws {
        throw CommandFailure(message: "check is not available in this build yet", exitCode: 2)
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Nightly availability audit over many specs, with history and a diff.")

    @Argument(help: "Spec files or directories.")
    var paths: [String]

    func run() async throws {
        throw CommandFailure(message: "audit is not available in this build yet", exitCode: 2)
    }
}
