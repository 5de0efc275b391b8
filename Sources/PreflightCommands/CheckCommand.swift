import ArgumentParser
import Checks
import Configuration
import Foundation
import Reports
import Resolver
import Specs

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate environment specs before an image is built.",
        discussion: """
        Reads conda environment files (with their pip: section), pip requirements files, Azure ML
        environment definitions (v2 YAML, v1 JSON), pyproject.toml and MLflow python_env.yaml.
        Exit status: 0 no errors, 1 errors found, 2 a spec could not be read or usage error,
        3 the only errors are unreachable sources (some verdicts are unknown).

        \(SettingProvenance.precedence)
        """
    )

    @Argument(help: "Spec files: environment.yml / conda.yaml, requirements*.txt, Azure ML environment YAML/JSON, pyproject.toml; - reads one from stdin (its kind from --kind, else detected from the contents).")
    var specs: [String]

    @Option(help: "Override the detected spec kind: \(SpecKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String?

    @Option(help: "text (default), json, sarif, github, junit or azure (Azure Pipelines logging commands; also ado).")
    var format: OutputFormat = .text

    @OptionGroup var colour: ColourOptions

    @Option(help: "With --format sarif: the first part of each run's code-scanning category (preflight/py3.8-linux-64/); workflows that check different specs for the same target need different ones.")
    var sarifCategory: String = "preflight"

    @OptionGroup var checking: CheckOptions
    @OptionGroup var sources: SourceOptions
    @OptionGroup var targetOptions: TargetOptions

    func validate() throws {
        if let kind, SpecKind(rawValue: kind) == nil {
            throw ValidationError("unknown --kind '\(kind)'; use one of \(SpecKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try checking.validate(with: sources)
        if specs.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (stdin) can be given once") }
    }

    func run() async throws {
        // A directory is what `audit` takes; `check` would only call it an unreadable spec.
        for path in specs where path != "-" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CommandFailure(message: "\(path) is a directory: check reads spec files; to check every spec under it, "
                                     + "run preflight audit \(path) --out DIR", exitCode: 2)
            }
        }
        let started = Date()
        let console = sources.verbosity.apply()
        let context = try FetchContext(options: sources, console: console)
        var options = checking.runnerOptions(sources: sources, targets: targetOptions, context: context)
        options.kind = kind.flatMap(SpecKind.init(rawValue:))
        let stdin = specs.contains("-") ? try StandardInputSpec.read() : nil
        defer { stdin?.remove() }
        let paths = specs.map { $0 == "-" ? stdin!.path : $0 }
        // What was piped in is not on disk to compare with next time: such a run is never replayed.
        let memo = stdin == nil ? context.memo(files: specs, colour: format == .text && colour.style.colour) : nil
        if let record = memo?.replay(offline: sources.offline) { try context.replay(record) }
        let runner = CheckRunner(http: context.http, config: context.config, options: options, session: CheckSession())
        var (report, failures) = await runner.check(paths: paths)
        report.settings = ConfiguredSettings.reported(context.config, flags: checking.settingsGiven(with: sources).union(targetOptions.settingsGiven))
        if let stdin {
            stdin.relabel(&report)
            failures = failures.map { $0.path == stdin.path ? .init(path: "-", message: $0.message) : $0 }
        }
        runner.finish()
        for failure in failures { console.error("cannot read \(failure)") }
        // A replayed memo prints the timing of the run it recorded: the verdict's own.
        let timing = JUnitTiming.measured(start: started, end: Date(), sourceDateEpoch: AuditClock.sourceDateEpoch())
        let output = Rendering.render(report, format: format, style: colour.style, sarifCategory: sarifCategory, timing: timing)
        if !output.isEmpty { console.print(output) }
        if !failures.isEmpty { throw ExitCode(2) }
        let status = report.exitStatus
        // An unknown verdict (a source down, a resolution stopped at its limit) is asked again next time.
        if !report.specs.contains(where: { spec in
            spec.findings.contains { $0.code == .sourceUnreachable } || spec.resolution.contains { $0.status == .unknown }
        }) {
            let printed = console.transcript
            memo?.store(status: status, stdout: printed.stdout, stderr: printed.stderr,
                        files: runner.filesRead)
        }
        if status != 0 { throw ExitCode(status) }
    }
}

enum Rendering {
    /// Paths in SARIF and annotations are made relative to the working directory, the checkout
    /// in a CI job (it is part of the command memo's key, so a replay says the same).
    static func render(_ report: CheckReport, format: OutputFormat, style: TextStyle, sarifCategory: String = "preflight",
                       timing: JUnitTiming? = nil) -> String {
        let root = FileManager.default.currentDirectoryPath
        switch format {
        case .text: return CheckTextReport.text(report, style: style)
        case .json: return CheckJSONReport.json(report).rendered()
        case .sarif:
            return SARIFReport.sarif(report, toolVersion: PreflightVersion.current,
                                     codeScanning: SARIFCodeScanning(category: sarifCategory, root: root)).rendered()
        case .github: return GitHubAnnotations.lines(report, root: root)
        case .azure: return AzureDevOpsLoggingCommands.lines(report, root: root)
        case .junit: return JUnitReport.xml(report, timing: timing)
        }
    }
}

enum PreflightVersion {
    static let current = "0.1.0"
}
