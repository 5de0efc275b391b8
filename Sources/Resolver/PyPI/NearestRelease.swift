import PythonPackaging

/// The release to suggest instead of one that cannot be used: the nearest one that installs on the
/// target, in the same release line when there is one (`pandas==1.3.0` on Python 3.10 → 1.3.3, not
/// the newest 2.x), within every other limit on the package (a constraints file's, or the parent's
/// specifier for a dependency: a version outside them helps nobody who can only edit this spec),
/// and never a pre-release unless one was asked for. Pure: no I/O.
enum NearestRelease {
    /// The suggestion for `specifier`, among `installable` (ascending); nil when nothing qualifies.
    static func suggestion(for specifier: SpecifierSet, among installable: [Version], constraints: [SpecifierSet]) -> Version? {
        let usable = candidates(installable, prereleases: namesPrerelease(specifier), constraints: constraints)
        guard let anchor = anchor(of: specifier) else { return usable.last }
        return nearest(to: anchor, among: usable.filter { $0 != anchor })
    }

    /// `installable` without pre-releases (unless allowed) and outside no constraint.
    static func candidates(_ installable: [Version], prereleases: Bool, constraints: [SpecifierSet]) -> [Version] {
        installable.filter { version in
            (prereleases || !version.isPrerelease) && constraints.allSatisfy { $0.contains(version, prereleases: true) }
        }
    }

    /// In the same release line (`2.32.0` → `2.32.*`) the next newer one, else the next older
    /// one; outside the line the next newer release, else the next older one. `usable` ascending.
    static func nearest(to anchor: Version, among usable: [Version]) -> Version? {
        let line = Array(anchor.release.prefix(2))
        let sameLine = usable.filter { Array($0.release.prefix(2)) == line }
        if let next = sameLine.first(where: { $0 > anchor }) { return next }
        if let previous = sameLine.last(where: { $0 < anchor }) { return previous }
        if let next = usable.first(where: { $0 > anchor }) { return next }
        return usable.last { $0 < anchor }
    }

    /// For a version that does not exist (`version-not-found`): the closest existing ones on either
    /// side of what was asked, and the newest; final releases unless there are none.
    static func around(_ specifier: SpecifierSet, among versions: [Version], limit: Int = 3) -> [String] {
        guard !versions.isEmpty else { return [] }
        let sorted = versions.sorted()
        guard let anchor = anchor(of: specifier) else { return sorted.suffix(limit).reversed().map(\.description) }
        let finals = sorted.filter { !$0.isPrerelease }
        let pool = finals.isEmpty ? sorted : finals
        var out: [Version] = []
        if let below = pool.last(where: { $0 < anchor }) { out.append(below) }
        if let above = pool.first(where: { $0 > anchor }) { out.append(above) }
        if let newest = pool.last, !out.contains(newest) { out.append(newest) }
        return out.prefix(limit).map(\.description)
    }

    /// The version a specifier is about: its first one (`==1.3.0`, `~=1.7.1`, `1.2.*` → 1.2); nil when unversioned.
    static func anchor(of specifier: SpecifierSet) -> Version? {
        specifier.specifiers.lazy.compactMap { Version.parse($0.version.replacingOccurrences(of: ".*", with: "")) }.first
    }

    /// A requirement that names a pre-release asks for pre-releases (as `packaging` filters them).
    static func namesPrerelease(_ specifier: SpecifierSet) -> Bool {
        specifier.specifiers.contains { Version.parse($0.version)?.isPrerelease == true }
    }
}
