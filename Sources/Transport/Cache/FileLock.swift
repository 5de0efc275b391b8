import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock on a file (`flock`). The kernel releases it when the process dies,
/// however it dies, so a crashed run can never leave a lock that blocks the next one.
final class FileLock: @unchecked Sendable {
    private var fd: Int32

    /// Waits up to `timeout` seconds; nil when the lock could not be had in time (the caller then
    /// proceeds unlocked: at worst two processes fetch the same URL, never a corrupt entry, since
    /// entries are replaced atomically).
    init?(path: String, timeout: Double) {
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno != EWOULDBLOCK || Date() >= deadline {
                close(fd)
                return nil
            }
            usleep(20_000)
        }
    }

    func unlock() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { unlock() }
}
