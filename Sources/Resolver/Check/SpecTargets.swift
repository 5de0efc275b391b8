import Checks
import Configuration
import Specs

/// The targets a spec is checked for: the command line's matrix where it says, else what the
/// spec implies — its Python pin, a Linux platform for an image, and that image's glibc. Pure.
///
/// An official `python:X.Y` image ships the minor's latest patch release (`python:3.8` is 3.8.20),
/// so its tag is taken as that patch: `requires_python: >3.8` installs there. An explicit
/// `--python 3.8`, or any other pin, keeps pip's rule that `3.8` means 3.8.0.
struct SpecTargets {
    let matrix: TargetMatrix
    let config: PreflightConfiguration

    func targets(for spec: ParsedSpec) -> [Target] {
        var platform: String?
        if spec.image != nil || spec.kind == .azuremlEnvironment || spec.kind == .azuremlEnvironmentV1 || spec.kind == .dockerfile {
            platform = spec.operatingSystem?.lowercased() == "windows" ? "win-64" : "linux-64"
        }
        return matrix.targets(defaults: config.targets, specPython: python(of: spec.pythonPin), specPlatform: platform,
                              specGlibc: spec.image.flatMap(glibc(ofImage:)))
    }

    /// The pin's version as major.minor[.patch]; a `python` image's X.Y tag as the minor's patch.
    func python(of pin: PythonPin?) -> String? {
        guard let pin, let version = pin.version.flatMap(Self.majorMinorPatch) else { return nil }
        guard pin.source == .baseImage, ImageReference(pin.text).isPythonImage, version.split(separator: ".").count == 2 else { return version }
        return config.pythonImage(minor: version)?.patch ?? version
    }

    /// From `base_images`; for a `python` image whose tag names no distribution, that of its
    /// minor's Debian release (`python:3.11-slim` is bookworm's 2.36, not the default).
    func glibc(ofImage image: String) -> String? {
        if let known = config.glibc(forImage: image) { return known }
        let reference = ImageReference(image)
        guard reference.namesNoDistribution, let version = reference.pythonTagVersion else { return nil }
        let minor = version.split(separator: ".").prefix(2).joined(separator: ".")
        return config.pythonImage(minor: minor).flatMap { config.glibc(forImage: $0.debian) }
    }

    /// `3.8.5` stays, `3.8` stays, `>=3.8` or `3.8.*` becomes `3.8`.
    static func majorMinorPatch(_ text: String) -> String? {
        var digits = ""
        var started = false
        for ch in text {
            if ch.isNumber || (ch == "." && started) {
                digits.append(ch)
                started = true
            } else if started {
                break
            }
        }
        let parts = digits.split(separator: ".").prefix(3)
        guard parts.count >= 2 else { return nil }
        return parts.joined(separator: ".")
    }
}
