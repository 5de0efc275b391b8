import Foundation
import Transport

/// Runs the `RepodataScanner` over a `repodata.json` as it downloads (Transport hands it the
/// pieces of the body file from a thread that reads just behind the transfer), so the download
/// and the scan of a few hundred MB take about as long as the slower of the two, not their sum.
///
/// What it saw is used only when the download is then taken as the document; a scan that failed
/// is not trusted with the verdict (the builder reads the file again and says what is wrong).
final class DownloadScan: BodyFileObserver, @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var scanner = RepodataScanner()
    private var length = 0
    private var failed = false

    func attemptStarted() {
        lock.lock()
        scanner = RepodataScanner()
        length = 0
        failed = false
        lock.unlock()
    }

    func consume(_ piece: UnsafeRawBufferPointer) {
        lock.lock()
        defer { lock.unlock() }
        guard !failed else { return }
        // The size is the download's to cap (and the index builder's to refuse).
        length += piece.count
        do {
            try scanner.feed(piece)
        } catch {
            failed = true
        }
    }

    /// The scanner after the whole body, and the body's length; nil when the scan failed or saw
    /// another length than the file holds.
    func scanned(length expected: Int) -> (RepodataScanner, Int)? {
        lock.lock()
        defer { lock.unlock() }
        return failed || length != expected ? nil : (scanner, length)
    }
}
