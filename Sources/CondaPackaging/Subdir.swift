/// A conda platform subdirectory such as `linux-64`, `osx-arm64` or `noarch`.
package struct Subdir: Sendable, Hashable, CustomStringConvertible {
    /// Operating-system families of subdirs.
    package enum OperatingSystem: String, Sendable, Hashable {
        case linux, osx, win, freebsd, ios, iossimulator, android, emscripten, wasi, zos, noarch
    }

    /// Every subdir conda and rattler know (rattler 0.28's `Platform.all()`).
    package static let known: [String] = [
        "noarch", "linux-32", "linux-64", "linux-aarch64", "linux-armv6l", "linux-armv7l",
        "linux-loongarch64", "linux-ppc64le", "linux-ppc64", "linux-ppc", "linux-s390x", "linux-riscv32",
        "linux-riscv64", "freebsd-32", "freebsd-64", "freebsd-arm64", "freebsd-ppc64le", "freebsd-ppc64",
        "osx-64", "osx-arm64", "ios-arm64", "iossimulator-arm64", "iossimulator-64", "android-aarch64",
        "android-armv7a", "android-64", "android-32", "win-32", "win-64", "win-arm64", "emscripten-wasm32",
        "emscripten-wasm64", "wasi-wasm32", "zos-z",
    ]
    private static let knownSet = Set(known)

    /// The subdir name, e.g. `linux-64`.
    package let name: String

    /// A known subdir, or nil (names are case-sensitive, as in conda).
    package init?(_ name: String) {
        guard Self.knownSet.contains(name) else { return nil }
        self.name = name
    }

    package var description: String { name }

    /// The operating-system family.
    package var operatingSystem: OperatingSystem {
        if name == "noarch" { return .noarch }
        let family = name.split(separator: "-", maxSplits: 1).first.map(String.init) ?? name
        return OperatingSystem(rawValue: family) ?? .noarch
    }

    /// The architecture part (`64`, `aarch64`, `arm64`, ...), nil for `noarch`.
    package var architectureSuffix: String? {
        guard name != "noarch", let dash = name.firstIndex(of: "-") else { return nil }
        return String(name[name.index(after: dash)...])
    }

    /// The machine architecture as conda's `__archspec` build and uname report it
    /// (`x86_64`, `aarch64`, `arm64`, `ppc64le`, ...), nil for `noarch` and wasm targets.
    package var machine: String? {
        switch (operatingSystem, architectureSuffix) {
        case (.noarch, _), (.emscripten, _), (.wasi, _): return nil
        case (_, "64"): return "x86_64"
        case (_, "32"): return "x86"
        case (.zos, "z"): return "s390x"
        case (_, let arch?): return arch
        case (_, nil): return nil
        }
    }

    /// True for Linux, macOS and the other Unix-like families (they get `__unix`).
    package var isUnix: Bool {
        switch operatingSystem {
        case .linux, .osx, .freebsd, .ios, .iossimulator, .android, .zos: return true
        case .win, .emscripten, .wasi, .noarch: return false
        }
    }
}
