import Configuration
import Registries

/// The targets a command runs for: every combination of the given Pythons and platforms, else
/// what the spec implies (its python pin, a Linux image and that image's glibc), else the
/// configured defaults.
package struct TargetMatrix: Sendable, Codable {
    package var pythons: [String] = []
    package var platforms: [String] = []
    package var glibc: String?
    package var macos: String?
    package var cuda: String?

    package init(pythons: [String] = [], platforms: [String] = [], glibc: String? = nil, macos: String? = nil, cuda: String? = nil) {
        self.pythons = pythons
        self.platforms = platforms
        self.glibc = glibc
        self.macos = macos
        self.cuda = cuda
    }

    package func targets(config: PreflightConfiguration, specPython: String? = nil, specPlatform: String? = nil,
                        specGlibc: String? = nil) -> [Target] {
        let pythonList = !pythons.isEmpty ? pythons : [specPython ?? config.targets.python]
        let platformList = !platforms.isEmpty ? platforms.compactMap(Target.canonicalPlatform) : [specPlatform ?? config.targets.platform]
        var out: [Target] = []
        for platform in platformList {
            for python in pythonList {
                var target = Target(python: python, platform: platform, cuda: cuda)
                if target.isLinux { target.glibc = glibc ?? specGlibc ?? config.targets.glibc }
                if target.isMacOS {
                    // Apple silicon starts at macOS 11.
                    let requested = macos ?? config.targets.macos
                    let major = Int(requested.split(separator: ".").first ?? "") ?? 11
                    target.macos = platform == "osx-arm64" && major < 11 ? "11.0" : requested
                }
                out.append(target)
            }
        }
        return out
    }
}
