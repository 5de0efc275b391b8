// The wheel tags a CPython interpreter accepts on a target platform, in preference order, as
// `packaging.tags.sys_tags()` (26.x) yields them on that interpreter and platform:
// `cpython_tags()` followed by `compatible_tags()`.

/// The tags CPython `python` accepts on `platform`, best first: exactly
/// `list(cpython_tags((M, m), [abi], platforms)) + list(compatible_tags((M, m), "cpMm", platforms))`
/// with packaging's platform list for the target (see `platformTags(for:)`).
///
/// The ABI is that of a regular (non-debug, GIL) build: `cp38`; `cp37m` before 3.8 (pymalloc);
/// before 3.3 also `u` on Linux, whose Python 2 builds were UCS-4 (`cp27mu`), and not on macOS or
/// Windows (`cp27m`).
package func supportedTags(python: (major: Int, minor: Int), platform: PythonPlatform) -> [Tag] {
    let platforms = platformTags(for: platform)
    let nodot = "\(python.major)\(python.minor)"
    let interpreter = "cp" + nodot
    var abi = interpreter
    if (python.major, python.minor) < (3, 8) { abi += "m" }
    if (python.major, python.minor) < (3, 3) && platform.os == .linux { abi += "u" }

    var tags: [Tag] = []
    // cpython_tags
    for p in platforms { tags.append(Tag(interpreter, abi, p)) }
    let useAbi3 = (python.major, python.minor) >= (3, 2)
    if useAbi3 {
        for p in platforms { tags.append(Tag(interpreter, "abi3", p)) }
    }
    for p in platforms { tags.append(Tag(interpreter, "none", p)) }
    if useAbi3 {
        for minor in stride(from: python.minor - 1, to: 1, by: -1) {
            for p in platforms { tags.append(Tag("cp\(python.major)\(minor)", "abi3", p)) }
        }
    }
    // compatible_tags
    var pythons = ["py" + nodot, "py\(python.major)"]
    for minor in stride(from: python.minor - 1, through: 0, by: -1) { pythons.append("py\(python.major)\(minor)") }
    for version in pythons {
        for p in platforms { tags.append(Tag(version, "none", p)) }
    }
    tags.append(Tag(interpreter, "none", "any"))
    for version in pythons { tags.append(Tag(version, "none", "any")) }
    return tags
}

/// The platform tags of a target, best first, as packaging computes them on that machine:
///
/// - Linux: `linux_<arch>`, then `_manylinux.platform_tags` — `manylinux_<glibc major>_<minor>`
///   from the target's glibc down to 2.5 on x86_64/i686 (2.17 elsewhere), each legacy alias
///   (`manylinux2014`, `manylinux2010`, `manylinux1`) right after its glibc version — or, for a
///   musl target, `musllinux_<major>_<minor>` down to minor 0. manylinux tags are produced for
///   the architectures packaging allows (x86_64, aarch64, ppc64, ppc64le, s390x, loongarch64,
///   riscv64, and i686 / armv7l, whose interpreter ABI is assumed to match). `armv8l` (32-bit on
///   ARMv8) also accepts `armv7l`.
/// - macOS: `mac_platforms(version, arch)`, with its universal2/intel/fat*/universal rules.
/// - Windows: `win_amd64`, `win32` or `win_arm64`.
package func platformTags(for platform: PythonPlatform) -> [String] {
    switch platform.os {
    case .windows:
        return [platform.arch.windowsTag]
    case .macos:
        return macPlatforms(version: platform.macosVersion ?? PlatformVersion(11, 0), arch: platform.arch.macosName)
    case .linux:
        let arch = platform.arch.linuxName
        let archs = arch == "armv8l" ? ["armv8l", "armv7l"] : [arch]
        var tags = archs.map { "linux_" + $0 }
        switch platform.libc {
        case let .glibc(major, minor)?:
            tags += manylinuxPlatforms(archs: archs, glibc: PlatformVersion(major, minor))
        case let .musl(major, minor)?:
            for a in archs {
                for m in stride(from: minor, through: 0, by: -1) { tags.append("musllinux_\(major)_\(m)_\(a)") }
            }
        case nil:
            break
        }
        return tags
    }
}

