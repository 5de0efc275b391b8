import ArgumentParser
import Configuration
import Foundation
import Registries
import Resolver
import Transport

/// Options every fetching command accepts (after the subcommand name, as the contract requires).
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("cache-dir"), help: "Cache directory (default: $PREFLIGHT_CACHE_DIR, the checkout's Cache/, or the XDG cache).")
    var cacheDir: String?

    @Flag(help: "Answer from the cache alone; say what is missing from it.")
    var offline = false

    @Option(help: "Configuration YAML (default: $PREFLIGHT_CONFIG, else the built-in defaults shown in Config/preflight.yaml).")
    var config: String?

    @Option(name: .customLong("index-url"), help: "Simple-repository root (default https://pypi.org/simple).")
    var indexURL: String?

    @Option(name: .customLong("extra-index-url"), help: "Further simple-repository roots (repeatable).")
    var extraIndexURLs: [String] = []

    @Option(name: .customLong("find-links"), help: "A page of links or a local directory of distributions (repeatable), as pip's --find-links.")
    var findLinks: [String] = []

    @Option(name: .customLong("channel"), help: "Conda channel name or URL, in priority order (repeatable). check/audit: searched before the spec's own channels (see --override-channels); exists --source conda: the channels searched (default: conda.default_channels).")
    var channels: [String] = []
}

/// The target matrix flags.
struct TargetOptions: ParsableArguments {
    @Option(name: .customLong("python"), help: "Target CPython X.Y[.Z] (repeatable: a target matrix).")
    var pythons: [String] = []

    @Option(name: .customLong("platform"), help: "Target platform: linux-64, linux-aarch64, linux-ppc64le, osx-64, osx-arm64, win-64, win-32, or linux/macos/windows (repeatable).")
    var platforms: [String] = []

    @Option(help: "Highest glibc of a Linux target (manylinux wheels up to manylinux_2_Y; conda __glibc).")
    var glibc: String?

    @Option(help: "Lowest macOS of a macOS target (macosx_* wheel tags up to it; conda __osx).")
    var macos: String?

    @Option(help: "CUDA driver version of the target's GPU (conda __cuda). Default: no GPU.")
    var cuda: String?

    func validate() throws {
        for python in pythons where !Self.isDottedVersion(python, parts: 2...3) {
            throw ValidationError("--python must look like 3.8 or 3.8.5, got '\(python)'")
        }
        for platform in platforms where Target.canonicalPlatform(platform) == nil {
            throw ValidationError("unknown --platform '\(platform)'; use one of \(Target.knownPlatforms.joined(separator: ", ")), linux, macos, windows")
        }
        for (flag, value) in [("--glibc", glibc), ("--macos", macos), ("--cuda", cuda)] {
            if let value, !Self.isDottedVersion(value, parts: 1...3) {
                throw ValidationError("\(flag) must look like X.Y, got '\(value)'")
            }
        }
    }

    static func isDottedVersion(_ text: String, parts: ClosedRange<Int>) -> Bool {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.contains(pieces.count) && pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    var matrix: TargetMatrix {
        TargetMatrix(pythons: pythons, platforms: platforms, glibc: glibc, macos: macos, cuda: cuda)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, github, junit, azure

    /// `ado` is accepted for `azure`, the name Azure DevOps users know it by.
    init?(argument: String) {
        self.init(rawValue: argument == "ado" ? "azure" : argument)
    }
}

/// What a command needs to fetch: the configuration, the HTTP client with its cache.
struct Environment {
    let config: PreflightConfiguration
    let http: HTTPClient
    let stderr: StandardError

    init(options: SourceOptions) throws {
        stderr = StandardError()
        do {
            config = try ConfigurationLoader.load(explicitPath: options.config)
        } catch let error as ConfigurationError {
            throw CommandFailure(message: "invalid configuration: \(error)", exitCode: 2)
        }
        var settings = TransportSettings()
        settings.connectTimeout = config.network.connectTimeout
        settings.requestTimeout = config.network.requestTimeout
        settings.lowSpeedLimit = config.network.lowSpeedLimit
        settings.lowSpeedTime = config.network.lowSpeedTime
        settings.retries = config.network.retries
        settings.maxConcurrentTransfers = config.network.concurrency
        settings.maxConnectionsPerHost = config.network.perHostConnections
        settings.offline = options.offline
        let cacheDir = Locations.cacheDirectory(explicit: options.cacheDir)
        let cache: HTTPCache
        do {
            cache = try HTTPCache(directory: cacheDir, defaultLifetime: config.cache.lifetime)
        } catch {
            throw CommandFailure(message: "cannot use the cache directory \(cacheDir): \(error.localizedDescription)", exitCode: 2)
        }
        http = HTTPClient(settings: settings, cache: cache)
        let stderr = self.stderr
        http.onWarning = { stderr.warning($0) }
    }

    var condaSettings: CondaChannelSettings {
        CondaChannelSettings(channelAlias: config.conda.channelAlias, defaultsChannels: config.conda.defaultsChannels,
                             customChannels: config.conda.customChannels)
    }

    /// The memo of this exact command over these files, when there is a cache.
    func memo(files: [String]) -> CommandMemo? {
        http.cache.map { CommandMemo(cache: $0, arguments: Array(CommandLine.arguments.dropFirst()), config: config, files: files) }
    }

    /// Prints a recorded run's output and ends with its status.
    func replay(_ record: CommandMemo.Record) throws -> Never {
        FileHandle.standardError.write(Data(record.stderr.utf8))
        FileHandle.standardOutput.write(Data(record.stdout.utf8))
        throw ExitCode(record.status)
    }

    func pypiIndexes(options: SourceOptions) -> [String] {
        [options.indexURL ?? config.pypi.indexURL] + (options.extraIndexURLs.isEmpty ? config.pypi.extraIndexURLs : options.extraIndexURLs)
    }
}

/// A failure with the exit status the contract gives it.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32
    /// Why, without the message's lead-in (`could not decide: `).
    var reason: String
    var description: String { message }

    init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
        reason = message
    }

    /// Exit 3: a source could not be reached or answered garbage, so there is no verdict.
    init(undecided reason: String) {
        message = "could not decide: " + reason
        exitCode = 3
        self.reason = reason
    }
}

/// Messages, warnings and progress go to stderr, never mixed into machine-readable stdout.
struct StandardError: Sendable {
    func write(_ text: String) {
        let line = Redaction.scrub(text) + "\n"
        Transcript.shared.append(stderr: line)
        FileHandle.standardError.write(Data(line.utf8))
    }
    func warning(_ text: String) { write("warning: " + text) }
    func error(_ text: String) { write("error: " + text) }
}

func printStdout(_ text: String) {
    Transcript.shared.append(stdout: text + "\n")
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// What this process printed, so a run can be recorded and replayed (`CommandMemo`).
final class Transcript: @unchecked Sendable {
    static let shared = Transcript()
    private let lock = NSLock()
    private(set) var stdout = ""
    private(set) var stderr = ""

    func append(stdout text: String) { lock.lock(); stdout += text; lock.unlock() }
    func append(stderr text: String) { lock.lock(); stderr += text; lock.unlock() }
    var snapshot: (stdout: String, stderr: String) { lock.lock(); defer { lock.unlock() }; return (stdout, stderr) }
}

var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
