#if canImport(Glibc)
import Glibc
#endif

/// Why a `LoopbackHTTPServer` could not start.
public enum LoopbackServerError: Error, Sendable, CustomStringConvertible {
    /// A system call failed; the name and errno say which and why.
    case system(String, Int32)
    /// `serving(directory:)` was given something that is not a directory.
    case notADirectory(String)

    public var description: String {
        switch self {
        case let .system(call, code): return "\(call) failed: \(String(cString: strerror(code)))"
        case let .notADirectory(path): return "not a directory: \(path)"
        }
    }
}
