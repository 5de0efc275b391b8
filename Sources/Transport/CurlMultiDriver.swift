import CCurl
import Foundation

/// Drives every transfer of the process on one libcurl multi handle, so connections (and HTTP/2
/// streams) to a host are shared. One thread runs the multi loop; submissions from any thread are
/// queued and the loop is woken with `curl_multi_wakeup`.
final class CurlMultiDriver: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var pending: [CurlTransfer] = []
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var shuttingDown = false

    /// Call only after `pf_curl_load()` succeeded.
    init(settings: TransportSettings) {
        multi = pf_multi_init()
        pf_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        pf_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, settings.maxConcurrentTransfers)
        pf_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, settings.maxConnectionsPerHost)
        // The thread keeps the driver alive until `shutdown()`; the owning client calls that when it goes.
        let thread = Thread { self.loop() }
        thread.name = "preflight.curl-multi"
        thread.start()
    }

    func submit(_ transfer: CurlTransfer) {
        lock.lock()
        pending.append(transfer)
        lock.unlock()
        pf_multi_wakeup(multi)
    }

    /// Ends the loop once nothing is pending; transfers already running finish first.
    func shutdown() {
        lock.lock()
        shuttingDown = true
        lock.unlock()
        pf_multi_wakeup(multi)
    }

    private func loop() {
        var stillRunning: Int32 = 0
        while true {
            lock.lock()
            let newTransfers = pending
            pending.removeAll()
            let stop = shuttingDown && newTransfers.isEmpty && running.isEmpty
            lock.unlock()
            if stop { break }
            for transfer in newTransfers {
                running[transfer.easy] = transfer
                pf_multi_add_handle(multi, transfer.easy)
            }
            pf_multi_perform(multi, &stillRunning)
            var queued: Int32 = 0
            while let message = pf_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                pf_multi_remove_handle(multi, easy)
                if let transfer = running.removeValue(forKey: easy) {
                    transfer.finish(code: code)
                }
            }
            pf_multi_poll(multi, nil, 0, running.isEmpty ? 1000 : 100, nil)
        }
        pf_multi_cleanup(multi)
    }
}
