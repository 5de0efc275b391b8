import Checks
import PythonPackaging
import Registries

/// One project's versions as resolution candidates for a target, newest first (pip and uv try
/// the newest first). Every version the index lists is a candidate, so that a requirement on a
/// version that exists but cannot be installed here is explained ("requires Python >=3.9")
/// rather than reported as missing.
///
/// A version is usable when a non-yanked file admits the target Python and is a compatible wheel
/// or a source distribution: pip builds an sdist when no wheel fits, so a spec resolves the way
/// the image build will (the availability check warns about the sdist separately).
struct PipCandidates: Sendable {
    let name: String
    let versions: [Version]
    let texts: [String]
    /// The file pip would install per candidate (yanked files only where nothing else fits).
    let files: [DistributionFile?]
    /// Why a candidate can never be installed on the target; nil when it can.
    let unusable: [String?]
    /// Every fitting file of the version is yanked: only an exact pin may select it.
    let yankedOnly: [Bool]

    init(listing: ProjectListing, target: Target, session: CheckSession) {
        name = listing.name
        let parsed = PyPIAvailability.parse(listing, session: session)
        let choices = parsed.choices(target: target, tags: PyPIAvailability.tags(target, session: session), allowSdist: true)
        var versions: [Version] = []
        var texts: [String] = []
        var files: [DistributionFile?] = []
        var unusable: [String?] = []
        var yankedOnly: [Bool] = []
        for version in parsed.versions.reversed() {
            let all = parsed.byVersion[version] ?? []
            versions.append(version)
            texts.append(parsed.text(version))
            let choice = choices[version]
            if let index = choice?.best ?? choice?.bestWithYanked {
                files.append(all[index].file)
                unusable.append(nil)
                yankedOnly.append(choice?.best == nil)
            } else {
                files.append(nil)
                unusable.append(Self.reason(all, target: target, session: session))
                yankedOnly.append(false)
            }
        }
        self.versions = versions
        self.texts = texts
        self.files = files
        self.unusable = unusable
        self.yankedOnly = yankedOnly
    }

    /// A project the index does not have: no candidates.
    init(missing name: String) {
        self.name = name
        versions = []
        texts = []
        files = []
        unusable = []
        yankedOnly = []
    }

    var count: Int { versions.count }

    private static func reason(_ files: [PyPIAvailability.File], target: Target, session: CheckSession) -> String {
        let admitted = files.filter { PyPIAvailability.admitsPython($0.file, target, session: session) }
        if admitted.isEmpty {
            let ranges = Set(files.compactMap(\.file.requiresPython)).sorted()
            return "requires Python \(ranges.joined(separator: " or ")) (the target is \(target.python.fullVersion))"
        }
        return "has no wheel for \(target) and no source distribution"
    }

    /// The candidates a requirement allows: the versions its specifier admits (pre-releases as
    /// `packaging` filters them), without yanked-only ones unless it pins exactly, as pip does.
    func allowed(by specifier: SpecifierSet) -> [Int] {
        let matching = Set(specifier.filter(versions.reversed()))
        let exact = PyPIAvailability.isExactPin(specifier)
        return versions.indices.filter { matching.contains(versions[$0]) && (exact || !yankedOnly[$0]) }
    }
}
