import ArgumentParser
import Checks
import Configuration
import Foundation
import Registries
import Resolver
import Transport

/// Options every fetching command accepts (after the subcommand name, where users of pip and conda put them).
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("cache-dir"), help: "Cache directory (default: $PREFLIGHT_CACHE_DIR, the checkout's Cache/, or the XDG cache).")
    var cacheDir: String?

    @Flag(help: "Answer from the cache alone; say what is missing from it.")
    var offline = false

    @Option(help: "Configuration YAML (default: $PREFLIGHT_CONFIG). It wins over [tool.preflight] in ./pyproject.toml, pip.conf and .condarc; environment variables win over it; see the precedence above.")
    var config: String?

    @Option(name: .customLong("index-url"), help: "Simple-repository root. This flag wins; then a spec's own --index-url; then $PIP_INDEX_URL, else $UV_INDEX_URL; then the configuration's pypi.index_url (--config, [tool.preflight.pypi]); then pip.conf's index-url; default https://pypi.org/simple.")
    var indexURL: String?

    @Option(name: .customLong("extra-index-url"), help: "Further simple-repository roots (repeatable). Given, they replace the defaults: $PIP_EXTRA_INDEX_URL, else $UV_EXTRA_INDEX_URL (whitespace-separated), else the configuration's pypi.extra_index_urls, else pip.conf's extra-index-url; a spec's own are added.")
    var extraIndexURLs: [String] = []

    @Option(name: .customLong("find-links"), help: "A page of links or a local directory of distributions (repeatable), as pip's --find-links.")
    var findLinks: [String] = []

    @Option(name: .customLong("channel"), help: "Conda channel name or URL, in priority order (repeatable). check/audit: searched before the spec's own channels (see --override-channels); exists --source conda: the channels searched (default: a .condarc's channels, else conda.default_channels).")
    var channels: [String] = []

    @OptionGroup var verbosity: VerbosityOptions
}

/// The target matrix flags.
struct TargetOptions: ParsableArguments {
    @Option(name: [.customLong("python"), .customLong("python-version")],
            help: "Target CPython X.Y[.Z]; pip's 38 and the tags cp38/py38 mean 3.8 too (repeatable: a target matrix).")
    var pythons: [String] = []

    @Option(name: .customLong("platform"), help: "Target platform: linux-64, linux-aarch64, linux-ppc64le, osx-64, osx-arm64, win-64, win-32, or linux/macos/windows, or a wheel platform tag (manylinux_2_28_x86_64, manylinux2014_x86_64, macosx_11_0_arm64, win_amd64, linux_aarch64) or uv target triple (x86_64-manylinux_2_28, x86_64-unknown-linux-gnu, aarch64-apple-darwin, x86_64-pc-windows-msvc); a manylinux tag also sets --glibc when it is not given (repeatable). Default: the spec's (an Azure ML image is Linux), else $CONDA_SUBDIR, else the configuration's targets.platform (--config, [tool.preflight.targets]), else a .condarc's subdir; default linux-64.")
    var platforms: [String] = []

    @Option(help: "Highest glibc of a Linux target (manylinux wheels up to manylinux_2_Y; conda __glibc).")
    var glibc: String?

    @Option(help: "Lowest macOS of a macOS target (macosx_* wheel tags up to it; conda __osx).")
    var macos: String?

    @Option(help: "CUDA driver version of the target's GPU (conda __cuda). Default: no GPU.")
    var cuda: String?

    func validate() throws {
        for python in pythons where PythonVersionSpelling.dotted(python) == nil {
            throw ValidationError("--python must look like 3.8, 3.8.5, 38 or cp38, got '\(python)'")
        }
        for platform in platforms where Target.canonicalPlatform(platform) == nil {
            let names = Target.knownPlatforms + ["linux", "macos", "windows"] + PlatformAlias.examples
            let guess = Suggestions.closeNames(to: platform.lowercased(), among: names, limit: 1).first
            throw ValidationError("unknown --platform '\(platform)'\(guess.map { "; did you mean '\($0)'?" } ?? "")"
                                  + " Use one of \(Target.knownPlatforms.joined(separator: ", ")), linux, macos, windows,"
                                  + " a wheel platform tag (manylinux_2_28_x86_64) or a uv target triple (x86_64-unknown-linux-gnu)")
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

    /// The Pythons dotted, and the glibc a manylinux `--platform` tag names when `--glibc` is not
    /// given (the first such tag's: one glibc holds for the whole matrix).
    var matrix: TargetMatrix {
        let impliedGlibc = platforms.lazy.compactMap { PlatformAlias($0)?.glibc }.first
        return TargetMatrix(pythons: pythons.map { PythonVersionSpelling.dotted($0) ?? $0 }, platforms: platforms,
                            glibc: glibc ?? impliedGlibc, macos: macos, cuda: cuda)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, github, junit, azure

    /// `ado` is accepted for `azure`, the name Azure DevOps users know it by.
    init?(argument: String) {
        self.init(rawValue: argument == "ado" ? "azure" : argument)
    }
}

/// What a command needs to fetch: the configuration, the HTTP client with its cache, where to
/// report. (Not "environment": that word already means conda environments, marker environments
/// and process environment variables here.)
struct FetchContext {
    let config: PreflightConfiguration
    let http: HTTPClient
    /// The run's output (`options.verbosity.apply()`).
    let console: Console

    init(options: SourceOptions, console: Console) throws {
        self.console = console
        var config: PreflightConfiguration
        do {
            config = try ConfigurationLoader.load(explicitPath: options.config)
        } catch let error as ConfigurationError {
            throw CommandFailure(message: "invalid configuration: \(error)", exitCode: 2)
        }
        let ignored = try InstallerEnvironment.apply(ProcessInfo.processInfo.environment, to: &config)
        self.config = config
        for warning in ignored { console.warning(warning) }
        if options.verbosity.verbose {
            for (setting, origin) in config.provenance.sorted {
                console.write("setting \(setting) = \(origin.value) (from \(origin.source))")
            }
            console.write("setting (every other): built-in default; a flag given on the command line wins over all of these")
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
        http.onWarning = { console.warning($0) }
    }

    var condaSettings: CondaChannelSettings {
        CondaChannelSettings(channelAlias: config.conda.channelAlias, defaultsChannels: config.conda.defaultsChannels,
                             customChannels: config.conda.customChannels)
    }

    /// The memo of this exact command over these files, when there is a cache.
    /// `colour`: whether the output is coloured, which the environment decides as much as the
    /// arguments (`--color auto`): a coloured run is never replayed into a pipe, nor a plain one
    /// onto a terminal.
    func memo(files: [String], colour: Bool = false) -> CommandMemo? {
        let arguments = Array(CommandLine.arguments.dropFirst()) + (colour ? ["(coloured)"] : [])
        return http.cache.map { CommandMemo(cache: $0, arguments: arguments, config: config, files: files) }
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

/// A failure with the exit status scripts branch on.
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
