/// A two-part version of a platform component: glibc `2.17`, musl `1.2`, macOS `11.0`.
package struct PlatformVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var major: Int
    package var minor: Int

    package init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `"2.17"` (a missing minor reads as 0: `"11"` is 11.0).
    package init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let major = Int(parts[0]), major >= 0 else { return nil }
        let minor = parts.count == 2 ? Int(parts[1]) : 0
        guard let minor, minor >= 0 else { return nil }
        self.init(major, minor)
    }

    package static func < (a: PlatformVersion, b: PlatformVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }

    package var description: String { "\(major).\(minor)" }
}

/// A CPU architecture as a platform tag spells it on Linux (`x86_64`, `aarch64`, `ppc64le`,
/// `s390x`, `i686`, `armv7l`) or macOS (`x86_64`, `arm64`). Windows targets accept the same
/// names (`x86_64`/`amd64`, `arm64`/`aarch64`, `x86`/`i686`/`win32`).
package struct Architecture: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    package var rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }
    package init(_ rawValue: String) { self.rawValue = rawValue }
    package init(stringLiteral value: String) { rawValue = value }

    package static let x86_64: Architecture = "x86_64"
    package static let aarch64: Architecture = "aarch64"
    package static let arm64: Architecture = "arm64"
    package static let ppc64le: Architecture = "ppc64le"
    package static let s390x: Architecture = "s390x"
    package static let i686: Architecture = "i686"
    package static let armv7l: Architecture = "armv7l"
    /// 32-bit x86 Windows (`win32`).
    package static let x86: Architecture = "x86"
    /// Windows spellings, as the platform tags name them.
    package static let amd64: Architecture = "amd64"
    package static let win32: Architecture = "win32"
    package static let win_amd64: Architecture = "win_amd64"
    package static let win_arm64: Architecture = "win_arm64"

    package var description: String { rawValue }

    var lowercased: String { rawValue.lowercased() }

    /// The name in Linux platform tags (`amd64` → `x86_64`, `arm64` → `aarch64`).
    var linuxName: String {
        switch lowercased {
        case "amd64", "x64", "win_amd64": return "x86_64"
        case "arm64", "win_arm64": return "aarch64"
        case "x86", "i386", "i586", "win32": return "i686"
        default: return rawValue
        }
    }

    /// The name in macOS platform tags (`aarch64` → `arm64`, `amd64` → `x86_64`).
    var macosName: String {
        switch lowercased {
        case "aarch64", "win_arm64": return "arm64"
        case "amd64", "x64", "win_amd64": return "x86_64"
        default: return rawValue
        }
    }

    /// The Windows platform tag: `win_amd64`, `win32`, `win_arm64`.
    var windowsTag: String {
        switch lowercased {
        case "x86_64", "amd64", "x64", "win_amd64": return "win_amd64"
        case "x86", "i386", "i686", "win32": return "win32"
        case "arm64", "aarch64", "win_arm64": return "win_arm64"
        default: return "win_" + lowercased
        }
    }
}

/// The machine an environment targets: operating system, CPU, and the libc (Linux) or OS
/// version (macOS) that decide which wheels install there.
package struct PythonPlatform: Sendable, Hashable, CustomStringConvertible {
    package enum OperatingSystem: String, Sendable, Hashable {
        case linux, macos, windows
    }

    /// The C library of a Linux target, with its (major, minor) version.
    package enum Libc: Sendable, Hashable {
        case glibc(Int, Int)
        case musl(Int, Int)

        package var version: PlatformVersion {
            switch self {
            case .glibc(let major, let minor), .musl(let major, let minor): return PlatformVersion(major, minor)
            }
        }
    }

    package var os: OperatingSystem
    package var arch: Architecture
    /// Linux only: the C library and its version.
    package var libc: Libc?
    /// macOS only: the lowest macOS version the target runs.
    package var macosVersion: PlatformVersion?

    package init(os: OperatingSystem, arch: Architecture, libc: Libc? = nil, macosVersion: PlatformVersion? = nil) {
        self.os = os
        self.arch = arch
        self.libc = libc
        self.macosVersion = macosVersion
    }

    /// A glibc Linux target, e.g. `.linux(arch: .x86_64, glibc: (2, 17))`.
    package static func linux(arch: Architecture = .x86_64, glibc: (major: Int, minor: Int)) -> PythonPlatform {
        PythonPlatform(os: .linux, arch: arch, libc: .glibc(glibc.major, glibc.minor))
    }

    package static func linux(arch: Architecture = .x86_64, glibc: PlatformVersion) -> PythonPlatform {
        linux(arch: arch, glibc: (glibc.major, glibc.minor))
    }

    /// A musl Linux target (Alpine), e.g. `.linux(arch: .x86_64, musl: (1, 2))`.
    package static func linux(arch: Architecture = .x86_64, musl: (major: Int, minor: Int)) -> PythonPlatform {
        PythonPlatform(os: .linux, arch: arch, libc: .musl(musl.major, musl.minor))
    }

    package static func linux(arch: Architecture = .x86_64, musl: PlatformVersion) -> PythonPlatform {
        linux(arch: arch, musl: (musl.major, musl.minor))
    }

    /// A macOS target running at least `version`, e.g. `.macos(arch: .arm64, version: (11, 0))`.
    package static func macos(arch: Architecture = .arm64, version: (major: Int, minor: Int)) -> PythonPlatform {
        PythonPlatform(os: .macos, arch: arch, macosVersion: PlatformVersion(version.major, version.minor))
    }

    package static func macos(arch: Architecture = .arm64, version: PlatformVersion) -> PythonPlatform {
        PythonPlatform(os: .macos, arch: arch, macosVersion: version)
    }

    /// A Windows target.
    package static func windows(arch: Architecture = .x86_64) -> PythonPlatform {
        PythonPlatform(os: .windows, arch: arch)
    }

    package var description: String {
        switch os {
        case .linux:
            switch libc {
            case let .glibc(major, minor)?: return "linux-\(arch.linuxName) (glibc \(major).\(minor))"
            case let .musl(major, minor)?: return "linux-\(arch.linuxName) (musl \(major).\(minor))"
            case nil: return "linux-\(arch.linuxName)"
            }
        case .macos: return "macos-\(arch.macosName) (\(macosVersion.map { $0.description } ?? "?"))"
        case .windows: return arch.windowsTag
        }
    }
}
