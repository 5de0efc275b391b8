import PythonPackaging
import Registries

/// A target seen through PEP 425/508 eyes: the wheel tags it accepts and its marker environment.
public enum TargetTags {
    public static func pythonPlatform(for target: Target) -> PythonPlatform {
        let (glibcMajor, glibcMinor) = versionPair(target.glibc ?? "2.17", default: (2, 17))
        let (macMajor, macMinor) = versionPair(target.macos ?? "11.0", default: (11, 0))
        switch target.platform {
        case "linux-aarch64": return .linux(arch: "aarch64", glibc: (glibcMajor, glibcMinor))
        case "linux-ppc64le": return .linux(arch: "ppc64le", glibc: (glibcMajor, glibcMinor))
        case "osx-64": return .macos(arch: "x86_64", version: (macMajor, macMinor))
        case "osx-arm64": return .macos(arch: "arm64", version: (macMajor, macMinor))
        case "win-64": return .windows(arch: "win_amd64")
        case "win-32": return .windows(arch: "win32")
        default: return .linux(arch: "x86_64", glibc: (glibcMajor, glibcMinor))
        }
    }

    public static func supportedTagSet(for target: Target) -> SupportedTagSet {
        let (major, minor) = target.pythonMajorMinor
        return SupportedTagSet(supportedTags(python: (major, minor), platform: pythonPlatform(for: target)))
    }

    public static func markerEnvironment(for target: Target) -> MarkerEnvironment {
        MarkerEnvironment.forTarget(pythonVersion: target.python, platform: pythonPlatform(for: target))
    }

    static func versionPair(_ text: String, default fallback: (Int, Int)) -> (Int, Int) {
        let parts = text.split(separator: ".").compactMap { Int($0) }
        guard let major = parts.first else { return fallback }
        return (major, parts.count > 1 ? parts[1] : 0)
    }
}
