import Checks
import Foundation
import PythonPackaging
import Specs
import Transport

/// URL, VCS and local-path requirements (`DirectReference`) for one target: a wheel whose tags do
/// not fit is `no-compatible-distribution`, a source archive `sdist-only`, a location that cannot
/// be reached `source-unreachable`, and what cannot be judged before pip fetches it (a checkout, a
/// local project directory, a URL whose name says nothing) `unverifiable-reference`, saying why:
/// a requirement that is checked in no way must not vanish from the report.
///
/// Reachability: an `http(s)` location is probed with a one-byte range read through the shared
/// `HTTPClient` (retries, time limits, proxies, credentials and the disk cache as for every other
/// request, so a warm run asks nothing), once per URL and run whatever the number of targets:
/// a dead link fails the image build as surely as a wrong tag, and the probe costs one small round
/// trip. A `file:` URL or absolute path is looked up on disk — except on a Dockerfile's
/// `pip install` line, whose paths are in the image being built. Relative paths are not looked up:
/// pip takes them from the directory it runs in, which the spec does not say.
struct DirectReferenceChecker: Sendable {
    let http: HTTPClient
    let allowSdist: Bool
    let session: CheckSession

    func findings(for item: SpecRequirement, target: Target) async -> [Finding] {
        guard let reference = DirectReference(item) else { return [] }
        if let marker = reference.marker, !marker.evaluate(environment: TargetTags.markerEnvironment(for: target)) {
            return []  // not installed on this target
        }
        let shown = Redaction.stripCredentials(reference.location)
        let file = reference.filename ?? shown
        func finding(_ code: FindingCode, _ message: String, severity: Finding.Severity? = nil) -> Finding {
            FindingSite(item.position, source: "pypi", package: reference.project, requirement: Redaction.scrub(item.text), target: target)
                .finding(code, message, severity: severity)
        }
        var out: [Finding] = []
        switch reference.archive {
        case .wheel:
            if let why = reference.unsupportedWheelReason(on: target, session: session) {
                out.append(finding(.noCompatibleDistribution,
                                   "pip: \(file) is not a supported wheel on this platform; its tags \(reference.tagTriple ?? "") do not fit \(target): \(why)"))
            }
        case .invalidWheel(let why):
            out.append(finding(.invalidSpec, "\(file) is not a valid wheel filename (pip refuses it): \(why)"))
        case .sdist:
            if !allowSdist {
                // A URL says nothing of the project's other files or its metadata: nothing tells whether it compiles.
                let build = SourceBuild.unknown
                out.append(finding(.sdistOnly, "\(file) is a source distribution for \(target): \(build.consequence)", severity: build.severity))
            }
        case .checkout(let vcs):
            out.append(finding(.unverifiableReference,
                               "\(shown) is a \(vcs) checkout: pip clones and builds it at install time (the image needs the \(vcs) command), "
                                   + "so its version, its dependencies and whether it builds for \(target) are only known then; not checked"))
        case .other where reference.isRemote:
            out.append(finding(.unverifiableReference,
                               "\(shown) names no wheel or source archive: what it serves is only known when pip downloads it, "
                                   + "so its version and dependencies are not checked"))
        case .other:
            break  // a local source tree: said below, once it is known to exist
        }
        if let problem = await session.directReferences.problem(with: reference, http: http, inImage: item.section == "pip install") {
            var unreachable = finding(.sourceUnreachable, "\(shown) could not be reached: \(problem); the verdict for it is unknown")
            unreachable.unreachableSource = shown
            out.append(unreachable)
        } else if case .other = reference.archive, !reference.isRemote {
            // A source tree (`-e .`, `./pkg`, `file:///src/pkg`): pip builds it where it runs, and
            // what it is and needs is known only then. Said (once, for every target) so that
            // "no findings" is not read as "checked".
            let whence = reference.absolutePath == nil ? " (relative to the directory pip runs in)" : ""
            var local = finding(.unverifiableReference,
                                "\(shown) is a local project directory\(whence): pip builds it from source during the image build, and no index has it, so its version and dependencies are not checked")
            local.target = nil
            out.append(local)
        }
        return out
    }
}

/// Whether a direct reference's location exists, asked once per location and run (the run's
/// probe is `CheckSession.directReferences`). Its table holds the probes themselves, started
/// under the lock, so that concurrent askers share one request rather than each making one.
final class DirectReferenceProbe: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String: Task<String?, Never>] = [:]

    /// Why the location cannot be fetched, or nil when it can (or is not looked up).
    func problem(with reference: DirectReference, http: HTTPClient, inImage: Bool) async -> String? {
        if reference.isRemote {
            return await once(reference.location) { await Self.probe(url: reference.location, http: http) }
        }
        guard let path = reference.absolutePath, !inImage else { return nil }
        // A local file can appear or vanish between runs: a run that looked at one is not replayed.
        http.cache?.readLog.markUncacheable("\(path) is a local file")
        if FileManager.default.fileExists(atPath: path) { return nil }
        return "no such file or directory \(path) (pip: Could not install packages due to an OSError: [Errno 2] No such file or directory: '\(path)')"
    }

    private func once(_ key: String, _ work: @escaping @Sendable () async -> String?) async -> String? {
        await task(for: key, work).value
    }

    private func task(for key: String, _ work: @escaping @Sendable () async -> String?) -> Task<String?, Never> {
        lock.lock()
        defer { lock.unlock() }
        if let known = answers[key] { return known }
        let task = Task { await work() }
        answers[key] = task
        return task
    }

    /// A one-byte range read (`bytes=0-0`): a server that ignores the range and sends the whole
    /// file is cut off after 64 KiB, which still proves the file is there.
    static func probe(url: String, http: HTTPClient) async -> String? {
        let shown = Redaction.stripCredentials(url)
        do {
            let response = try await http.fetch(HTTPRequest(url: url, range: .span(0, 0), maxBodyBytes: 64 << 10))
            if response.isSuccess { return nil }
            return "the server answers HTTP \(response.status) (pip: HTTP error \(response.status) while getting \(shown))"
        } catch let error as TransportError {
            switch error.kind {
            case .tooLarge: return nil  // it answered with the file
            case .http where error.status == 416: return nil  // an empty file: nothing to range over
            default:
                let text = "\(error)"
                return text.hasPrefix(error.url + ": ") ? String(text.dropFirst(error.url.count + 2)) : text
            }
        } catch {
            return "\(error)"
        }
    }
}
