/// The machine an image will run on: what every verdict is computed for.
package struct Target: Sendable, Hashable, Codable, CustomStringConvertible {
    package var python: PythonVersion
    /// A conda subdir name: linux-64, linux-aarch64, linux-ppc64le, osx-64, osx-arm64, win-64, win-32.
    package var platform: String
    /// Highest glibc of a Linux target.
    package var glibc: String?
    /// Lowest macOS of a macOS target.
    package var macos: String?
    /// CUDA driver version, when the target has a GPU.
    package var cuda: String?

    package init(python: PythonVersion, platform: String, glibc: String? = nil, macos: String? = nil, cuda: String? = nil) {
        self.python = python
        self.platform = platform
        self.glibc = glibc
        self.macos = macos
        self.cuda = cuda
    }

    package static let knownPlatforms = ["linux-64", "linux-aarch64", "linux-ppc64le", "osx-64", "osx-arm64", "win-64", "win-32"]

    /// Accepts the subdir names, the aliases `linux`, `macos`, `windows`, and the wheel platform
    /// tags and uv target triples of `PlatformAlias`.
    package static func canonicalPlatform(_ name: String) -> String? {
        switch name.lowercased() {
        case "linux": return "linux-64"
        case "macos", "osx", "darwin": return "osx-64"
        case "windows", "win": return "win-64"
        case let subdir where knownPlatforms.contains(subdir): return subdir
        default: return PlatformAlias(name)?.subdir
        }
    }

    package var isLinux: Bool { platform.hasPrefix("linux-") }
    package var isMacOS: Bool { platform.hasPrefix("osx-") }
    package var isWindows: Bool { platform.hasPrefix("win-") }

    /// The fields a report states: python, platform, and glibc or macos, and cuda when given.
    package var reportedFields: [(String, String)] {
        var fields = [("python", python.text), ("platform", platform)]
        if isLinux, let glibc { fields.append(("glibc", glibc)) }
        if isMacOS, let macos { fields.append(("macos", macos)) }
        if let cuda { fields.append(("cuda", cuda)) }
        return fields
    }

    package var description: String {
        reportedFields.map { $0.0 == "python" ? "py\($0.1)" : $0.0 == "platform" ? $0.1 : "\($0.0) \($0.1)" }.joined(separator: " ")
    }
}
