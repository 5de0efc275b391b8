import Checks
import Foundation
import PythonPackaging
import Specs

/// A URL or local-path requirement (`https://host/pkg-1.0-py3-none-any.whl`, `name @ https://…`,
/// `file:///wheels/x.whl`, `./dist/x.tar.gz`) seen through its file name: pip decides from the
/// name alone whether a wheel installs on a target ("… is not a supported wheel on this
/// platform") and builds anything else from source. A VCS requirement (`git+https://…`) is a
/// checkout: what it holds is only known once pip has cloned it. Pure: no I/O.
package struct DirectReference: Sendable {
    package enum Archive: Sendable {
        case wheel(WheelFilename)
        /// A `.whl` whose name does not parse (pip: "… is not a valid wheel filename").
        case invalidWheel(String)
        /// A source archive (`.tar.gz`, `.zip`, …): pip builds it.
        case sdist
        /// A version-control checkout, with the VCS's name (`git`, `hg`, `svn`, `bzr`): pip clones it and builds it.
        case checkout(String)
        /// A directory, or a URL whose file name says nothing.
        case other
    }

    /// The location as written (a URL, a `file:` URL or a path), extras removed.
    package var location: String
    /// The normalized project name of `name @ …`, else nil.
    package var name: String?
    /// The last path component of the location, percent-decoded, without query or fragment.
    package var filename: String?
    package var archive: Archive
    package var marker: Marker?
    /// An `http://` or `https://` location.
    package var isRemote: Bool
    /// The absolute file-system path of a local location (`file:` URL or `/path`); nil for a
    /// relative path, which pip takes from the directory it runs in.
    package var absolutePath: String?

    /// nil for a requirement that names no location, or cannot be parsed.
    package init?(_ item: SpecRequirement) {
        guard let reference = item.reference else { return nil }
        var location = reference.location
        if let requirement = try? Requirement(item.text), let url = requirement.url {
            name = requirement.normalizedName
            location = url
            marker = requirement.marker
        } else {
            name = nil
            // pip splits a URL or path line from its marker at "; ".
            if let separator = item.text.range(of: "; ") {
                let text = item.text[separator.upperBound...].trimmingCharacters(in: .whitespaces)
                guard let parsed = try? Marker(text) else { return nil }
                marker = parsed
            } else {
                marker = nil
            }
        }
        location = Self.strippingExtras(location)
        self.location = location
        let lower = location.lowercased()
        if case .vcs = reference {
            // Nothing of a checkout can be looked at from here: not its files, not its name's tags.
            isRemote = false
            absolutePath = nil
            filename = nil
            archive = .checkout(String(lower.prefix { $0 != "+" }))
            if name == nil { name = Self.eggName(location) }
            return
        }
        isRemote = lower.hasPrefix("http://") || lower.hasPrefix("https://")
        absolutePath = Self.absolutePath(location)
        filename = Self.lastComponent(location)
        archive = Self.classify(filename)
    }

    /// The normalized project of a `#egg=name` fragment (pip's legacy way to name a checkout).
    static func eggName(_ location: String) -> String? {
        guard let hash = location.firstIndex(of: "#") else { return nil }
        for part in location[location.index(after: hash)...].split(separator: "&") where part.hasPrefix("egg=") {
            let egg = part.dropFirst("egg=".count)
            if !egg.isEmpty { return normalizeProjectName(String(egg)) }
        }
        return nil
    }

    /// `./pkg[extra]` → `./pkg` (pip's `_strip_extras`).
    static func strippingExtras(_ location: String) -> String {
        guard location.hasSuffix("]"), let open = location.lastIndex(of: "[") else { return location }
        return String(location[..<open])
    }

    static func lastComponent(_ location: String) -> String? {
        var text = Substring(location)
        if let cut = text.firstIndex(where: { $0 == "#" || $0 == "?" }) { text = text[..<cut] }
        while text.hasSuffix("/") { text = text.dropLast() }
        guard let last = text.split(separator: "/").last, !last.isEmpty, !last.hasSuffix(":") else { return nil }
        let name = String(last)
        return name.removingPercentEncoding ?? name
    }

    /// `file:///a/b`, `file://localhost/a/b`, `file:/a/b` and `/a/b` → `/a/b`; anything else nil.
    static func absolutePath(_ location: String) -> String? {
        var text = Substring(location)
        if let cut = text.firstIndex(of: "#") { text = text[..<cut] }
        if text.lowercased().hasPrefix("file:") {
            text = text.dropFirst("file:".count)
            if text.hasPrefix("//") {
                text = text.dropFirst(2)
                guard let slash = text.firstIndex(of: "/") else { return nil }
                let host = text[..<slash].lowercased()
                guard host.isEmpty || host == "localhost" else { return nil }
                text = text[slash...]
            }
            guard text.hasPrefix("/") else { return nil }
            let path = String(text)
            return path.removingPercentEncoding ?? path
        }
        return text.hasPrefix("/") ? String(text) : nil
    }

    static let sourceSuffixes = [".tar.gz", ".zip", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma", ".tar"]

    static func classify(_ filename: String?) -> Archive {
        guard let filename else { return .other }
        let lower = filename.lowercased()
        if lower.hasSuffix(".whl") {
            do {
                return .wheel(try WheelFilename(filename))
            } catch {
                return .invalidWheel(error.message)
            }
        }
        return sourceSuffixes.contains(where: { lower.hasSuffix($0) }) ? .sdist : .other
    }

    /// The project, as named (`name @`) or as the file name says.
    package var project: String? {
        if let name { return name }
        switch archive {
        case .wheel(let wheel): return wheel.name
        case .sdist: return filename.flatMap(SdistFilename.parse).map(\.name)
        case .invalidWheel, .checkout, .other: return nil
        }
    }

    /// Why a wheel's tags do not install on the target; nil when they do (or it is not a wheel).
    /// `session`: the run's tag sets.
    package func unsupportedWheelReason(on target: Target, session: CheckSession) -> String? {
        guard case .wheel(let wheel) = archive else { return nil }
        let supported = TargetTags.supportedTagSet(for: target, session: session)
        guard wheel.bestPriority(in: supported) == nil else { return nil }
        // Interpreter and ABI go together: CPython 3.8 accepts `cp36-abi3`, not `cp36-cp36m`.
        let builds = Set(supported.tags.map { "\($0.interpreter)-\($0.abi)" }), platforms = Set(supported.tags.map(\.platform))
        let wheelBuilds = Self.ordered(wheel.tags.map { "\($0.interpreter)-\($0.abi)" })
        let wheelPlatforms = Self.ordered(wheel.tags.map(\.platform))
        if !wheelBuilds.contains(where: builds.contains) {
            return "it is built for \(wheelBuilds.joined(separator: ", ")) and the target runs CPython \(target.python)"
        }
        if !wheelPlatforms.contains(where: platforms.contains) {
            return "it is built for the platform \(wheelPlatforms.joined(separator: ", ")), not \(target.platform)\(Self.platformDetail(target))"
        }
        return "its interpreter and ABI (\(wheelBuilds.joined(separator: ", "))) and its platform fit the target only apart"
    }

    /// The wheel's tag triple as written (`cp36-cp36m-linux_x86_64`).
    package var tagTriple: String? {
        guard case .wheel(let wheel) = archive else { return nil }
        return wheel.filename.dropLast(4).split(separator: "-", omittingEmptySubsequences: false).suffix(3).joined(separator: "-")
    }

    static func platformDetail(_ target: Target) -> String {
        if target.isLinux, let glibc = target.glibc { return " with glibc \(glibc)" }
        if target.isMacOS, let macos = target.macos { return " (macOS \(macos))" }
        return ""
    }

    static func ordered(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
