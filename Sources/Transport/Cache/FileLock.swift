import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock for one cache key. The kernel releases it when the process dies,
/// however it dies, so a crashed run can never leave a lock that blocks the next one.
///
/// On Linux every key is a one-byte range of one shared file, locked with an open-file-description
/// lock (`F_OFD_SETLK`): a cold audit takes thousands of keys, and creating a lock file per key
/// was a tenth of its CPU in ext4's inode allocator. Elsewhere, one `flock`ed file per key.
final class FileLock: @unchecked Sendable {
    private var fd: Int32

    /// Waits up to `timeout` seconds; nil when the lock could not be had in time (the caller then
    /// proceeds unlocked: at worst two processes fetch the same URL, never a corrupt entry, since
    /// entries are replaced atomically).
    init?(directory: URL, key: String, timeout: Double) {
        #if os(Linux)
        fd = open(directory.appendingPathComponent("ranges-v1").path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        var range = Glibc.flock()
        range.l_type = Int16(F_WRLCK)
        range.l_whence = Int16(SEEK_SET)
        range.l_start = off_t(Self.offset(of: key))
        range.l_len = 1
        guard Self.wait(timeout: timeout, until: { fcntl(self.fd, Self.ofdSetLock, &range) == 0 }) else {
            close(fd)
            return nil
        }
        #else
        fd = open(directory.appendingPathComponent(key).path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        guard Self.wait(timeout: timeout, until: { flock(self.fd, LOCK_EX | LOCK_NB) == 0 }) else {
            close(fd)
            return nil
        }
        #endif
    }

    #if os(Linux)
    /// `F_OFD_SETLK` (Linux 3.15+; not exported by every libc header).
    private static let ofdSetLock: Int32 = 37

    /// Where a key's byte sits: its leading 60 bits (keys are hex SHA-256 digests), or an FNV-1a
    /// hash of any other key; the same in every process.
    static func offset(of key: String) -> UInt64 {
        if key.utf8.count >= 15, let leading = UInt64(key.prefix(15), radix: 16) { return leading }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash >> 4
    }
    #endif

    /// Polls `attempt` until it succeeds (true) or the lock is held elsewhere past the deadline.
    private static func wait(timeout: Double, until attempt: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !attempt() {
            if (errno != EWOULDBLOCK && errno != EAGAIN && errno != EACCES) || Date() >= deadline { return false }
            usleep(20_000)
        }
        return true
    }

    /// Closing the descriptor releases the lock (both kinds belong to the open file description).
    func unlock() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { unlock() }
}
