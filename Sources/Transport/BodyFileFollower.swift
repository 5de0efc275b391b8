import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one attempt's body file behind the transfer writing it, on a thread of its own: it
/// computes the body's SHA-256 and hands each piece to the request's `BodyFileObserver`. The
/// transfer thread then only receives and writes; the digest and the caller's pass run beside it.
final class BodyFileFollower: @unchecked Sendable {
    private let path: String
    private let offset: Int
    private let observer: (any BodyFileObserver)?
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var announced = 0
    private var ending: (@Sendable (String?) -> Void)?
    private var abandoned = false
    private var stopped = false

    /// `offset`: where the body starts in the file (`HTTPRequest.bodyFileOffset`).
    init(path: String, offset: Int, observer: (any BodyFileObserver)?) {
        self.path = path
        self.offset = offset
        self.observer = observer
        let thread = Thread { [self] in run() }
        thread.name = "body-file-follower"
        thread.start()
    }

    /// The transfer wrote the body up to `bytes`.
    func grew(to bytes: Int) {
        condition.lock()
        announced = bytes
        condition.signal()
        condition.unlock()
    }

    /// The body is complete at what was announced: `then` gets its SHA-256 (nil when the file
    /// could not be read back) once every piece has been seen.
    func finish(then: @escaping @Sendable (String?) -> Void) {
        condition.lock()
        ending = then
        condition.signal()
        condition.unlock()
    }

    /// The attempt failed: stop, and return only once no piece of it is being handed on (a retry's
    /// `attemptStarted()` must not overtake the last piece of this attempt).
    func abandon() {
        condition.lock()
        abandoned = true
        condition.signal()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    private func run() {
        observer?.attemptStarted()
        let digest = SHA256Digest.Stream()
        var unreadable = digest == nil
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { unreadable = true }
        defer { if fd >= 0 { close(fd) } }
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var consumed = 0
        while true {
            condition.lock()
            while !abandoned && ending == nil && announced <= consumed { condition.wait() }
            let limit = announced
            let then = ending
            if abandoned || (then != nil && consumed >= limit) {
                stopped = true
                condition.broadcast()
                condition.unlock()
                if !abandoned, let then { then(unreadable ? nil : digest?.finishHex()) }
                return
            }
            condition.unlock()
            while consumed < limit && !unreadable {
                let n = pread(fd, buffer, min(size, limit - consumed), off_t(offset + consumed))
                guard n > 0 else {
                    unreadable = true
                    break
                }
                let piece = UnsafeRawBufferPointer(start: buffer, count: n)
                digest?.update(piece)
                condition.lock()
                let stop = abandoned
                condition.unlock()
                if stop { break }
                observer?.consume(piece)
                consumed += n
            }
            if unreadable { consumed = limit }
        }
    }
}
