import Foundation

/// How an sdist's tar is compressed, from its file name: the three forms PyPI has accepted
/// (`.tar.gz`, and from old uploads `.tar.bz2` and `.tar.xz`), each decompressed under the same cap.
package enum TarCompression: Sendable {
    case gzip, bzip2, xz

    package init?(filename: String) {
        let name = filename.lowercased()
        if name.hasSuffix(".tar.gz") || name.hasSuffix(".tgz") {
            self = .gzip
        } else if name.hasSuffix(".tar.bz2") || name.hasSuffix(".tbz2") || name.hasSuffix(".tbz") {
            self = .bzip2
        } else if name.hasSuffix(".tar.xz") || name.hasSuffix(".txz") {
            self = .xz
        } else {
            return nil
        }
    }

    package func decompress(_ input: Data, limit: Int) throws -> Data {
        switch self {
        case .gzip: return try Inflate.decompress(input, format: .gzip, limit: limit)
        case .bzip2: return try Bunzip2.decompress(input, limit: limit)
        case .xz: return try Unxz.decompress(input, limit: limit)
        }
    }
}
