import Foundation

/// Where preflight keeps things when nobody says otherwise.
package enum Locations {
    /// The checkout this executable was built in (it has `Package.swift` and `Config/`), if any.
    package static func checkoutRoot(executablePath: String = CommandLine.arguments.first ?? "") -> URL? {
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let config = dir.appendingPathComponent("Config/preflight.yaml").path
            let manifest = dir.appendingPathComponent("Package.swift").path
            if FileManager.default.fileExists(atPath: config) && FileManager.default.fileExists(atPath: manifest) {
                return dir
            }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// `--cache-dir`, else `$PREFLIGHT_CACHE_DIR`, else the checkout's `Cache/`, else the XDG cache directory.
    package static func cacheDirectory(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["PREFLIGHT_CACHE_DIR"], !env.isEmpty { return env }
        if let checkout = checkoutRoot() { return checkout.appendingPathComponent("Cache").path }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/preflight" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache/preflight"
    }
}
