#if canImport(Glibc)
import Glibc
#endif

/// A pipe that becomes readable, once and for all, when the server stops. Threads poll it next to
/// their socket (accept loop) or instead of sleeping (drip, delay) so `stop()` interrupts them.
final class StopSignal: @unchecked Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    init() throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw LoopbackServerError.system("pipe", errno)
        }
        for end in ends {
            SocketIO.setCloseOnExec(end)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    func raise() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    var isRaised: Bool { !sleep(milliseconds: 0) }

    /// Sleeps up to `milliseconds`; false when woken because the server stopped.
    func sleep(milliseconds: Int) -> Bool {
        var entry = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        var remaining = Int32(clamping: milliseconds)
        while true {
            let started = MonotonicClock.milliseconds()
            let result = poll(&entry, 1, remaining)
            if result > 0 { return false }
            if result == 0 { return true }
            if errno != EINTR { return true }
            remaining -= Int32(clamping: MonotonicClock.milliseconds() - started)
            if remaining <= 0 { return true }
        }
    }

    /// Waits until `fd` is readable (true) or the server stops (false).
    func waitReadable(_ fd: Int32) -> Bool {
        var entries = [
            pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
            pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let result = poll(&entries, 2, -1)
            if result < 0 && errno == EINTR { continue }
            if result < 0 || entries[1].revents != 0 { return false }
            if entries[0].revents != 0 { return true }
        }
    }

    /// Only once no thread can still poll the pipe.
    func close() {
        _ = Glibc.close(readEnd)
        _ = Glibc.close(writeEnd)
    }
}

enum MonotonicClock {
    static func milliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }
}
