/// A source distribution file name: `{name}-{version}{extension}`.
///
/// Names may contain dashes (`foo-bar-1.0.tar.gz`), so the split needs the project name, as pip
/// does it (`_find_name_version_sep`): the separating dash is the first one whose prefix
/// normalizes to the project's name. Accepted extensions: `.tar.gz`, `.zip`, `.tar.bz2`,
/// `.tar.xz`, `.tgz` (case-sensitive, as pip compares them). A `-pyX.Y` suffix after the version
/// (old egg-style names) is split off as pip does.
package struct SdistFilename: Sendable, Hashable, CustomStringConvertible {
    /// The file name as given.
    package let filename: String
    /// The project name, PEP 503 normalized.
    package let name: String
    /// The version as spelled in the file name.
    package let versionText: String
    package let version: Version
    /// `.tar.gz`, `.zip`, …
    package let fileExtension: String
    /// `2.7` for `foo-1.0-py2.7.tar.gz`: pip only uses such a file on that Python.
    package let pythonVersion: String?

    package static let extensions = [".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz"]

    /// Parses `filename` as a source distribution of `projectName`, as pip's `LinkEvaluator`
    /// does; nil when it is not one (another extension, another project, no version, an invalid
    /// version, or a `.zip` with `macosx10` in its name, which pip skips).
    package static func parse(filename: String, projectName: String) -> SdistFilename? {
        guard let (stem, ext) = splitExtension(filename), extensions.contains(ext) else { return nil }
        if ext == ".zip" && filename.contains("macosx10") { return nil }
        let canonical = normalizeProjectName(projectName)
        let scalars = Array(stem.unicodeScalars)
        var versionStart: Int?
        for (i, scalar) in scalars.enumerated() where scalar == "-" {
            if normalizeProjectName(String(String.UnicodeScalarView(scalars[..<i]))) == canonical {
                versionStart = i + 1
                break
            }
        }
        guard let start = versionStart, start < scalars.count else { return nil }
        var versionText = String(String.UnicodeScalarView(scalars[start...]))
        var pythonVersion: String?
        if let (version, python) = splitPythonSuffix(versionText) {
            versionText = version
            pythonVersion = python
        }
        guard let version = Version.parse(versionText) else { return nil }
        return SdistFilename(filename: filename, name: canonical, versionText: versionText, version: version,
                             fileExtension: ext, pythonVersion: pythonVersion)
    }

    /// Parses without knowing the project, as `packaging.utils.parse_sdist_filename`: only
    /// `.tar.gz` and `.zip`, split at the last dash.
    package static func parse(_ filename: String) -> SdistFilename? {
        let ext: String
        if filename.unicodeScalars.reversed().starts(with: ".tar.gz".unicodeScalars.reversed()) {
            ext = ".tar.gz"
        } else if filename.unicodeScalars.reversed().starts(with: ".zip".unicodeScalars.reversed()) {
            ext = ".zip"
        } else {
            return nil
        }
        let stem = Array(filename.unicodeScalars.dropLast(ext.unicodeScalars.count))
        guard let dash = stem.lastIndex(of: "-"), dash > 0 else { return nil }
        let namePart = String(String.UnicodeScalarView(stem[..<dash]))
        let versionText = String(String.UnicodeScalarView(stem[(dash + 1)...]))
        guard let version = Version.parse(versionText) else { return nil }
        return SdistFilename(filename: filename, name: normalizeProjectName(namePart), versionText: versionText,
                             version: version, fileExtension: ext, pythonVersion: nil)
    }

    package var description: String { filename }

    /// pip's `splitext`: `posixpath.splitext`, then `.tar` joins the extension.
    static func splitExtension(_ filename: String) -> (String, String)? {
        let scalars = Array(filename.unicodeScalars)
        // posixpath.splitext ignores leading dots and looks for the last dot after the last slash.
        let baseStart = (scalars.lastIndex(of: "/") ?? -1) + 1
        guard let dot = scalars.lastIndex(of: "."), dot > baseStart else { return nil }
        if scalars[baseStart..<dot].allSatisfy({ $0 == "." }) { return nil }
        var base = Array(scalars[..<dot])
        var ext = Array(scalars[dot...])
        if base.count >= 4, String(String.UnicodeScalarView(base.suffix(4))).lowercased() == ".tar" {
            ext = Array(base.suffix(4)) + ext
            base.removeLast(4)
        }
        return (String(String.UnicodeScalarView(base)), String(String.UnicodeScalarView(ext)))
    }

    /// pip's `-py([123]\.?[0-9]?)$` at the end of the version text.
    private static func splitPythonSuffix(_ text: String) -> (String, String)? {
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        // Try the longest form first, as the regex's greedy optional parts do.
        for length in stride(from: 3, through: 1, by: -1) {
            guard scalars.count >= length + 3 else { continue }
            let tail = Array(scalars.suffix(length))
            let head = scalars[(scalars.count - length - 3)..<(scalars.count - length)]
            guard head.elementsEqual("-py".unicodeScalars), ("1"..."3").contains(tail[0]) else { continue }
            let matches: Bool
            switch length {
            case 3: matches = tail[1] == "." && isDigit(tail[2])
            case 2: matches = tail[1] == "." || isDigit(tail[1])
            default: matches = true
            }
            if matches {
                return (String(String.UnicodeScalarView(scalars[..<(scalars.count - length - 3)])),
                        String(String.UnicodeScalarView(tail)))
            }
        }
        return nil
    }
}
