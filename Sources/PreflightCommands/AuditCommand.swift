import ArgumentParser
import Configuration
import Foundation
import Reports
import Audit
import Resolver
import Transport

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Nightly availability audit over many specs, with history and a diff.",
        discussion: """
        `preflight audit SPEC_OR_DIR... --out DIR [--previous DIR]` checks every spec found (one shared fetch of each index page) and writes DIR/report.json (the check JSON plus per-finding first_seen and an "audit" object), DIR/report.md, DIR/report.html and DIR/history.json. With --previous it lists what broke and what was fixed since that run.

        Exit status: 0 no new errors; 1 errors appeared that the previous run did not have (on a first run, without --previous, every error is new); 2 usage error, or an input or the previous report could not be read; 3 the only new errors are unreachable sources.

        A CI matrix can split the work with --shard K/N and combine the shards' directories with `preflight audit merge DIR... --out DIR`. Where a job engine fans out the jobs (a Kubernetes Indexed Job: past the 256 jobs of a GitHub Actions matrix), --shard auto/N takes K from the job's environment (JOB_COMPLETION_INDEX, counted from 0); see Config/examples/audit-indexed-job.yaml.

        \(SettingProvenance.precedence)
        """,
        subcommands: [Run.self, Merge.self],
        defaultSubcommand: Run.self
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Audit spec files and directories (the default: `preflight audit PATH... --out DIR`).",
            discussion: """
            Directories are searched for specs: by default \(SpecPattern.defaultGlobs.joined(separator: ", ")) (a file is taken only when its contents are a spec of a kind its name allows: other YAML only as an Azure ML v2 environment or a conda environment with channels, JSON only as an Azure ML v1 environment). .gitignore files are honoured; .git, .build and node_modules are skipped. Files named on the command line are always audited. Specs are reported relative to the working directory.

            Exit status: 0 no new errors; 1 errors appeared that the previous run did not have (on a first run every error is new); 2 usage error or unreadable input; 3 the only new errors are unreachable sources.

            \(SettingProvenance.precedence)
            """
        )

        @Argument(help: "Spec files or directories to search for specs.")
        var paths: [String] = []

        @Option(help: "Directory to write report.json, report.md, report.html and history.json to.")
        var out: String?

        @Option(help: "A previous audit's output directory: report what broke and what was fixed since.")
        var previous: String?

        @Option(name: .customLong("include"), help: "Glob of spec files to take under directories (repeatable; replaces the defaults). `*.yml` matches the name, `envs/**/*.yml` the path.")
        var includes: [String] = []

        @Option(name: .customLong("exclude"), help: "Glob of files or directories to leave out (repeatable).")
        var excludes: [String] = []

        @Flag(name: .customLong("no-gitignore"), help: "Do not honour .gitignore files.")
        var noGitignore = false

        @Option(help: ArgumentHelp(
            "Audit only shard K of N: K/N (1-based) for a CI matrix, or auto/N (auto alone where the engine states N) to take K from the job's environment; combine the shards with `preflight audit merge`.",
            discussion: "auto reads the index of the first of these that is set: "
                + AuditShardSelection.engines.map { "\($0.indexVariable) (\($0.name), from \($0.base)\($0.countVariable.map { "; N from " + $0 } ?? ""))" }.joined(separator: ", ")
                + ".",
            valueName: "K/N|auto/N"))
        var shard: String?

        @Option(help: "Heading of report.md and report.html.")
        var title: String = "Preflight audit"

        @OptionGroup var repository: RepositoryLinkOptions

        @Flag(name: .customLong("list"), help: "Print the specs that would be audited, one per line, and exit.")
        var list = false

        @OptionGroup var checking: CheckOptions
        @OptionGroup var sources: SourceOptions
        @OptionGroup var targetOptions: TargetOptions

        func validate() throws {
            if paths.isEmpty { throw ValidationError("name at least one spec file or directory") }
            try repository.validate()
            if out == nil && !list { throw ValidationError("--out DIR is required") }
            if let shard, AuditShardSelection(parsing: shard) == nil {
                throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N, auto/N or auto, got '\(shard)'")
            }
            try checking.validate(with: sources)
        }

        func run() async throws {
            let console = sources.verbosity.apply()
            let generated = AuditClock.now()
            let shard = try shard.flatMap(AuditShardSelection.init(parsing:)).map { try Self.resolve($0, console: console) }

            var discovery = SpecDiscovery()
            if !includes.isEmpty { discovery.include = includes.map(SpecPattern.anyKind) }
            discovery.exclude = excludes.map(PathGlob.init)
            discovery.honourGitignore = !noGitignore
            var found = discovery.discover(paths)
            if !found.missing.isEmpty && (list || found.missing.contains("")) {
                throw CommandFailure(message: "no such file or directory: \(found.missing.joined(separator: ", "))", exitCode: 2)
            }
            // A named path that does not exist is an unreadable named spec like any other: in the
            // reports as an invalid-spec error ("no such file"), and exit 2.
            let cwd = FileManager.default.currentDirectoryPath
            for path in found.missing.map({ DisplayPath.normalized($0, workingDirectory: cwd) }) where found.named.insert(path).inserted {
                found.specs.append(path)
            }
            found.specs.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let specs = shard.map { shard in found.specs.filter(shard.contains) } ?? found.specs
            if list {
                if !specs.isEmpty { console.print(specs.joined(separator: "\n")) }
                return
            }
            guard let out else { throw CommandFailure(message: "--out DIR is required", exitCode: 2) }

            let earlier = try previous.map { try AuditCommand.readPrevious($0, generated: generated) }
            if specs.isEmpty { console.warning("no specs found under \(paths.joined(separator: ", "))\(shard.map { " in shard \($0)" } ?? "")") }

            let context = try FetchContext(options: sources, console: console)
            let options = checking.runnerOptions(sources: sources, targets: targetOptions, context: context)
            // One session for every spec: each listing is parsed and each verdict judged once for all of them.
            let runner = CheckRunner(http: context.http, config: context.config, options: options, session: CheckSession())

            let progress = ProgressDisplay(quiet: console.quiet)
            progress.start(total: specs.count)
            context.http.onWarning = { progress.message("warning: " + $0) }
            var (report, unreadable) = await AuditChecker(runner: runner, width: max(2, context.config.network.concurrency))
                .check(paths: specs, named: found.named) { done, total, path in progress.update(done: done, total: total, path: path) }
            report.settings = ConfiguredSettings.reported(context.config, flags: checking.settingsGiven(with: sources).union(targetOptions.settingsGiven))
            progress.finish()
            runner.finish()
            for item in unreadable { console.error("cannot read \(item.path): \(item.message)") }

            let run = AuditDiff.run(report: report, generated: generated, previous: earlier?.0, shard: shard, unreadable: unreadable)
            let history = (earlier?.1 ?? AuditHistory()).wholeAudits.appending(.init(run: run))
            try AuditCommand.write(run, history: history, to: out, title: title, links: repository.links, console: console)
            if run.exitStatus != 0 { throw ExitCode(run.exitStatus) }
        }

        /// The shard this job runs; one taken from the environment is named on stderr, so a
        /// job's log says which part of the audit it did.
        static func resolve(_ selection: AuditShardSelection, console: Console) throws -> AuditShard {
            do {
                let (shard, source) = try selection.resolve(environment: ProcessInfo.processInfo.environment)
                if let source { console.note("audit: shard \(shard) (\(source))") }
                return shard
            } catch {
                throw CommandFailure(message: error.description, exitCode: 2)
            }
        }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Combine the output directories of `audit --shard K/N` runs into one audit.",
            discussion: """
            The merged report.json has the same specs and findings as an unsharded run. With --previous the merged run is compared with that audit; without it, the shards' own comparisons are combined. Exit status as for `preflight audit`.
            """
        )

        @Argument(help: "Output directories of the shards.")
        var directories: [String] = []

        @Option(help: "Directory to write the merged report.json, report.md, report.html and history.json to.")
        var out: String

        @Option(help: "A previous audit's output directory to compare the merged audit with.")
        var previous: String?

        @Option(help: "Heading of report.md and report.html.")
        var title: String = "Preflight audit"

        @OptionGroup var repository: RepositoryLinkOptions

        func validate() throws {
            if directories.isEmpty { throw ValidationError("name the shards' output directories") }
            try repository.validate()
        }

        func run() async throws {
            let console = Console()
            let generated = AuditClock.now()
            var shards: [AuditRun] = []
            var histories: [AuditHistory] = []
            for directory in directories {
                do {
                    let (run, history) = try AuditOutputDirectory(path: directory).read(fallbackGenerated: generated)
                    shards.append(run)
                    histories.append(history)
                } catch {
                    throw CommandFailure(message: "cannot read the shard \(directory): \(error)", exitCode: 2)
                }
            }
            let outcome = AuditMerge.merge(shards)
            for warning in outcome.warnings { console.warning(warning) }
            var run = outcome.run
            var history: AuditHistory
            if let previous {
                let (earlier, earlierHistory) = try AuditCommand.readPrevious(previous, generated: generated)
                run = AuditDiff.run(report: run.report, generated: run.generated, previous: earlier, unreadable: run.unreadable)
                history = earlierHistory.wholeAudits
            } else {
                // Every shard copied the same previous history; take the longest.
                history = histories.map(\.wholeAudits).max { $0.entries.count < $1.entries.count } ?? AuditHistory()
            }
            history = history.appending(.init(run: run))
            try AuditCommand.write(run, history: history, to: out, title: title, links: repository.links, console: console)
            if run.exitStatus != 0 { throw ExitCode(run.exitStatus) }
        }
    }

    static func readPrevious(_ directory: String, generated: String) throws -> (AuditRun, AuditHistory) {
        do {
            return try AuditOutputDirectory(path: directory).read(fallbackGenerated: generated)
        } catch {
            throw CommandFailure(message: "cannot read the previous audit: \(error)", exitCode: 2)
        }
    }

    /// Writes the output directory and says in one line on stderr what the audit found.
    static func write(_ run: AuditRun, history: AuditHistory, to out: String, title: String, links: AuditLinks, console: Console) throws {
        let directory = AuditOutputDirectory(path: out)
        do {
            try directory.write(run, history: history, title: title, links: links)
        } catch {
            throw CommandFailure(message: "cannot write the audit to \(out): \(error.localizedDescription)", exitCode: 2)
        }
        let counts = run.counts
        // Unreachable sources apart from the errors to fix, as every report counts them.
        let errors = counts.errors - run.report.unreachableSources
        var line = "audit: \(counts.specs) spec\(counts.specs == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s"), "
            + (run.report.unreachablePhrase.map { $0 + ", " } ?? "")
            + "\(counts.warnings) warning\(counts.warnings == 1 ? "" : "s")"
        if run.previousGenerated != nil {
            line += "; since the previous run: \(counts.new) new (\(counts.newErrors) error\(counts.newErrors == 1 ? "" : "s")), \(counts.reallyFixed) fixed"
            if counts.goneWithSpec > 0 { line += ", \(counts.goneWithSpec) gone with \(run.removedSpecs.count) removed spec\(run.removedSpecs.count == 1 ? "" : "s")" }
        } else {
            line += " (first run: all new)"
        }
        console.note(line + " → " + directory.file(AuditOutputDirectory.reportHTML))
    }
}

