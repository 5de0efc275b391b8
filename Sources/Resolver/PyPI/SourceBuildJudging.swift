import Checks
import PythonPackaging

extension SourceBuild {
    /// From a project's files alone: platform wheels for some version and no pure-Python wheel for any.
    static func judging(_ files: [PyPIAvailability.File], project: String) -> SourceBuild {
        var platformWheel: WheelFilename?
        for wheel in files.lazy.compactMap(\.wheel) {
            if wheel.tags.contains(where: { $0.abi == "none" && $0.platform == "any" }) { return .unknown }
            if platformWheel == nil, wheel.tags.contains(where: { $0.platform != "any" }) { platformWheel = wheel }
        }
        guard let platformWheel else { return .unknown }
        let example = platformWheel.filename.dropLast(4).split(separator: "-", omittingEmptySubsequences: false).suffix(3).joined(separator: "-")
        return SourceBuild(compilerEvidence: "\(project) ships only platform-specific wheels, e.g. \(example), never a pure-Python one")
    }
}
