/// Tells which requirements name a location (URL, VCS checkout, local path) instead of an
/// index release, following pip's and conda's own tests closely enough to flag them.
enum ReferenceClassifier {
    private static let vcsSchemes = ["git+", "hg+", "svn+", "bzr+"]
    private static let archiveSuffixes = [
        ".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz",
        ".tar.lz", ".tar.lzma", ".tar",
    ]

    /// A pip requirement (the text after options and comments).
    static func pip(_ text: String, editable: Bool) -> Reference? {
        let trimmed = text.trimmingPythonWhitespace()
        if let url = directReferenceURL(trimmed) { return location(url) ?? .url(url) }
        // URL and path requirements end at "; " before their markers (pip splits there).
        let head = trimmed.components(separatedBy: "; ").first ?? trimmed
        let first = String(head.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? Substring(head))
        if let reference = location(first) { return reference }
        if looksLikePath(first) { return .localPath(first) }
        if editable { return .localPath(first) }
        return nil
    }

    /// A conda dependency: a package URL or a local package file, never a MatchSpec.
    static func conda(_ text: String) -> Reference? {
        let trimmed = text.trimmingPythonWhitespace()
        if trimmed.contains("::") { return nil }
        let withoutFragment = trimmed.split(separator: "#", maxSplits: 1).first.map(String.init) ?? trimmed
        let isPackageFile = withoutFragment.hasSuffix(".conda") || withoutFragment.hasSuffix(".tar.bz2")
        if hasScheme(trimmed) {
            if trimmed.lowercased().hasPrefix("file:") { return .localPath(trimmed) }
            return isPackageFile ? .url(trimmed) : nil
        }
        if trimmed.hasPrefix("/") || trimmed.hasPrefix("./") || trimmed.hasPrefix("../") || trimmed.hasPrefix("~")
            || isPackageFile {
            return .localPath(trimmed)
        }
        return nil
    }

    /// The URL of a PEP 508 direct reference `name [extras] @ url`.
    private static func directReferenceURL(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func isNameScalar(_ s: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "." || s == "-" || s == "_"
        }
        while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
        guard index > 0 else { return nil }
        while index < scalars.count, scalars[index].isBlank { index += 1 }
        if index < scalars.count, scalars[index] == "[" {
            while index < scalars.count, scalars[index] != "]" { index += 1 }
            index += 1
            while index < scalars.count, scalars[index].isBlank { index += 1 }
        }
        guard index < scalars.count, scalars[index] == "@" else { return nil }
        index += 1
        while index < scalars.count, scalars[index].isBlank { index += 1 }
        var end = index
        while end < scalars.count, !scalars[end].isPythonWhitespace { end += 1 }
        guard end > index else { return nil }
        return String(String.UnicodeScalarView(scalars[index..<end]))
    }

    private static func location(_ text: String) -> Reference? {
        let lower = text.lowercased()
        if vcsSchemes.contains(where: { lower.hasPrefix($0) }) { return .vcs(text) }
        if lower.hasPrefix("file:") { return .localPath(text) }
        if hasScheme(text) { return .url(text) }
        return nil
    }

    private static func hasScheme(_ text: String) -> Bool {
        guard let range = text.range(of: "://") else { return false }
        let scheme = text[..<range.lowerBound]
        guard let first = scheme.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else {
            return false
        }
        return scheme.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "." || $0 == "-"
        }
    }

    private static func looksLikePath(_ text: String) -> Bool {
        if text.hasPrefix(".") || text.hasPrefix("/") || text.hasPrefix("~") || text.contains("/") || text.contains("\\") {
            return true
        }
        let lower = text.lowercased()
        return archiveSuffixes.contains(where: { lower.hasSuffix($0) })
    }
}

extension String {
    func trimmingPythonWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        var lower = 0, upper = scalars.count
        while lower < upper, scalars[lower].isPythonWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].isPythonWhitespace { upper -= 1 }
        return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }
}
