import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads spec files from disk, refusing what is not a regular text file so that a hostile
/// include (`-r /dev/zero`, a FIFO, a huge file) cannot hang or exhaust a run.
enum FileLoading {
    /// Spec files are small; anything larger is refused.
    static let maximumBytes = 16 << 20

    static func load(_ path: String) -> Result<SourceText, SpecReadError> {
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .failure(.notFound(path)) }
            return .failure(.unreadable(path, String(cString: strerror(code))))
        }
        // The file type bits of st_mode (S_IFMT), spelled out because the C macros do not
        // import on every platform.
        let type = UInt32(info.st_mode) & 0o170000
        if type == 0o040000 { return .failure(.unreadable(path, "it is a directory")) }
        if type != 0o100000 { return .failure(.unreadable(path, "it is not a regular file")) }
        if Int(info.st_size) > maximumBytes {
            return .failure(.unreadable(path, "it is larger than \(maximumBytes >> 20) MiB"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(.unreadable(path, "permission denied or unreadable"))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            return .failure(.unreadable(path, error.localizedDescription))
        }
        if data.count > maximumBytes {
            return .failure(.unreadable(path, "it is larger than \(maximumBytes >> 20) MiB"))
        }
        guard let text = SourceText.decode(data, path: path) else { return .failure(.notText(path)) }
        return .success(text)
    }
}
