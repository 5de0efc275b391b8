// swift-tools-version:6.0
import PackageDescription

// One module per concept, one direction of flow:
// Specs → Resolver → (Registries → Transport) → findings → Reports, the nightly Audit over
// many specs built on the Resolver's checks, pure value modules (PythonPackaging,
// CondaPackaging, PubGrub, and Checks: the targets, verdicts, findings and reports every layer
// speaks) underneath and a thin command line on top. The Resolver reaches indexes and channels
// only through its provider protocols (Sources/Resolver/Sources), which Registries' clients meet.
let package = Package(
    name: "preflight",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "preflight", targets: ["preflight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // System libraries (Debian: libcurl4-openssl-dev, libxml2-dev, libzstd-dev, libmsgpack-dev, libssl-dev, zlib1g-dev).
        // libcurl is dlopen'ed on first use (Sources/CCurl/include/CCurl.h says why); its headers are still needed.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CMsgpack", pkgConfig: "msgpack", providers: [.apt(["libmsgpack-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Sdists compressed as .tar.bz2 / .tar.xz (old projects' uploads); libbz2 ships no pkg-config file.
        .systemLibrary(name: "CBzip2", providers: [.apt(["libbz2-dev"])]),
        .systemLibrary(name: "CLzma", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),

        // Pure values: no I/O.
        .target(name: "ByteJSON"),
        // The PubGrub solver core: no ecosystem, no I/O; providers plug pip and conda into it.
        // Its generic solver is specialised for each provider in the modules that use it (without
        // cross-module optimisation every term operation went through generic metadata lookups).
        .target(name: "PubGrub", swiftSettings: [.unsafeFlags(["-cross-module-optimization"])]),
        .target(name: "PythonPackaging"),
        .target(name: "CondaPackaging", dependencies: ["ByteJSON"]),
        // The domain's values: targets, verdicts, findings and reports, and the words they are said in.
        .target(name: "Checks"),

        // I/O at the edges.
        .target(name: "Transport", dependencies: ["CCurl", "CCrypto"]),
        .target(name: "Configuration", dependencies: ["Yams", "Checks", "Specs"]),
        .target(name: "Registries", dependencies: [
            "Checks", "PythonPackaging", "CondaPackaging", "ByteJSON", "Transport", "CLibXML2", "CZstd", "CMsgpack", "CZlib",
            "CBzip2", "CLzma",
        ]),
        .target(name: "Specs", dependencies: ["Yams"]),
        .target(name: "Resolver", dependencies: [
            "Checks", "PubGrub", "PythonPackaging", "CondaPackaging", "Registries", "Specs", "Configuration", "Transport",
        ]),
        // The nightly audit over many specs: discovery, ignore files, shards, diffs, history.
        .target(name: "Audit", dependencies: ["Checks", "Resolver", "Specs"]),
        .target(name: "Reports", dependencies: ["Checks", "Resolver", "Audit", "Transport"]),
        .target(name: "PreflightCommands", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "Checks", "Configuration", "Transport", "Registries", "Specs", "Resolver", "Audit", "Reports",
        ]),
        .executableTarget(name: "preflight", dependencies: ["PreflightCommands"]),

        // Test support: a real HTTP server on 127.0.0.1 with fault injection.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .executableTarget(name: "loopback-server", dependencies: ["TestSupport"], path: "Tests/LoopbackServer"),

        .testTarget(name: "PubGrubTests", dependencies: ["PubGrub"]),
        // The checkers against in-memory package indexes and channels (the provider protocols).
        .testTarget(name: "ResolverTests", dependencies: ["Resolver", "Checks", "Registries", "Specs", "CondaPackaging", "Transport"]),
        .testTarget(name: "PythonPackagingTests", dependencies: ["PythonPackaging", "TestSupport"], exclude: ["Vectors"]),
        .testTarget(name: "CondaPackagingTests", dependencies: ["CondaPackaging", "TestSupport"], exclude: ["Vectors"]),
        .testTarget(name: "TestSupportSelfTests", dependencies: ["TestSupport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "TestSupport"]),
        .testTarget(name: "RegistriesTests", dependencies: ["Checks", "Registries", "Resolver", "Specs", "Transport", "PythonPackaging", "CondaPackaging", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SpecsTests", dependencies: ["Specs", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportsTests", dependencies: ["Checks", "Resolver", "Reports"]),
        .testTarget(name: "PreflightTests", dependencies: ["PreflightCommands", "Checks", "Configuration", "Resolver", "Audit", "Reports", "TestSupport", "Yams"], exclude: ["Planted"]),
        .testTarget(name: "LiveTests", dependencies: ["TestSupport"]),
    ]
)
