import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The running server: listener, accept thread, one thread per connection, the request log and
/// the state of reply sequences. `LoopbackHTTPServer` owns it; its threads hold it, not the
/// owner, so dropping the owner still stops everything.
final class ServerCore: @unchecked Sendable {
    let options: ServerOptions
    let port: Int
    let stopSignal: StopSignal

    private let listener: Int32
    private let handler: @Sendable (RecordedRequest) -> Reply
    private let running = DispatchGroup()

    // Guarded by `lock`.
    private let lock = NSLock()
    private var stopped = false
    private var openConnections: Set<Int32> = []
    private var serverThreads: Set<pthread_t> = []
    private var log: [RecordedRequest] = []
    private var sequenceSteps: [String: Int] = [:]
    private var acceptedConnections = 0

    init(options: ServerOptions, handler: @escaping @Sendable (RecordedRequest) -> Reply) throws {
        self.options = options
        self.handler = handler
        stopSignal = try StopSignal()
        do {
            (listener, port) = try SocketIO.listen(port: options.port)
        } catch {
            stopSignal.close()
            throw error
        }
    }

    func start() {
        spawn { self.acceptLoop() }
        if let lifetime = options.lifetime {
            DispatchQueue.global().asyncAfter(deadline: .now() + lifetime) { [weak self] in self?.stop() }
        }
    }

    /// Closes the listener and every connection, then waits for their threads (up to 10 s, in
    /// case a handler itself blocks). Idempotent; safe from any thread, including a handler's.
    func stop() {
        lock.lock()
        let first = !stopped
        stopped = true
        // shutdown() wakes threads blocked in recv/send; each thread closes its own descriptor.
        for fd in openConnections { shutdown(fd, Int32(SHUT_RDWR)) }
        let onServerThread = serverThreads.contains(pthread_self())
        lock.unlock()
        guard first else { return }
        stopSignal.raise()
        shutdown(listener, Int32(SHUT_RDWR))
        // A handler calling stop() cannot wait for its own thread; the signal pipe is then
        // leaked rather than closed under a thread that may still poll it.
        guard !onServerThread, running.wait(timeout: .now() + 10) == .success else { return }
        stopSignal.close()
    }

    var isStopped: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopped
    }

    // MARK: - Threads

    private func spawn(_ body: @escaping @Sendable () -> Void) {
        running.enter()
        let thread = Thread { [self] in
            lock.lock(); serverThreads.insert(pthread_self()); lock.unlock()
            body()
            lock.lock(); serverThreads.remove(pthread_self()); lock.unlock()
            running.leave()
        }
        thread.name = "LoopbackHTTPServer:\(port)"
        thread.start()
    }

    private func acceptLoop() {
        defer { close(listener) }
        while stopSignal.waitReadable(listener) {
            guard let fd = SocketIO.accept(listener) else {
                // E.g. out of descriptors: back off instead of spinning.
                _ = stopSignal.sleep(milliseconds: 10)
                continue
            }
            lock.lock()
            if stopped {
                lock.unlock()
                close(fd)
                return
            }
            openConnections.insert(fd)
            acceptedConnections += 1
            let id = acceptedConnections
            lock.unlock()
            spawn { [self] in
                let ending = Connection(fd: fd, id: id, server: self).run()
                finish(fd, reset: ending == .reset)
            }
        }
    }

    private func finish(_ fd: Int32, reset: Bool) {
        lock.lock(); defer { lock.unlock() }
        openConnections.remove(fd)
        if reset { SocketIO.setResetOnClose(fd) }
        // Closing under the lock: stop() can never shut down a descriptor number already reused.
        close(fd)
    }

    // MARK: - Requests

    func record(_ request: RecordedRequest) {
        lock.lock(); defer { lock.unlock() }
        log.append(request)
    }

    /// Credentials check, then the handler, with sequences resolved to this request's step.
    func reply(for request: RecordedRequest) -> Reply {
        if let credentials = options.requiredCredentials, !credentials.accepts(request.header("Authorization")) {
            return .status(401, headers: [("WWW-Authenticate", "Basic realm=\"loopback\"")])
        }
        return resolveSequences(handler(request), key: request.target)
    }

    private func resolveSequences(_ reply: Reply, key: String) -> Reply {
        switch reply {
        case let .sequence(replies):
            lock.lock()
            let step = sequenceSteps[key, default: 0]
            sequenceSteps[key] = step + 1
            lock.unlock()
            return Self.pick(replies, step: step)
        case let .delayed(seconds, then):
            return .delayed(seconds: seconds, then: resolveSequences(then, key: key))
        default:
            return reply
        }
    }

    private static func pick(_ replies: [Reply], step: Int) -> Reply {
        guard let last = replies.last else { return .status(500, body: "empty Reply.sequence\n") }
        let chosen = step < replies.count ? replies[step] : last
        if case let .sequence(inner) = chosen { return pick(inner, step: step) }
        return chosen
    }

    var requests: [RecordedRequest] {
        lock.lock(); defer { lock.unlock() }
        return log
    }

    var connectionCount: Int {
        lock.lock(); defer { lock.unlock() }
        return acceptedConnections
    }

    func clearLog() {
        lock.lock(); defer { lock.unlock() }
        log.removeAll()
    }

    func resetSequences() {
        lock.lock(); defer { lock.unlock() }
        sequenceSteps.removeAll()
    }
}
