import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One attempt of one request on a libcurl easy handle. Owned by the multi driver while it runs;
/// the callbacks reach it through an unmanaged pointer.
final class CurlTransfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let url: String
    let maxBodyBytes: Int
    private(set) var body = Data()
    private(set) var headerLines: [String] = []
    private(set) var exceededCap = false
    /// With `HTTPRequest.bodyFile`: the open file the body goes to, and how much was written.
    private var fileDescriptor: Int32 = -1
    private var bodyFilePath: String?
    /// Reads the body file behind this transfer: its SHA-256, and the request's observer.
    private var follower: BodyFileFollower?
    private var written = 0
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let completion: @Sendable (Result<HTTPResponse, TransportError>) -> Void
    /// Called once, with the first response header line: the host resolved and answered.
    private var onResponse: (@Sendable () -> Void)?

    /// `timeout` is what is left of the request's overall budget for this attempt; `credentials`
    /// are what the `CredentialStore` decided this URL carries (the URL's own userinfo is not used).
    init?(request: HTTPRequest, extraHeaders: [String: String], timeout: Double,
          settings: TransportSettings, credentials: CredentialStore.Credentials?, onResponse: (@Sendable () -> Void)? = nil,
          completion: @escaping @Sendable (Result<HTTPResponse, TransportError>) -> Void) {
        guard let parts = URLParts(request.url), parts.scheme == "http" || parts.scheme == "https",
              let easy = pf_easy_init() else { return nil }
        self.easy = easy
        self.url = parts.withoutCredentials
        self.maxBodyBytes = request.maxBodyBytes
        self.completion = completion
        self.onResponse = onResponse
        if let path = request.bodyFile {
            fileDescriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
            let offset = off_t(max(0, request.bodyFileOffset))
            guard fileDescriptor >= 0, offset == 0 || (ftruncate(fileDescriptor, offset) == 0 && lseek(fileDescriptor, offset, SEEK_SET) == offset) else {
                if fileDescriptor >= 0 { close(fileDescriptor) }
                pf_easy_cleanup(easy)
                return nil
            }
            bodyFilePath = path
            follower = BodyFileFollower(path: path, offset: Int(offset), observer: request.bodyObserver)
            // Hundreds of MB go to the file: larger pieces mean far fewer write calls.
            pf_easy_setopt_long(easy, CURLOPT_BUFFERSIZE, 512 << 10)
        }

        pf_easy_setopt_str(easy, CURLOPT_URL, url)
        if let credentials {
            // Basic auth, sent with the first request. On a redirect libcurl keeps it only within
            // the same scheme, host and port (CURLOPT_UNRESTRICTED_AUTH stays off).
            pf_easy_setopt_str(easy, CURLOPT_USERNAME, credentials.user)
            pf_easy_setopt_str(easy, CURLOPT_PASSWORD, credentials.password)
        }
        pf_easy_setopt_str(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        pf_easy_setopt_str(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        pf_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
        pf_easy_setopt_long(easy, CURLOPT_MAXREDIRS, settings.maxRedirects)
        pf_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
        pf_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        pf_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        pf_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1)
        pf_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout * 1000))
        pf_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, max(1, Int(timeout * 1000)))
        pf_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, settings.lowSpeedLimit)
        pf_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, settings.lowSpeedTime)
        pf_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxBodyBytes))
        pf_easy_setopt_str(easy, CURLOPT_USERAGENT, settings.userAgent)
        if let range = request.range {
            let spec: String
            switch range {
            case let .span(a, b): spec = "\(a)-\(b)"
            case let .suffix(n): spec = "-\(n)"
            }
            pf_easy_setopt_str(easy, CURLOPT_RANGE, spec)
        } else {
            // Every encoding this libcurl decodes (gzip, deflate, br, zstd).
            pf_easy_setopt_str(easy, CURLOPT_ACCEPT_ENCODING, "")
        }
        for (name, value) in request.headers.merging(extraHeaders, uniquingKeysWith: { $1 }) {
            headerList = pf_slist_append(headerList, "\(name): \(value)")
        }
        if let headerList { pf_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList) }

        let me = Unmanaged.passUnretained(self).toOpaque()
        pf_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, me)
        pf_easy_setopt_write(easy, CURLOPT_WRITEFUNCTION) { ptr, size, count, userdata in
            guard let ptr, let userdata else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
            let n = size * count
            if transfer.fileDescriptor >= 0 {
                return transfer.writeToFile(ptr, n)
            }
            if transfer.body.isEmpty {
                // Reserve the announced size once: growing a 200 MB body by doubling would hold
                // two copies at the moment of each reallocation.
                var announced: curl_off_t = -1
                pf_easy_getinfo_off(transfer.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced)
                if announced > 0 { transfer.body.reserveCapacity(min(Int(announced), transfer.maxBodyBytes)) }
            }
            if transfer.body.count + n > transfer.maxBodyBytes {
                transfer.exceededCap = true
                return 0  // aborts the transfer with CURLE_WRITE_ERROR
            }
            ptr.withMemoryRebound(to: UInt8.self, capacity: n) { transfer.body.append($0, count: n) }
            return n
        }
        pf_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, me)
        pf_easy_setopt_write(easy, CURLOPT_HEADERFUNCTION) { ptr, size, count, userdata in
            guard let ptr, let userdata else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
            let n = size * count
            let line = ptr.withMemoryRebound(to: UInt8.self, capacity: n) {
                String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
            }
            if let onResponse = transfer.onResponse {
                transfer.onResponse = nil
                onResponse()
            }
            // A new status line starts the headers of a redirect target: forget the previous ones.
            if line.hasPrefix("HTTP/") { transfer.headerLines.removeAll() }
            transfer.headerLines.append(line.trimmingCharacters(in: .whitespacesAndNewlines))
            return n
        }
    }

    /// Appends to the body file; 0 (which aborts the transfer) past the cap or on a write error.
    fileprivate func writeToFile(_ pointer: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        if written + count > maxBodyBytes {
            exceededCap = true
            return 0
        }
        var offset = 0
        while offset < count {
            let n = write(fileDescriptor, pointer + offset, count - offset)
            if n <= 0 { return 0 }
            offset += n
        }
        written += count
        follower?.grew(to: written)
        return count
    }

    deinit {
        follower?.abandon()
        if fileDescriptor >= 0 { close(fileDescriptor) }
        pf_easy_cleanup(easy)
        if let headerList { pf_slist_free_all(headerList) }
    }

    /// Called by the driver when libcurl reports the transfer done.
    func finish(code: CURLcode) {
        if fileDescriptor >= 0 {
            close(fileDescriptor)
            fileDescriptor = -1
        }
        let result = result(code: code)
        guard let follower else { return completion(result) }
        self.follower = nil
        guard case .success(let response) = result, response.bodyFile != nil else {
            follower.abandon()
            return completion(result)
        }
        // Answered once the follower has read the whole body: its digest, and the observer done.
        let completion = self.completion
        follower.finish { digest in
            var complete = response
            complete.bodySHA256 = digest
            completion(.success(complete))
        }
    }

    private func result(code: CURLcode) -> Result<HTTPResponse, TransportError> {
        var status = 0
        pf_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafeMutablePointer<CChar>?
        pf_easy_getinfo_str(easy, CURLINFO_EFFECTIVE_URL, &effective)
        let finalURL = Redaction.stripCredentials(effective.map { String(cString: $0) } ?? url)
        guard code == CURLE_OK else {
            return .failure(error(for: code, status: status))
        }
        var headers: [String: String] = [:]
        for line in headerLines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var response = HTTPResponse(status: status, headers: headers, body: body, finalURL: finalURL, origin: .network)
        response.bodyFile = bodyFilePath
        return .success(response)
    }

    private func error(for code: CURLcode, status: Int) -> TransportError {
        let message = pf_easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)"
        let kind: TransportError.Kind
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .dns
        case CURLE_COULDNT_CONNECT: kind = .connect
        case CURLE_OPERATION_TIMEDOUT: kind = .timeout
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_HTTP2, CURLE_HTTP2_STREAM: kind = .reset
        case CURLE_PARTIAL_FILE: kind = .truncated
        case CURLE_FILESIZE_EXCEEDED: kind = .tooLarge
        case CURLE_WRITE_ERROR: kind = exceededCap ? .tooLarge : .other
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER: kind = .tls
        case CURLE_TOO_MANY_REDIRECTS: kind = .redirects
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING, CURLE_UNSUPPORTED_PROTOCOL: kind = .protocolError
        case CURLE_URL_MALFORMAT: kind = .invalidURL
        default: kind = .other
        }
        let detail = kind == .tooLarge ? "larger than the \(maxBodyBytes / (1 << 20)) MiB cap" : message
        return TransportError(kind: kind, url: url, detail: detail, status: status == 0 ? nil : status)
    }
}
