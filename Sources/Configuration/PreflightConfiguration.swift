import Checks
import Foundation

/// Everything configurable, with the shipped defaults. `Config/preflight.yaml` states the same
/// values (a test keeps the two in agreement); a user file overrides only the keys it names.
package struct PreflightConfiguration: Sendable, Equatable {
    package struct PyPI: Sendable, Equatable {
        package var indexURL = "https://pypi.org/simple"
        package var extraIndexURLs: [String] = []
    }
    package struct Conda: Sendable, Equatable {
        package var channelAlias = "https://conda.anaconda.org"
        package var defaultChannels = ["conda-forge"]
        package var defaultsChannels = ["https://repo.anaconda.com/pkgs/main", "https://repo.anaconda.com/pkgs/r"]
        package var customChannels: [String: String] = [:]
        /// The solve's channel priority when `--channel-priority` is not given.
        package var channelPriority = ChannelPriority.strict
        /// Whether `defaultChannels` follow a spec's own channels (unless it names `nodefaults`),
        /// as conda adds its configured `channels` after an environment file's. Preflight's own
        /// list serves only specs that name no channel; a `.condarc`'s list is conda's and is
        /// added as conda adds it.
        package var defaultChannelsFollowSpecChannels = false
    }
    package struct Network: Sendable, Equatable {
        package var connectTimeout = 10.0
        package var requestTimeout = 30.0
        package var lowSpeedLimit = 512
        package var lowSpeedTime = 10
        package var retries = 3
        package var concurrency = 64
        package var perHostConnections = 8
    }
    package struct CacheSettings: Sendable, Equatable {
        package var lifetime = 600.0
        package var projectListLifetime = 86400.0
    }
    package struct ResolverSettings: Sendable, Equatable {
        /// A resolution past this many seconds stops with an unknown verdict.
        package var maxSeconds = 30.0
    }
    package typealias Targets = TargetDefaults
    package struct BaseImage: Sendable, Equatable {
        package var match: String
        package var glibc: String
    }
    /// One minor of the official `python` images: the patch release its `X.Y` tags carry, and
    /// the Debian release of the tags that name none (`python:3.11`, `python:3.11-slim`).
    package struct PythonImage: Sendable, Equatable {
        package var python: String
        package var patch: String
        package var debian: String
    }

    package var pypi = PyPI()
    package var conda = Conda()
    package var network = Network()
    package var cache = CacheSettings()
    package var resolver = ResolverSettings()
    package var targets = Targets()
    package var baseImages: [BaseImage] = [
        .init(match: "ubuntu16.04", glibc: "2.23"), .init(match: "ubuntu18.04", glibc: "2.27"),
        .init(match: "ubuntu20.04", glibc: "2.31"), .init(match: "ubuntu22.04", glibc: "2.35"),
        .init(match: "ubuntu24.04", glibc: "2.39"), .init(match: "debian:10", glibc: "2.28"),
        .init(match: "debian:11", glibc: "2.31"), .init(match: "debian:12", glibc: "2.36"),
        .init(match: "bookworm", glibc: "2.36"), .init(match: "bullseye", glibc: "2.31"),
        .init(match: "buster", glibc: "2.28"), .init(match: "centos7", glibc: "2.17"),
        .init(match: "ubi8", glibc: "2.28"), .init(match: "ubi9", glibc: "2.34"),
        .init(match: "debian:13", glibc: "2.41"), .init(match: "trixie", glibc: "2.41"),
    ]
    package var pythonImages: [PythonImage] = [
        .init(python: "2.7", patch: "2.7.18", debian: "buster"), .init(python: "3.5", patch: "3.5.10", debian: "buster"),
        .init(python: "3.6", patch: "3.6.15", debian: "bullseye"), .init(python: "3.7", patch: "3.7.17", debian: "bookworm"),
        .init(python: "3.8", patch: "3.8.20", debian: "bookworm"), .init(python: "3.9", patch: "3.9.24", debian: "bookworm"),
        .init(python: "3.10", patch: "3.10.21", debian: "bookworm"), .init(python: "3.11", patch: "3.11.16", debian: "bookworm"),
        .init(python: "3.12", patch: "3.12.14", debian: "bookworm"), .init(python: "3.13", patch: "3.13.15", debian: "bookworm"),
        .init(python: "3.14", patch: "3.14.7", debian: "bookworm"),
    ]
    /// Where each setting that is not a built-in default came from.
    package var provenance = SettingProvenance()

    package init() {}

    /// glibc of a base image, from the `base_images` table.
    package func glibc(forImage image: String) -> String? {
        let lowered = image.lowercased()
        return baseImages.first(where: { lowered.contains($0.match.lowercased()) })?.glibc
    }

    /// The `python_images` entry of a minor (`3.8`).
    package func pythonImage(minor: String) -> PythonImage? {
        pythonImages.first { $0.python == minor }
    }
}
