/// Conda package file names: `NAME-VERSION-BUILD.tar.bz2` or `NAME-VERSION-BUILD.conda`.
package enum PackageFilename {
    /// The file name without `.conda` / `.tar.bz2`.
    package static func stem(of filename: String) -> String {
        if filename.hasSuffix(".conda") { return String(filename.dropLast(6)) }
        if filename.hasSuffix(".tar.bz2") { return String(filename.dropLast(8)) }
        return filename
    }

    /// NAME from `NAME-VERSION-BUILD.EXT`; nil when the file name has fewer than three parts.
    package static func packageName(of filename: String) -> String? {
        let parts = stem(of: filename).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        let name = parts.dropLast(2).joined(separator: "-")
        return name.isEmpty ? nil : name
    }
}