/// `--repo-url` and `--repo-root`: links from report.html to the spec lines in the repository.
struct RepositoryLinkOptions: ParsableArguments {
    @Option(name: .customLong("repo-url"), help: ArgumentHelp(
        "Link each finding in report.html to its spec line in the repository: URL/blob/HEAD/PATH#L12 (GitHub), or a template with {path} and {line}.",
        discussion: "For example https://github.com/org/repo, or https://gitlab.example/group/repo/-/blob/main/{path}#L{line}. Spec paths are taken relative to --repo-root. No repository links without it.",
        valueName: "URL"))
    var repoURL: String?

    @Option(name: .customLong("repo-root"), help: "The repository's root directory for --repo-url links (default: the working directory); specs outside it get no link.")
    var repoRoot: String?

    func validate() throws {
        if let repoURL, !AuditLinks.isValidRepoURL(repoURL) {
            throw ValidationError("--repo-url must be an http(s) URL, got '\(repoURL)'")
        }
        if repoRoot != nil && repoURL == nil { throw ValidationError("--repo-root needs --repo-url") }
    }

    /// Spec paths are reported relative to the working directory; the root is taken the same way.
    var links: AuditLinks {
        let cwd = FileManager.default.currentDirectoryPath
        guard repoURL != nil else { return AuditLinks() }
        let root = repoRoot.map { $0.hasPrefix("/") ? $0 : cwd + "/" + $0 } ?? cwd
        return AuditLinks(repoURL: repoURL, repoRoot: root, workingDirectory: cwd)
    }
}

