import Checks
import PythonPackaging
import Registries
import Specs

/// `--hash` values decide which files pip may install (`FileRestriction`); judged per target.
enum HashFindings {
    static let pipMessage = "THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE"

    static func findings(item: SpecRequirement, requirement: Requirement, listing: ProjectListing, verdict: Availability,
                         target: Target, allowSdist: Bool, session: CheckSession,
                         make: (FindingCode, String, Finding.Severity?, [String]) -> Finding) -> [Finding] {
        let restriction = FileRestriction(hashes: item.hashes)
        guard restriction.isRestricting else { return [] }
        let parsed = PyPIAvailability.parse(listing, session: session)
        let versions = verdict.matchingVersions.compactMap(Version.parse)
        let files = versions.flatMap { parsed.byVersion[$0, default: []].map(\.file) }
        guard files.contains(where: { !$0.hashes.isEmpty }) else { return [] }  // the index publishes no digests
        let candidates = restriction.candidates(among: files, project: listing.name, target: target,
                                                pinned: PyPIAvailability.isExactPin(requirement.specifier), session: session)
        guard let chosen = candidates.files.first else { return [] }  // nothing installs here: other findings say why
        let name = listing.name
        if candidates.installFailsHashCheck {
            let listed = item.hashes.count
            let fix = chosen.hashes["sha256"].map { ["--hash=sha256:\($0)"] } ?? []
            if candidates.matchedElsewhere.isEmpty {
                return [make(.hashMismatch, "none of the \(listed) --hash value(s) matches a file the index publishes for \(name) \(versionText(chosen, name)); pip downloads \(chosen.filename) for \(target) and stops (pip: \(pipMessage))", nil, fix)]
            }
            let others = candidates.matchedElsewhere.map(\.filename)
            return [make(.hashMismatch, "no listed hash matches a file installable on \(target): the \(listed) --hash value(s) match only \(list(others)), which do not install there; pip downloads \(chosen.filename) and stops (pip: \(pipMessage))", nil, fix)]
        }
        if candidates.hashesForceSdist, !allowSdist,
           let wheel = candidates.applicable.first(where: { $0.filename.hasSuffix(".whl") && !$0.yanked }) {
            let fix = wheel.hashes["sha256"].map { ["--hash=sha256:\($0)"] } ?? []
            let build = parsed.sourceBuild(project: name)
            return [make(.sdistOnly, "the --hash values allow only the source distribution \(list(candidates.files.map(\.filename))) on \(target), so pip builds \(name) from source although wheels for the target exist, e.g. \(wheel.filename), whose hashes are not listed: \(build.consequence)", build.severity, fix)]
        }
        return []
    }

    static func versionText(_ file: DistributionFile, _ project: String) -> String {
        ProjectFilenameParser(projectName: project).parse(file.filename).map { $0.version.description } ?? "?"
    }

    static func list(_ names: [String], limit: Int = 3) -> String {
        names.count <= limit ? names.joined(separator: ", ") : names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more"
    }
}
