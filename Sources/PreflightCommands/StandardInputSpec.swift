import Checks
import Foundation
import Resolver

/// `check -`: a spec piped in (`conda env export | preflight check -`, `pip freeze | preflight
/// check - --kind pip-requirements`). The checker reads files, so stdin is copied into one, named
/// `stdin` without an extension so that, without `--kind`, the kind is detected from the contents.
struct StandardInputSpec {
    /// The file holding what was read; the caller removes its directory when done.
    let path: String
    let directory: URL

    static func read() throws -> StandardInputSpec {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-stdin-\(UUID().uuidString)")
        let file = directory.appendingPathComponent("stdin")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: file)
        } catch {
            throw CommandFailure(message: "cannot copy the spec read from stdin to \(file.path): \(error.localizedDescription)", exitCode: 2)
        }
        return StandardInputSpec(path: file.path, directory: directory)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension StandardInputSpec {
    /// The report names the spec `-`, as it was given, not the temporary copy.
    func relabel(_ report: inout CheckReport) {
        for s in report.specs.indices where report.specs[s].path == path {
            report.specs[s].path = "-"
            for f in report.specs[s].findings.indices {
                if report.specs[s].findings[f].path == path { report.specs[s].findings[f].path = "-" }
                for r in report.specs[s].findings[f].related.indices where report.specs[s].findings[f].related[r].path == path {
                    report.specs[s].findings[f].related[r].path = "-"
                }
                report.specs[s].findings[f].message = report.specs[s].findings[f].message.replacingOccurrences(of: path, with: "-")
            }
        }
    }
}