/// The time an audit is stamped with: now, or `SOURCE_DATE_EPOCH` (seconds since 1970) for
/// reproducible reports and tests.
enum AuditClock {
    static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let date = sourceDateEpoch(environment: environment) ?? Date()
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `SOURCE_DATE_EPOCH` as a date, when it is set to a whole number of seconds.
    static func sourceDateEpoch(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date? {
        guard let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int(text.trimmingCharacters(in: .whitespaces)) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// Progress on stderr: a bar redrawn with `\r` on a terminal, `[3/40] path` lines elsewhere.
/// Warnings that arrive meanwhile are printed above the bar.
final class ProgressDisplay: @unchecked Sendable {
    /// `-q`: nothing is drawn.
    private let quiet: Bool
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) != 0
    private var drawn = ""
    private let columns: Int = {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 { return n }
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }()

    init(quiet: Bool) {
        self.quiet = quiet
    }

    func update(done: Int, total: Int, path: String) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        if terminal {
            drawn = AuditProgressLine.bar(done: done, total: total, path: path, columns: columns)
            emit("\r\u{1B}[K" + drawn)
        } else {
            emit(AuditProgressLine.line(done: done, total: total, path: path) + "\n")
        }
    }

    /// Draws the empty bar on a terminal, so that a slow first spec does not look like a hang.
    func start(total: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard terminal, total > 0, !quiet else { return }
        drawn = AuditProgressLine.bar(done: 0, total: total, path: "", columns: columns)
        emit("\r\u{1B}[K" + drawn)
    }

    func message(_ text: String) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        if terminal && !drawn.isEmpty {
            emit("\r\u{1B}[K" + Redaction.scrub(text) + "\n" + drawn)
        } else {
            emit(Redaction.scrub(text) + "\n")
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if terminal && !drawn.isEmpty { emit("\r\u{1B}[K") }
        drawn = ""
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