/// packaging's `_manylinux.platform_tags` for a target with glibc `glibc`.
func manylinuxPlatforms(archs: [String], glibc: PlatformVersion) -> [String] {
    let allowed: Set<String> = ["x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64", "i686", "armv7l"]
    guard archs.contains(where: allowed.contains) else { return [] }
    // The oldest glibc supported: 2.17 in general, 2.5 on x86.
    let tooOld = archs.contains("x86_64") || archs.contains("i686") ? PlatformVersion(2, 4) : PlatformVersion(2, 16)
    var maxima = [glibc]
    // Compatibility across glibc major versions is assumed; packaging guesses 50 as the last
    // minor of an earlier major.
    for major in stride(from: glibc.major - 1, to: 1, by: -1) { maxima.append(PlatformVersion(major, 50)) }
    let legacy = [PlatformVersion(2, 17): "manylinux2014", PlatformVersion(2, 12): "manylinux2010", PlatformVersion(2, 5): "manylinux1"]
    var tags: [String] = []
    for arch in archs {
        for maximum in maxima {
            let minMinor = maximum.major == tooOld.major ? tooOld.minor : -1
            for minor in stride(from: maximum.minor, to: minMinor, by: -1) {
                let version = PlatformVersion(maximum.major, minor)
                if version > glibc { continue }
                tags.append("manylinux_\(version.major)_\(version.minor)_\(arch)")
                if let alias = legacy[version] { tags.append("\(alias)_\(arch)") }
            }
        }
    }
    return tags
}

/// packaging's `mac_platforms(version, arch)`.
func macPlatforms(version: PlatformVersion, arch: String) -> [String] {
    var tags: [String] = []
    if version >= PlatformVersion(10, 0) && version < PlatformVersion(11, 0) {
        for minor in stride(from: version.minor, through: 0, by: -1) {
            for format in macBinaryFormats(PlatformVersion(10, minor), arch) { tags.append("macosx_10_\(minor)_\(format)") }
        }
    }
    if version >= PlatformVersion(11, 0) {
        for major in stride(from: version.major, to: 10, by: -1) {
            for format in macBinaryFormats(PlatformVersion(major, 0), arch) { tags.append("macosx_\(major)_0_\(format)") }
        }
        // x86_64 runs binaries built for earlier releases; arm64 only universal2 ones.
        for minor in stride(from: 16, to: 3, by: -1) {
            if arch == "x86_64" {
                for format in macBinaryFormats(PlatformVersion(10, minor), arch) { tags.append("macosx_10_\(minor)_\(format)") }
            } else {
                tags.append("macosx_10_\(minor)_universal2")
            }
        }
    }
    return tags
}

/// packaging's `_mac_binary_formats`.
func macBinaryFormats(_ version: PlatformVersion, _ arch: String) -> [String] {
    var formats = [arch]
    switch arch {
    case "x86_64":
        if version < PlatformVersion(10, 4) { return [] }
        formats += ["intel", "fat64", "fat3"]
    case "i386":
        if version < PlatformVersion(10, 4) { return [] }
        formats += ["intel", "fat3", "fat"]
    case "ppc64":
        if version > PlatformVersion(10, 5) || version < PlatformVersion(10, 4) { return [] }
        formats.append("fat64")
    case "ppc":
        if version > PlatformVersion(10, 6) { return [] }
        formats += ["fat3", "fat"]
    default:
        break
    }
    if arch == "arm64" || arch == "x86_64" { formats.append("universal2") }
    if ["x86_64", "i386", "ppc64", "ppc", "intel"].contains(arch) { formats.append("universal") }
    return formats
}
