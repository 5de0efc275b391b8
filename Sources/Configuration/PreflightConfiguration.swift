import Foundation

/// Everything configurable, with the shipped defaults. `Config/preflight.yaml` states the same
/// values (a test keeps the two in agreement); a user file overrides only the keys it names.
public struct PreflightConfiguration: Sendable, Equatable {
    public struct PyPI: Sendable, Equatable {
        public var indexURL = "https://pypi.org/simple"
        public var extraIndexURLs: [String] = []
    }
    public struct Conda: Sendable, Equatable {
        public var channelAlias = "https://conda.anaconda.org"
        public var defaultChannels = ["conda-forge"]
        public var defaultsChannels = ["https://repo.anaconda.com/pkgs/main", "https://repo.anaconda.com/pkgs/r"]
        public var customChannels: [String: String] = [:]
        /// The solve's channel priority when `--channel-priority` is not given.
        public var channelPriority = ChannelPriority.strict
        /// Whether `defaultChannels` follow a spec's own channels (unless it names `nodefaults`),
        /// as conda adds its configured `channels` after an environment file's. Preflight's own
        /// list serves only specs that name no channel; a `.condarc`'s list is conda's and is
        /// added as conda adds it.
        public var defaultChannelsFollowSpecChannels = false
    }
    public struct Network: Sendable, Equatable {
        public var connectTimeout = 10.0
        public var requestTimeout = 30.0
        public var lowSpeedLimit = 512
        public var lowSpeedTime = 10
        public var retries = 3
        public var concurrency = 64
        public var perHostConnections = 8
    }
    public struct CacheSettings: Sendable, Equatable {
        public var lifetime = 600.0
        public var projectListLifetime = 86400.0
    }
    public struct ResolverSettings: Sendable, Equatable {
        /// A resolution past this many seconds stops with an unknown verdict.
        public var maxSeconds = 30.0
    }
    public struct Targets: Sendable, Equatable {
        public var python = "3.10"
        public var platform = "linux-64"
        public var glibc = "2.28"
        public var macos = "11.0"
    }
    public struct BaseImage: Sendable, Equatable {
        public var match: String
        public var glibc: String
    }
    /// One minor of the official `python` images: the patch release its `X.Y` tags carry, and
    /// the Debian release of the tags that name none (`python:3.11`, `python:3.11-slim`).
    public struct PythonImage: Sendable, Equatable {
        public var python: String
        public var patch: String
        public var debian: String
    }

    public var pypi = PyPI()
    public var conda = Conda()
    public var network = Network()
    public var cache = CacheSettings()
    public var resolver = ResolverSettings()
    public var targets = Targets()
    public var baseImages: [BaseImage] = [
        .init(match: "ubuntu16.04", glibc: "2.23"), .init(match: "ubuntu18.04", glibc: "2.27"),
        .init(match: "ubuntu20.04", glibc: "2.31"), .init(match: "ubuntu22.04", glibc: "2.35"),
        .init(match: "ubuntu24.04", glibc: "2.39"), .init(match: "debian:10", glibc: "2.28"),
        .init(match: "debian:11", glibc: "2.31"), .init(match: "debian:12", glibc: "2.36"),
        .init(match: "bookworm", glibc: "2.36"), .init(match: "bullseye", glibc: "2.31"),
        .init(match: "buster", glibc: "2.28"), .init(match: "centos7", glibc: "2.17"),
        .init(match: "ubi8", glibc: "2.28"), .init(match: "ubi9", glibc: "2.34"),
        .init(match: "debian:13", glibc: "2.41"), .init(match: "trixie", glibc: "2.41"),
    ]
    public var pythonImages: [PythonImage] = [
        .init(python: "2.7", patch: "2.7.18", debian: "buster"), .init(python: "3.5", patch: "3.5.10", debian: "buster"),
        .init(python: "3.6", patch: "3.6.15", debian: "bullseye"), .init(python: "3.7", patch: "3.7.17", debian: "bookworm"),
        .init(python: "3.8", patch: "3.8.20", debian: "bookworm"), .init(python: "3.9", patch: "3.9.24", debian: "bookworm"),
        .init(python: "3.10", patch: "3.10.21", debian: "bookworm"), .init(python: "3.11", patch: "3.11.16", debian: "bookworm"),
        .init(python: "3.12", patch: "3.12.14", debian: "bookworm"), .init(python: "3.13", patch: "3.13.15", debian: "bookworm"),
        .init(python: "3.14", patch: "3.14.7", debian: "bookworm"),
    ]
    /// Where each setting that is not a built-in default came from.
    public var provenance = SettingProvenance()

    public init() {}

    /// glibc of a base image, from the `base_images` table.
    public func glibc(forImage image: String) -> String? {
        let lowered = image.lowercased()
        return baseImages.first(where: { lowered.contains($0.match.lowercased()) })?.glibc
    }

    /// The `python_images` entry of a minor (`3.8`).
    public func pythonImage(minor: String) -> PythonImage? {
        pythonImages.first { $0.python == minor }
    }
}
