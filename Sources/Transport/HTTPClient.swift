import CCurl
import Foundation

/// The one way preflight reads a URL: `https://`, `http://` and `file://`, through the disk cache,
/// with retries, backoff and an overall time budget per request. Concurrent requests for the same
/// URL within the process share one transfer; across processes they share the cache and a lock.
///
/// Outcomes: 2xx, 404 and 410 are responses (a missing page is an answer); anything else that
/// survives the retries is a `TransportError`.
package final class HTTPClient: @unchecked Sendable {
    package let settings: TransportSettings
    package let cache: HTTPCache?
    /// What every network request carries: an index URL's credentials go to its whole origin.
    package let credentials: CredentialStore
    /// Created with the first network transfer: a run answered from the cache never loads libcurl.
    private var driver: CurlMultiDriver?
    private let queue = DispatchQueue(label: "preflight.http", attributes: .concurrent)
    private let lock = NSLock()
    private var inFlight: [String: [@Sendable (Result<HTTPResponse, TransportError>) -> Void]] = [:]
    /// Warnings worth telling the user (e.g. credentials sent over plain http), each once.
    package var onWarning: (@Sendable (String) -> Void)?
    private var warned: Set<String> = []
    /// Hosts that could not be resolved or connected to after every retry: later requests to
    /// them in this run fail at once with the same cause instead of paying the retries again.
    private var unreachableHosts: [String: TransportError] = [:]
    /// Hosts whose first request has not answered yet, with the requests waiting behind it; a
    /// host that answered once is not listed. One probe per host: a burst of concurrent lookups
    /// of a name that does not resolve makes resolvers drop queries, and each dropped one costs
    /// the resolver's 5 s timeout (measured here: a warm audit spent 5 of its 8 s so).
    private var probing: [String: [@Sendable () -> Void]] = [:]
    private var answered: Set<String> = []

    package init(settings: TransportSettings = TransportSettings(), cache: HTTPCache? = nil) {
        self.settings = settings
        self.cache = cache
        self.credentials = CredentialStore(netrcPath: settings.netrcPath)
    }

    deinit { driver?.shutdown() }

    /// The driver, or why libcurl cannot be used.
    private func networkDriver() -> (CurlMultiDriver?, problem: String) {
        lock.lock()
        defer { lock.unlock() }
        if let driver { return (driver, "") }
        if let problem = pf_curl_load() { return (nil, String(cString: problem)) }
        let created = CurlMultiDriver(settings: settings)
        driver = created
        return (created, "")
    }

    package func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            fetch(request) { continuation.resume(with: $0) }
        }
    }

    package func fetch(_ request: HTTPRequest, completion: @escaping @Sendable (Result<HTTPResponse, TransportError>) -> Void) {
        guard let parts = URLParts(request.url) else {
            completion(.failure(TransportError(kind: .invalidURL, url: request.url, detail: "not an absolute URL")))
            return
        }
        switch parts.scheme {
        case "file":
            cache?.readLog.markUncacheable("\(request.url) is a local file")
            queue.async { completion(FileFetcher.read(request: request, path: parts.rest)) }
            return
        case "http", "https":
            break
        default:
            completion(.failure(TransportError(kind: .invalidURL, url: request.url, detail: "unsupported scheme \(parts.scheme)")))
            return
        }
        if parts.hasCredentials {
            // Learnt before the cache answers: the links on a cached page need them as much.
            credentials.learn(from: request.url)
            if parts.scheme == "http" { warnOnce("credentials for \(parts.host) are sent over plain http") }
        }
        let variant = "accept=\(request.headers["Accept"] ?? "")|range=\(request.range?.description ?? "")"
        let coalesceKey = Redaction.stripCredentials(request.url) + "\n" + variant + "\n\(request.cachePolicy)\n\(request.bodyFile ?? "")"
        lock.lock()
        if inFlight[coalesceKey] != nil {
            inFlight[coalesceKey]!.append(completion)
            lock.unlock()
            return
        }
        inFlight[coalesceKey] = [completion]
        lock.unlock()

        queue.async {
            self.fetchThroughCache(request, variant: variant) { result in
                self.lock.lock()
                let waiters = self.inFlight.removeValue(forKey: coalesceKey) ?? []
                self.lock.unlock()
                for waiter in waiters { waiter(result) }
            }
        }
    }

    private func warnOnce(_ message: String) {
        lock.lock()
        let isNew = warned.insert(message).inserted
        lock.unlock()
        if isNew { onWarning?(Redaction.scrub(message)) }
    }

    // MARK: - Cache

    private func fetchThroughCache(_ request: HTTPRequest, variant: String,
                                   completion: @escaping @Sendable (Result<HTTPResponse, TransportError>) -> Void) {
        guard let cache, request.cachePolicy != .bypass else {
            if request.decidesVerdicts { self.cache?.readLog.markUncacheable("\(Redaction.stripCredentials(request.url)) is not cached") }
            if settings.offline {
                completion(.failure(TransportError(kind: .offlineMiss, url: request.url, detail: "--offline and the cache is not used for this request")))
                return
            }
            network(request, extraHeaders: [:], completion: completion)
            return
        }
        let key = cache.key(url: request.url, variant: variant)
        if request.bodyFile != nil {
            fetchToFile(request, key: key, cache: cache, completion: completion)
            return
        }
        let cached = cache.load(key: key)
        if let (meta, body) = cached {
            if settings.offline {
                completion(.success(response(meta, body, origin: .offline)))
                return
            }
            if request.cachePolicy != .reload && meta.isFresh() {
                completion(.success(response(meta, body, origin: .cache)))
                return
            }
        } else if settings.offline {
            completion(.failure(TransportError(kind: .offlineMiss, url: request.url, detail: "run once without --offline to fill the cache")))
            return
        }

        // Another process may be fetching the same URL: wait for it, then look again.
        let fileLock = cache.lock(key: key, timeout: settings.requestTimeout)
        if fileLock != nil, cached == nil || request.cachePolicy == .standard,
           let (meta, body) = cache.load(key: key), meta.isFresh(), request.cachePolicy != .reload {
            fileLock?.unlock()
            completion(.success(response(meta, body, origin: .cache)))
            return
        }
        var conditional: [String: String] = [:]
        if let (meta, _) = cached {
            if let etag = meta.etag { conditional["If-None-Match"] = etag }
            if let modified = meta.lastModified { conditional["If-Modified-Since"] = modified }
        }
        network(request, extraHeaders: conditional) { result in
            defer { fileLock?.unlock() }
            switch result {
            case .success(let fresh) where fresh.status == 304:
                guard let (storedMeta, body) = cached else {
                    completion(.failure(TransportError(kind: .protocolError, url: request.url, detail: "304 to an unconditional request")))
                    return
                }
                var meta = storedMeta
                meta.fetchedAt = Date()
                if let cc = fresh.header("cache-control") { meta.cacheControl = cc }
                meta.lifetime = cache.lifetime(cacheControl: meta.cacheControl, policy: request.cachePolicy)
                cache.store(key: key, metadata: meta, body: body)
                completion(.success(self.response(meta, body, origin: .revalidated)))
            case .success(let fresh):
                let cacheControl = fresh.header("cache-control")
                if !HTTPCache.isStorable(cacheControl: cacheControl) {
                    cache.readLog.markUncacheable("\(Redaction.stripCredentials(request.url)) may not be stored")
                } else {
                    let meta = CacheMetadata(
                        url: fresh.finalURL, status: fresh.status, etag: fresh.header("etag"),
                        lastModified: fresh.header("last-modified"), cacheControl: cacheControl,
                        contentType: fresh.header("content-type"), contentRange: fresh.header("content-range"), fetchedAt: Date(),
                        lifetime: cache.lifetime(cacheControl: cacheControl, policy: request.cachePolicy),
                        bodyLength: fresh.body.count, bodySHA256: SHA256Digest.hex(fresh.body))
                    cache.store(key: key, metadata: meta, body: fresh.body)
                    var stored = fresh
                    stored.bodySHA256 = meta.bodySHA256
                    completion(.success(stored))
                    return
                }
                completion(.success(fresh))
            case .failure(let error):
                completion(.failure(error))
            }
        }
    }

    /// A body that goes to a file: the cache keeps its metadata only. A fresh (or offline, or
    /// revalidated) entry answers without a body; the caller uses the checksum to find what it
    /// derived from the body earlier, and asks again with `.reload` if it no longer has that.
    private func fetchToFile(_ request: HTTPRequest, key: String, cache: HTTPCache,
                             completion: @escaping @Sendable (Result<HTTPResponse, TransportError>) -> Void) {
        let cached = cache.loadMetadata(key: key)
        if let meta = cached, request.cachePolicy != .reload {
            if settings.offline {
                completion(.success(response(meta, Data(), origin: .offline)))
                return
            }
            if meta.isFresh() {
                completion(.success(response(meta, Data(), origin: .cache)))
                return
            }
        } else if cached == nil && settings.offline {
            completion(.failure(TransportError(kind: .offlineMiss, url: request.url, detail: "run once without --offline to fill the cache")))
            return
        }
        var conditional: [String: String] = [:]
        if let meta = cached, request.cachePolicy != .reload {
            if let etag = meta.etag { conditional["If-None-Match"] = etag }
            if let modified = meta.lastModified { conditional["If-Modified-Since"] = modified }
        }
        network(request, extraHeaders: conditional) { result in
            switch result {
            case .success(let fresh) where fresh.status == 304:
                guard var meta = cached else {
                    completion(.failure(TransportError(kind: .protocolError, url: request.url, detail: "304 to an unconditional request")))
                    return
                }
                meta.fetchedAt = Date()
                if let cc = fresh.header("cache-control") { meta.cacheControl = cc }
                meta.lifetime = cache.lifetime(cacheControl: meta.cacheControl, policy: request.cachePolicy)
                cache.storeMetadataOnly(key: key, metadata: meta)
                completion(.success(self.response(meta, Data(), origin: .revalidated)))
            case .success(var fresh):
                guard let path = fresh.bodyFile,
                      let digest = fresh.bodySHA256 ?? SHA256Digest.hex(fileAt: path, from: request.bodyFileOffset) else {
                    completion(.failure(TransportError(kind: .file, url: request.url, detail: "the downloaded body could not be read back")))
                    return
                }
                let fileSize = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
                let size = max(0, fileSize - request.bodyFileOffset)
                let cacheControl = fresh.header("cache-control")
                if HTTPCache.isStorable(cacheControl: cacheControl) {
                    let meta = CacheMetadata(
                        url: fresh.finalURL, status: fresh.status, etag: fresh.header("etag"),
                        lastModified: fresh.header("last-modified"), cacheControl: cacheControl,
                        contentType: fresh.header("content-type"), contentRange: fresh.header("content-range"), fetchedAt: Date(),
                        lifetime: cache.lifetime(cacheControl: cacheControl, policy: request.cachePolicy),
                        bodyLength: size, bodySHA256: digest)
                    cache.storeMetadataOnly(key: key, metadata: meta)
                } else {
                    cache.readLog.markUncacheable("\(Redaction.stripCredentials(request.url)) may not be stored")
                }
                fresh.bodySHA256 = digest
                completion(.success(fresh))
            case .failure(let error):
                completion(.failure(error))
            }
        }
    }

    private func response(_ meta: CacheMetadata, _ body: Data, origin: HTTPResponse.Origin) -> HTTPResponse {
        var headers: [String: String] = [:]
        if let v = meta.etag { headers["etag"] = v }
        if let v = meta.lastModified { headers["last-modified"] = v }
        if let v = meta.cacheControl { headers["cache-control"] = v }
        if let v = meta.contentType { headers["content-type"] = v }
        if let v = meta.contentRange { headers["content-range"] = v }
        var response = HTTPResponse(status: meta.status, headers: headers, body: body, finalURL: meta.url, origin: origin)
        response.bodySHA256 = meta.bodySHA256
        return response
    }

    // MARK: - Network with retries

    /// `deadline` is set by the first call; a request that waited for its host's probe keeps it,
    /// so waiting counts against the same 30 s budget.
    private func network(_ request: HTTPRequest, extraHeaders: [String: String], deadline: Date? = nil,
                         completion: @escaping @Sendable (Result<HTTPResponse, TransportError>) -> Void) {
        let host = URLParts(request.url).map { "\($0.host):\($0.port ?? 0)" } ?? ""
        let deadline = deadline ?? Date().addingTimeInterval(settings.requestTimeout)
        guard deadline.timeIntervalSinceNow > 0 else {
            completion(.failure(TransportError(kind: .timeout, url: Redaction.stripCredentials(request.url),
                                               detail: "gave up within the \(Int(settings.requestTimeout)) s budget")))
            return
        }
        lock.lock()
        if var known = unreachableHosts[host] {
            lock.unlock()
            known.url = Redaction.stripCredentials(request.url)
            completion(.failure(known))
            return
        }
        if !answered.contains(host) {
            if probing[host] != nil {
                probing[host]!.append {
                    self.network(request, extraHeaders: extraHeaders, deadline: deadline, completion: completion)
                }
                lock.unlock()
                return
            }
            probing[host] = []
        }
        lock.unlock()
        let onResponse: @Sendable () -> Void = { self.hostAnswered(host) }
        attempt(request, extraHeaders: extraHeaders, number: 1, deadline: deadline, onResponse: onResponse) { result in
            if case .failure(let error) = result, error.kind == .dns || error.kind == .connect {
                self.lock.lock()
                self.unreachableHosts[host] = error
                self.lock.unlock()
            }
            // The probe is over either way: the waiters go on, or fail at once if it was unreachable.
            self.hostAnswered(host)
            completion(result)
        }
    }

    /// Ends the probe of a host and lets the requests queued behind it go.
    private func hostAnswered(_ host: String) {
        lock.lock()
        answered.insert(host)
        let waiters = probing.removeValue(forKey: host) ?? []
        lock.unlock()
        for waiter in waiters { queue.async(execute: waiter) }
    }

    private func attempt(_ request: HTTPRequest, extraHeaders: [String: String], number: Int, deadline: Date,
                         onResponse: (@Sendable () -> Void)? = nil,
                         completion: @escaping @Sendable (Result<HTTPResponse, TransportError>) -> Void) {
        let (loaded, problem) = networkDriver()
        guard let driver = loaded else {
            completion(.failure(TransportError(kind: .noHTTPLibrary, url: request.url, detail: problem)))
            return
        }
        let remaining = deadline.timeIntervalSinceNow
        let sent = credentials.credentials(for: request.url)
        if sent != nil, let parts = URLParts(request.url), parts.scheme == "http" {
            warnOnce("credentials for \(parts.host) are sent over plain http")
        }
        let transfer = CurlTransfer(request: request, extraHeaders: extraHeaders, timeout: remaining, settings: settings,
                                    credentials: sent, onResponse: onResponse) { result in
            let outcome = self.classify(result, url: request.url)
            switch outcome {
            case .success(let response):
                completion(.success(response))
            case .failure(var error):
                error.attempts = number
                Trace.log("attempt \(number) failed: \(error)")
                let wait = error.kind == .dns ? self.resolverBackoff(attempt: number)
                    : self.backoff(attempt: number, retryAfter: self.retryAfter(result))
                let timeLeft = deadline.timeIntervalSinceNow
                guard error.isRetryable, number <= self.settings.retries, timeLeft > wait + 0.5 else {
                    if error.kind == .timeout || (error.isRetryable && timeLeft <= wait + 0.5 && number <= self.settings.retries) {
                        error.detail += error.detail.isEmpty ? "" : "; "
                        error.detail += "gave up within the \(Int(self.settings.requestTimeout)) s budget"
                    }
                    completion(.failure(error))
                    return
                }
                self.queue.asyncAfter(deadline: .now() + wait) {
                    self.attempt(request, extraHeaders: extraHeaders, number: number + 1, deadline: deadline,
                                 onResponse: onResponse, completion: completion)
                }
            }
        }
        guard let transfer else {
            completion(.failure(TransportError(kind: .invalidURL, url: request.url, detail: "cannot be fetched")))
            return
        }
        driver.submit(transfer)
    }

    /// 2xx, 304, 404 and 410 are answers; other statuses become errors (retryable or not).
    private func classify(_ result: Result<HTTPResponse, TransportError>, url: String) -> Result<HTTPResponse, TransportError> {
        guard case .success(let response) = result else { return result }
        if response.isSuccess || [304, 404, 410].contains(response.status) { return result }
        return .failure(TransportError(kind: .http, url: url, detail: Self.statusText(response.status), status: response.status))
    }

    private func retryAfter(_ result: Result<HTTPResponse, TransportError>) -> Double? {
        guard case .success(let response) = result, [429, 503].contains(response.status),
              let value = response.header("retry-after") else { return nil }
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// A name that did not resolve was answered by the resolver, not refused by a loaded server:
    /// backing off protects no one, so the retries (for a resolver's transient failure) come
    /// quickly. A warm audit meets three unresolvable hosts in turn; full backoff cost ~0.9 s each.
    private func resolverBackoff(attempt: Int) -> Double {
        min(settings.backoffBase, 0.05) * pow(2, Double(attempt - 1))
    }

    /// Exponential backoff with full jitter; a server's `Retry-After` wins, capped.
    private func backoff(attempt: Int, retryAfter: Double?) -> Double {
        if let retryAfter { return min(retryAfter, settings.retryAfterCap) }
        let ceiling = min(settings.backoffMax, settings.backoffBase * pow(2, Double(attempt - 1)))
        return Double.random(in: ceiling / 2 ... ceiling)
    }

    static func statusText(_ status: Int) -> String {
        switch status {
        case 401: return "unauthorized: check the credentials for this index"
        case 403: return "forbidden"
        case 429: return "too many requests"
        case 500: return "internal server error"
        case 502: return "bad gateway"
        case 503: return "service unavailable"
        case 504: return "gateway timeout"
        default: return ""
        }
    }
}
