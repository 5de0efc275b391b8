import Checks
import PythonPackaging
import Registries

/// What to say about a yanked pin: the reason the index publishes (PEP 592) and the nearest
/// release to use instead. Pure: no I/O.
struct YankedNotice: Sendable, Equatable {
    /// The index's reason, trimmed; nil when it gives none.
    var reason: String?
    /// The nearest version that installs on the target without yanked files: in the same release
    /// line (`2.32.0` → `2.32.*`), the next newer one, else the next older one; outside the line,
    /// the next newer release, else the next older one. nil when there is none.
    var replacement: String?

    /// `version` of `listing` is the yanked version the verdict picked; `filename` the file.
    static func make(listing: ProjectListing, version: String, filename: String?, target: Target, allowSdist: Bool,
                     session: CheckSession) -> YankedNotice {
        let parsed = PyPIAvailability.parse(listing, session: session)
        let files = Version.parse(version).flatMap { parsed.byVersion[$0] } ?? []
        let picked = files.first { $0.file.filename == filename } ?? files.first { $0.file.yanked }
        let reasons = [picked?.file.yankedReason] + files.map(\.file.yankedReason)
        let reason = reasons.lazy.compactMap { $0?.trimmingPythonSpaces() }.first { !$0.isEmpty }
        guard let yanked = Version.parse(version) else { return YankedNotice(reason: reason, replacement: nil) }
        let choices = parsed.choices(target: target, tags: PyPIAvailability.tags(target, session: session), allowSdist: allowSdist)
        let installable = parsed.versions.filter { $0 != yanked && choices[$0]?.best != nil }
        let usable = NearestRelease.candidates(installable, prereleases: yanked.isPrerelease, constraints: [])
        return YankedNotice(reason: reason, replacement: NearestRelease.nearest(to: yanked, among: usable).map(parsed.text))
    }

    /// `requests 2.32.0 is yanked ("reason"); <consequence>; the nearest release … is 2.32.2`.
    func message(project: String, version: String, target: Target, consequence: String) -> String {
        var text = "\(project) \(version) is yanked"
        if let reason { text += " (the index gives the reason: \"\(reason)\")" }
        text += "; \(consequence)"
        if let replacement {
            text += "; the nearest release that is not yanked and installs on \(target) is \(replacement)"
        } else {
            text += "; no release that is not yanked installs on \(target)"
        }
        return text
    }

    func suggestions(project: String) -> [String] {
        replacement.map { ["\(project)==\($0)"] } ?? []
    }
}

extension String {
    func trimmingPythonSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
