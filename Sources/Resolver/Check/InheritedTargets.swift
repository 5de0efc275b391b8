import Checks
import Foundation
import Specs

/// The targets a spec inherits from the specs of the same run that include it: a requirements
/// file that only a `FROM python:3.8` Dockerfile installs is installed on that image, so it is
/// checked for py3.8 there, not for the default Python. A file several specs include is checked
/// for each of their targets. Pure.
package struct InheritedTargets: Sendable {
    private var byFile: [String: [Target]] = [:]

    package init() {}

    init(specs: [ParsedSpec], targets: (ParsedSpec) -> [Target]) {
        for spec in specs where !spec.includedFiles.isEmpty {
            let own = targets(spec)
            for file in spec.includedFiles {
                let key = Self.key(file)
                guard key != Self.key(spec.path) else { continue }
                for target in own where !(byFile[key] ?? []).contains(target) { byFile[key, default: []].append(target) }
            }
        }
    }

    /// The includers' targets for the spec at `path`; nil when no spec of the run includes it.
    func targets(for path: String) -> [Target]? {
        byFile[Self.key(path)]
    }

    /// Includes are joined lexically to their includer's folder; specs are named as given.
    static func key(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
