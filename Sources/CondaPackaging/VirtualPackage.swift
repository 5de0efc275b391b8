/// A conda virtual package (`__glibc`, `__cuda`, ...): a fact about the target machine that
/// records can depend on, reported by conda and rattler as `name=version=build`.
package struct VirtualPackage: Sendable, Hashable, CustomStringConvertible {
    /// `__glibc`, `__cuda`, ...
    package let name: String
    /// The version string (`2.28`).
    package let version: String
    /// The build string (`0`, or the micro-architecture for `__archspec`).
    package let build: String

    /// A virtual package from its parts.
    package init(name: String, version: String, build: String = "0") {
        self.name = name
        self.version = version
        self.build = build
    }

    /// `__glibc=2.28=0`, as conda and rattler print it.
    package var description: String { "\(name)=\(version)=\(build)" }

    /// The virtual package as a record, so a MatchSpec can be matched against it.
    package var record: PackageRecord {
        PackageRecord(fileName: "\(name)-\(version)-\(build)", name: name, version: version, build: build)
    }

    /// The Linux kernel version assumed when none is given: the default system requirement
    /// of pixi (rattler's front end). The running kernel is the host's, not the image's, so
    /// a build machine cannot know it; conda reports the kernel it runs on.
    package static let defaultLinuxKernel = "4.18"

    /// The virtual packages of a target, as conda / rattler report them on such a machine:
    ///
    /// - Unix-like subdirs: `__unix=0=0`.
    /// - Linux: `__linux=<kernel>=0` (``defaultLinuxKernel`` unless `linuxKernel` is given)
    ///   and `__glibc=<glibc>=0` when `glibc` is given.
    /// - macOS: `__osx=<macos>=0` when `macos` is given. Windows: `__win=0=0`.
    /// - `__cuda=<cuda>=0` when `cuda` is given (any platform but noarch).
    /// - `__archspec=1=<archspec>`, with the subdir's base machine (`x86_64`, `aarch64`,
    ///   `arm64`, `ppc64le`, ...) unless a micro-architecture is given.
    ///
    /// `noarch` and unknown subdirs have none.
    package static func forTarget(
        subdir: String, glibc: String?, macos: String?, cuda: String?, archspec: String?,
        linuxKernel: String? = nil
    ) -> [VirtualPackage] {
        guard let target = Subdir(subdir), target.operatingSystem != .noarch else { return [] }
        var packages: [VirtualPackage] = []
        if target.isUnix { packages.append(VirtualPackage(name: "__unix", version: "0")) }
        switch target.operatingSystem {
        case .linux:
            packages.append(VirtualPackage(name: "__linux", version: linuxKernel ?? defaultLinuxKernel))
            if let glibc { packages.append(VirtualPackage(name: "__glibc", version: glibc)) }
        case .osx:
            if let macos { packages.append(VirtualPackage(name: "__osx", version: macos)) }
        case .win:
            packages.append(VirtualPackage(name: "__win", version: "0"))
        default:
            break
        }
        if let cuda { packages.append(VirtualPackage(name: "__cuda", version: cuda)) }
        if let machine = archspec ?? target.machine {
            packages.append(VirtualPackage(name: "__archspec", version: "1", build: machine))
        }
        return packages
    }

    /// Whether these virtual packages satisfy a dependency string such as
    /// `__glibc >=2.17,<3.0.a0` or `__cuda>=11`: nil when the dependency is not on a virtual
    /// package (its name does not start with `__`), false when it is but none of them
    /// matches (or the spec cannot be parsed).
    package static func satisfies(_ dependency: String, with packages: [VirtualPackage]) -> Bool? {
        guard let spec = try? MatchSpec(dependency) else {
            return dependency.trimmingLeadingWhitespace.hasPrefix("__") ? false : nil
        }
        guard let name = spec.name, name.hasPrefix("__") else { return nil }
        return packages.contains { $0.name == name && spec.matches($0.record) }
    }
}

extension Array where Element == VirtualPackage {
    /// See ``VirtualPackage/satisfies(_:with:)``.
    package func satisfies(_ dependency: String) -> Bool? {
        VirtualPackage.satisfies(dependency, with: self)
    }
}

extension String {
    fileprivate var trimmingLeadingWhitespace: Substring { drop(while: { $0.isWhitespace }) }
}
