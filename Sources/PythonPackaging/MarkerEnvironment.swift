/// The values PEP 508 markers are evaluated against (packaging's `default_environment()`), for a
/// target rather than for the running process.
package struct MarkerEnvironment: Sendable, Hashable {
    package var implementationName: String
    package var implementationVersion: String
    package var osName: String
    package var platformMachine: String
    package var platformRelease: String
    package var platformSystem: String
    package var platformVersion: String
    package var pythonFullVersion: String
    package var platformPythonImplementation: String
    package var pythonVersion: String
    package var sysPlatform: String

    package init(
        implementationName: String, implementationVersion: String, osName: String, platformMachine: String,
        platformRelease: String, platformSystem: String, platformVersion: String, pythonFullVersion: String,
        platformPythonImplementation: String, pythonVersion: String, sysPlatform: String
    ) {
        self.implementationName = implementationName
        self.implementationVersion = implementationVersion
        self.osName = osName
        self.platformMachine = platformMachine
        self.platformRelease = platformRelease
        self.platformSystem = platformSystem
        self.platformVersion = platformVersion
        self.pythonFullVersion = pythonFullVersion
        self.platformPythonImplementation = platformPythonImplementation
        self.pythonVersion = pythonVersion
        self.sysPlatform = sysPlatform
    }

    /// The value of a marker variable by its normalized name (`python_version`, `os_name`, …);
    /// nil for names outside the environment (`extras`, `dependency_groups`, anything else), which
    /// packaging reports as `UndefinedEnvironmentName`.
    package subscript(key: String) -> String? {
        switch key {
        case "implementation_name": return implementationName
        case "implementation_version": return implementationVersion
        case "os_name": return osName
        case "platform_machine": return platformMachine
        case "platform_release": return platformRelease
        case "platform_system": return platformSystem
        case "platform_version": return platformVersion
        case "python_full_version": return pythonFullVersion
        case "platform_python_implementation": return platformPythonImplementation
        case "python_version": return pythonVersion
        case "sys_platform": return sysPlatform
        default: return nil
        }
    }

    /// All keys with their values, as packaging's environment dictionary.
    package var dictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: MarkerEnvironment.keys.compactMap { key in self[key].map { (key, $0) } })
    }

    package static let keys = [
        "implementation_name", "implementation_version", "os_name", "platform_machine", "platform_release",
        "platform_system", "platform_version", "python_full_version", "platform_python_implementation",
        "python_version", "sys_platform",
    ]

    /// The environment of CPython `pythonVersion` (`"3.8"` or `"3.8.5"`; `3.8` means 3.8.0, as
    /// pip's `--python-version`) on `platform`:
    ///
    /// | key | Linux | macOS | Windows |
    /// |---|---|---|---|
    /// | sys_platform | `linux` | `darwin` | `win32` |
    /// | platform_system | `Linux` | `Darwin` | `Windows` |
    /// | os_name | `posix` | `posix` | `nt` |
    /// | platform_machine | arch (`x86_64`, `aarch64`, …) | `x86_64` / `arm64` | `AMD64` / `ARM64` / `x86` |
    ///
    /// `implementation_name` is `cpython`, `platform_python_implementation` `CPython`,
    /// `implementation_version` equals `python_full_version`. `platform_release` and
    /// `platform_version` cannot be known for a target and are empty strings, as packaging reports
    /// them when undeterminable: a version comparison against them is false (the empty string is
    /// not a version), `==` compares with "", `!=` is true.
    package static func forTarget(pythonVersion: String, platform: PythonPlatform) -> MarkerEnvironment {
        let parts = pythonVersion.split(separator: ".", omittingEmptySubsequences: false)
        let short = parts.prefix(2).joined(separator: ".")
        let full = parts.count >= 3 ? pythonVersion : (parts.count == 2 ? pythonVersion + ".0" : pythonVersion + ".0.0")
        let sysPlatform: String, system: String, osName: String, machine: String
        switch platform.os {
        case .linux:
            (sysPlatform, system, osName, machine) = ("linux", "Linux", "posix", platform.arch.linuxName)
        case .macos:
            (sysPlatform, system, osName, machine) = ("darwin", "Darwin", "posix", platform.arch.macosName)
        case .windows:
            let windowsMachine: String
            switch platform.arch.windowsTag {
            case "win_amd64": windowsMachine = "AMD64"
            case "win_arm64": windowsMachine = "ARM64"
            case "win32": windowsMachine = "x86"
            default: windowsMachine = platform.arch.rawValue.uppercased()
            }
            (sysPlatform, system, osName, machine) = ("win32", "Windows", "nt", windowsMachine)
        }
        return MarkerEnvironment(
            implementationName: "cpython", implementationVersion: full, osName: osName, platformMachine: machine,
            platformRelease: "", platformSystem: system, platformVersion: "", pythonFullVersion: full,
            platformPythonImplementation: "CPython", pythonVersion: short.isEmpty ? pythonVersion : short,
            sysPlatform: sysPlatform)
    }
}
