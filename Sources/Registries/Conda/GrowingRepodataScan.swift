import Foundation
import Transport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the `RepodataScanner` over a `repodata.json` while it downloads, on a thread of its own,
/// reading the body file just behind the transfer that writes it. The download and the scan of a
/// few hundred MB then take about as long as the slower of the two instead of their sum.
///
/// The scan only ever sees bytes the transfer announced as written; a new attempt (a retry)
/// starts it again from the beginning. What it produces is used only when the download is then
/// accepted as the document (`finished(length:)`); otherwise it is dropped (`cancel()`).
final class GrowingRepodataScan: BodyFileObserver, @unchecked Sendable {
    struct Scanned {
        var scanner: RepodataScanner
        var length: Int
    }

    private let path: String
    private let offset: Int
    private let maxDocumentBytes: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var attempt = 0
    private var available = 0
    private var finalLength: Int?
    private var cancelled = false
    private var outcome: Result<Scanned, Error>?
    private var waiter: CheckedContinuation<Result<Scanned, Error>, Never>?

    /// `offset`: where the body starts in the file (`HTTPRequest.bodyFileOffset`).
    init(path: String, offset: Int, maxDocumentBytes: Int) {
        self.path = path
        self.offset = offset
        self.maxDocumentBytes = maxDocumentBytes
        let thread = Thread { [self] in run() }
        thread.name = "repodata-scan"
        thread.start()
    }

    func attemptStarted() {
        condition.lock()
        attempt += 1
        available = 0
        condition.signal()
        condition.unlock()
    }

    func bodyGrew(to bytes: Int) {
        condition.lock()
        available = bytes
        condition.signal()
        condition.unlock()
    }

    /// The download is complete at `length` body bytes: the scan of all of them.
    func finished(length: Int) async -> Result<Scanned, Error> {
        await withCheckedContinuation { continuation in
            condition.lock()
            finalLength = length
            if let outcome {
                condition.unlock()
                continuation.resume(returning: outcome)
                return
            }
            waiter = continuation
            condition.signal()
            condition.unlock()
        }
    }

    /// The download was not the document (an error page, a cached answer): stop scanning.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        let result = scan()
        condition.lock()
        outcome = result
        let continuation = waiter
        waiter = nil
        condition.unlock()
        continuation?.resume(returning: result)
    }

    private struct Stopped: Error {}

    private func scan() -> Result<Scanned, Error> {
        var scanner = RepodataScanner()
        var scannedAttempt = 0
        var consumed = 0
        var failure: Error?
        var fd: Int32 = -1
        defer { if fd >= 0 { close(fd) } }
        let size = 4 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            condition.lock()
            // Once the download is complete every byte of it is on disk, announced or not.
            while !cancelled && attempt == scannedAttempt && finalLength == nil && available <= consumed {
                condition.wait()
            }
            let stop = cancelled
            let currentAttempt = attempt
            let limit = finalLength ?? available
            let end = finalLength
            condition.unlock()
            if stop { return .failure(Stopped()) }
            if currentAttempt != scannedAttempt {
                scannedAttempt = currentAttempt
                scanner = RepodataScanner()
                consumed = 0
                failure = nil
                if fd >= 0 { close(fd) }
                fd = open(path, O_RDONLY | O_CLOEXEC)
                continue
            }
            if let end, consumed >= end {
                // The index builder declares the end (and says what is incomplete).
                return failure.map { .failure($0) } ?? .success(Scanned(scanner: scanner, length: consumed))
            }
            // Past a failure the bytes are not looked at, only waited for: the caller decides
            // whether this download was the document at all.
            guard failure == nil, fd >= 0 else {
                consumed = max(consumed, limit)
                continue
            }
            while consumed < limit {
                let n = pread(fd, buffer, min(size, limit - consumed), off_t(offset + consumed))
                if n <= 0 {
                    failure = CompactIndexBuilder.Failure(description: "cannot read the repodata back: \(CompactIndexBuilder.errnoText())")
                    break
                }
                consumed += n
                if consumed > maxDocumentBytes {
                    failure = CompactIndexBuilder.Failure(description: "repodata larger than \(maxDocumentBytes) bytes")
                    break
                }
                do {
                    try scanner.feed(UnsafeRawBufferPointer(start: buffer, count: n))
                } catch {
                    failure = error
                    break
                }
            }
        }
    }
}
