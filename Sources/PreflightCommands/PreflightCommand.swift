import ArgumentParser
import Foundation

package struct PreflightCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Check that every package of an environment spec exists for the image's platform and Python, before the image is built.",
        discussion: """
        Sources: PyPI-compatible indexes (JSON and simple APIs) and conda channels (repodata).
        Exit status: 0 fine, 1 problems found, 2 bad input or usage, 3 a source could not be reached.
        """,
        version: PreflightVersion.current,
        subcommands: [ExistsCommand.self, CheckCommand.self, AuditCommand.self, CacheCommand.self]
    )
    package init() {}

    /// Runs the command line with preflight's exit statuses (usage errors are 2, as scripts expect, not ArgumentParser's 64).
    package static func runMain() async -> Never {
        if let typo = SubcommandSuggestion.message(for: Array(CommandLine.arguments.dropFirst())) {
            Console().error(typo)
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let failure as CommandFailure {
            Console().error(failure.message)
            Foundation.exit(failure.exitCode)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Console().print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Console().write(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}
