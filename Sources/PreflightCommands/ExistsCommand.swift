import ArgumentParser
import Checks
import Configuration
import Foundation
import Registries
import Reports
import Resolver

struct ExistsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exists",
        abstract: "Does a version exist for a target? (`numpy==1.24.4 --python 3.8 --platform linux`)",
        discussion: "Exit status: 0 available, 1 not available, 2 bad input or usage, 3 could not decide (a source could not be reached or answered garbage after retries).\n\n" + SettingProvenance.precedence
    )

    enum Source: String, ExpressibleByArgument, CaseIterable { case pypi, conda }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A PEP 508 requirement (--source pypi) or a conda MatchSpec (--source conda).")
    var requirement: String

    @Option(help: "pypi (default) or conda.")
    var source: Source = .pypi

    @Flag(name: .customLong("allow-sdist"), help: "Count a source distribution as available.")
    var allowSdist = false

    @Option(help: "text (default) or json.")
    var format: Format = .text

    @OptionGroup var colour: ColourOptions
    @OptionGroup var sources: SourceOptions
    @OptionGroup var targetOptions: TargetOptions

    /// A source option of the other ecosystem would be ignored: a silently wrong answer.
    func validate() throws {
        if source == .pypi && !sources.channels.isEmpty {
            throw ValidationError("--channel names a conda channel and applies to --source conda; for PyPI use --index-url or --extra-index-url")
        }
        if source == .conda && (sources.indexURL != nil || !sources.extraIndexURLs.isEmpty || !sources.findLinks.isEmpty) {
            throw ValidationError("--index-url, --extra-index-url and --find-links apply to --source pypi; for conda use --channel")
        }
    }

    func run() async throws {
        let console = sources.verbosity.apply()
        let context = try FetchContext(options: sources, console: console)
        let memo = context.memo(files: [], colour: format == .text && colour.style.colour)
        if let record = memo?.replay(offline: sources.offline) { try context.replay(record) }
        let targets = targetOptions.matrix.targets(defaults: context.config.targets)
        let settings = ConfiguredSettings.reported(context.config, flags: sources.settingsGiven.union(targetOptions.settingsGiven))
        if !settings.isEmpty { console.note(CheckTextReport.settingsLine(settings, style: TextStyle(colour: false))) }
        let results: [Availability]
        do {
            switch source {
            case .pypi: results = try await pypi(context: context, targets: targets)
            case .conda: results = try await conda(context: context, targets: targets)
            }
        } catch let failure as CommandFailure where failure.exitCode == 3 && format == .json {
            console.print(ExistsReport.unknownJSON(source: source.rawValue, requirement: requirement, name: normalizedName,
                                                 targets: targets, reason: failure.reason).rendered())
            throw failure
        }
        switch format {
        case .json:
            if results.count == 1 {
                console.print(ExistsReport.json(results[0]).rendered())
            } else {
                console.print(ExistsReport.matrixJSON(results).rendered())
            }
        default:
            let style = colour.style
            console.print(results.map { ExistsReport.text($0, style: style) }.joined(separator: "\n\n"))
        }
        for warning in Set(results.flatMap(\.warnings)).sorted() where format == .json {
            console.warning(warning)
        }
        let status: Int32 = results.allSatisfy(\.available) ? 0 : 1
        let printed = console.transcript
        memo?.store(status: status, stdout: printed.stdout, stderr: printed.stderr, files: [])
        if status != 0 { throw ExitCode(status) }
    }

    /// The answer's `name` of the requirement, for an answer without a verdict.
    private var normalizedName: String {
        switch source {
        case .pypi: return PyPILookup.name(of: requirement) ?? requirement
        case .conda: return CondaLookup.name(of: requirement) ?? requirement.lowercased()
        }
    }

    private func pypi(context: FetchContext, targets: [Target]) async throws -> [Availability] {
        let session = CheckSession()
        let lookup = PyPILookup(http: context.http, session: session, indexURLs: context.pypiIndexes(options: sources), findLinks: sources.findLinks,
                                projectListLifetime: context.config.cache.projectListLifetime)
        let answer: PyPILookup.Answer
        do {
            answer = try await lookup.availability(requirement: requirement, targets: targets, allowSdist: allowSdist)
        } catch PyPILookupError.invalidRequirement(let why) {
            throw CommandFailure(message: "invalid requirement '\(requirement)': \(why)", exitCode: 2)
        } catch PyPILookupError.directReference {
            throw CommandFailure(message: "'\(requirement)' is a direct URL reference: there is no index entry to check", exitCode: 2)
        } catch let error as RegistryError {
            throw CommandFailure(undecided: "\(error)")
        }
        if let why = answer.namesFailure { context.console.warning("no name suggestions: \(why)") }
        return answer.verdicts
    }

    private func conda(context: FetchContext, targets: [Target]) async throws -> [Availability] {
        let channels = sources.channels.isEmpty ? context.config.conda.defaultChannels : sources.channels
        do {
            return try await CondaLookup.availability(matchSpec: requirement, channels: channels, targets: targets,
                                                      http: context.http, settings: context.condaSettings)
        } catch let error as CondaLookupError {
            throw CommandFailure(message: "invalid MatchSpec '\(requirement)': \(error)", exitCode: 2)
        } catch let error as RegistryError {
            throw CommandFailure(undecided: "\(error)")
        }
    }
}
