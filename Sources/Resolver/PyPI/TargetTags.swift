import Checks
import Foundation
import PythonPackaging

/// A target seen through PEP 425/508 eyes: the wheel tags it accepts and its marker environment.
package enum TargetTags {
    package static func pythonPlatform(for target: Target) -> PythonPlatform {
        let glibc = PlatformVersion(target.glibc ?? "2.17") ?? PlatformVersion(2, 17)
        let macos = PlatformVersion(target.macos ?? "11.0") ?? PlatformVersion(11, 0)
        switch target.platform {
        case "linux-aarch64": return .linux(arch: .aarch64, glibc: glibc)
        case "linux-ppc64le": return .linux(arch: .ppc64le, glibc: glibc)
        case "osx-64": return .macos(arch: .x86_64, version: macos)
        case "osx-arm64": return .macos(arch: .arm64, version: macos)
        case "win-64": return .windows(arch: .x86_64)
        case "win-32": return .windows(arch: .x86)
        default: return .linux(arch: .x86_64, glibc: glibc)
        }
    }

    /// Built once per target and run: a tag set has hundreds of entries and every verdict needs one.
    package static func supportedTagSet(for target: Target, session: CheckSession) -> SupportedTagSet {
        session.tagSets.value(for: target) {
            let (major, minor) = target.python.majorMinor
            return SupportedTagSet(supportedTags(python: (major, minor), platform: pythonPlatform(for: target)))
        }
    }

    package static func markerEnvironment(for target: Target) -> MarkerEnvironment {
        MarkerEnvironment.forTarget(pythonVersion: target.python.text, platform: pythonPlatform(for: target))
    }
}
