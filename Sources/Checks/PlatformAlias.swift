/// The platform names pip and uv users already type, read as the conda subdir they mean: wheel
/// platform tags (`pip download --platform manylinux2014_x86_64`, `win_amd64`) and uv's
/// `--python-platform` target triples (`x86_64-unknown-linux-gnu`, `aarch64-apple-darwin`).
/// A manylinux tag also says which glibc the user has in mind (PEP 600: `manylinux_2_28` is
/// glibc 2.28; the legacy `manylinux1`/`2010`/`2014` are 2.5/2.12/2.17), so it can stand for
/// `--glibc` when that is not given.
package struct PlatformAlias: Sendable, Equatable {
    package var subdir: String
    package var glibc: String?

    /// The subdir of each architecture name as wheel tags and triples spell it.
    static let linuxArchitectures = ["x86_64": "linux-64", "aarch64": "linux-aarch64", "arm64": "linux-aarch64",
                                     "ppc64le": "linux-ppc64le"]
    static let legacyManylinuxGlibc = ["manylinux1": "2.5", "manylinux2010": "2.12", "manylinux2014": "2.17"]

    /// One of each spelling, for a did-you-mean when a `--platform` is none of them.
    package static let examples = ["manylinux2014_x86_64", "manylinux_2_28_x86_64", "manylinux_2_28_aarch64", "macosx_11_0_arm64",
                                  "macosx_10_9_x86_64", "win_amd64", "linux_x86_64", "linux_aarch64", "x86_64-manylinux_2_28",
                                  "x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "aarch64-apple-darwin",
                                  "x86_64-apple-darwin", "x86_64-pc-windows-msvc"]

    package init(subdir: String, glibc: String? = nil) {
        self.subdir = subdir
        self.glibc = glibc
    }

    /// `nil` when the name is no wheel platform tag or target triple preflight can check for.
    package init?(_ name: String) {
        let lower = name.lowercased()
        if let alias = Self.triple(lower) ?? Self.wheelTag(lower) { self = alias } else { return nil }
    }

    /// `manylinux_2_28_x86_64`, `manylinux2014_aarch64`, `linux_x86_64`, `macosx_11_0_arm64`, `win_amd64`, `win32`.
    static func wheelTag(_ tag: String) -> PlatformAlias? {
        switch tag {
        case "win_amd64": return PlatformAlias(subdir: "win-64")
        case "win32": return PlatformAlias(subdir: "win-32")
        default: break
        }
        if tag.hasPrefix("macosx_") {
            // macosx_{major}_{minor}_{arch}; universal2 and the older fat binaries name no single subdir.
            let parts = tag.split(separator: "_")
            guard parts.count == 4, Int(parts[1]) != nil, Int(parts[2]) != nil else { return nil }
            switch parts[3] {
            case "arm64": return PlatformAlias(subdir: "osx-arm64")
            case "x86_64": return PlatformAlias(subdir: "osx-64")
            default: return nil
            }
        }
        if tag.hasPrefix("linux_") {
            return linuxArchitectures[String(tag.dropFirst("linux_".count))].map { PlatformAlias(subdir: $0) }
        }
        guard let (glibc, architecture) = manylinux(tag, separator: "_"), let subdir = linuxArchitectures[architecture] else { return nil }
        return PlatformAlias(subdir: subdir, glibc: glibc)
    }

    /// uv's triples: `x86_64-manylinux_2_28`, `x86_64-unknown-linux-gnu`, `aarch64-apple-darwin`, `x86_64-pc-windows-msvc`.
    static func triple(_ text: String) -> PlatformAlias? {
        guard let dash = text.firstIndex(of: "-") else { return nil }
        let architecture = String(text[..<dash]), rest = String(text[text.index(after: dash)...])
        switch rest {
        case "unknown-linux-gnu": return linuxArchitectures[architecture].map { PlatformAlias(subdir: $0) }
        case "apple-darwin":
            switch architecture {
            case "aarch64", "arm64": return PlatformAlias(subdir: "osx-arm64")
            case "x86_64": return PlatformAlias(subdir: "osx-64")
            default: return nil
            }
        case "pc-windows-msvc":
            switch architecture {
            case "x86_64": return PlatformAlias(subdir: "win-64")
            case "i686": return PlatformAlias(subdir: "win-32")
            default: return nil
            }
        default:
            // `x86_64-manylinux_2_28`: the tag without its architecture, after it.
            guard let (glibc, remainder) = manylinux(rest + "_", separator: "_"), remainder.isEmpty,
                  let subdir = linuxArchitectures[architecture] else { return nil }
            return PlatformAlias(subdir: subdir, glibc: glibc)
        }
    }

    /// `manylinux_2_28_x86_64` → ("2.28", "x86_64"); `manylinux2014_x86_64` → ("2.17", "x86_64").
    private static func manylinux(_ tag: String, separator: Character) -> (String, String)? {
        for (legacy, glibc) in legacyManylinuxGlibc where tag.hasPrefix(legacy + "_") {
            return (glibc, String(tag.dropFirst(legacy.count + 1)))
        }
        guard tag.hasPrefix("manylinux_") else { return nil }
        let parts = tag.dropFirst("manylinux_".count).split(separator: separator, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        return ("\(major).\(minor)", String(parts[2]))
    }
}
