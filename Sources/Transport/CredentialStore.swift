import Foundation

/// What credentials every request carries, decided in one place for all of them.
///
/// An index or channel URL with credentials (`https://user:token@host/simple`) gives them to its
/// whole origin: the pages it serves link files and `.metadata` on the same host without userinfo
/// (links are resolved against the page's credential-free URL), and private feeds (Azure Artifacts,
/// Artifactory, devpi) guard those behind the same auth, as pip assumes. They go to no other origin
/// — not to another host a page links to, nor another port or scheme of the same host. Without
/// credentials of the origin, the netrc entry of the host is used (its file names hosts).
///
/// Redirects are libcurl's: it follows them with these credentials only within the same origin.
package final class CredentialStore: @unchecked Sendable {
    package struct Credentials: Sendable, Equatable {
        package var user: String
        package var password: String

        package init(user: String, password: String) {
            self.user = user
            self.password = password
        }
    }

    private let netrcPath: String?
    private let lock = NSLock()
    /// Per origin, the credentials learnt and the path of the URL they came with, in the order learnt.
    private var byOrigin: [Origin: [(path: String, credentials: Credentials)]] = [:]
    /// Read on the first request that has no credentials of its origin (nil inside: no file).
    private var netrc: NetrcFile??

    /// `netrcPath`: `TransportSettings.netrcPath`; nil disables netrc.
    package init(netrcPath: String?) {
        self.netrcPath = netrcPath
    }

    /// Remembers the userinfo of `url` for its origin. Cheap when the URL has none.
    package func learn(from url: String) {
        guard url.contains("@"), let parts = URLParts(url), parts.hasCredentials else { return }
        let credentials = Credentials(user: parts.user ?? "", password: parts.password ?? "")
        // A token given as the user name alone (`https://TOKEN@host`) is as secret as a password.
        Redaction.register(secret: credentials.password.isEmpty ? credentials.user : credentials.password)
        let path = Self.path(of: parts.rest)
        lock.lock()
        defer { lock.unlock() }
        var known = byOrigin[parts.origin, default: []]
        guard !known.contains(where: { $0.path == path && $0.credentials == credentials }) else { return }
        known.append((path, credentials))
        byOrigin[parts.origin] = known
    }

    /// The credentials a request for `url` carries: the URL's own userinfo, else those learnt for
    /// its origin, else the host's netrc entry; nil for none.
    ///
    /// Two indexes on one origin with different credentials (two feeds of one Artifactory): a URL
    /// under one index's path gets that index's; any other URL of the origin the first learnt.
    package func credentials(for url: String) -> Credentials? {
        guard let parts = URLParts(url) else { return nil }
        if parts.hasCredentials { return Credentials(user: parts.user ?? "", password: parts.password ?? "") }
        let path = Self.path(of: parts.rest)
        lock.lock()
        let known = byOrigin[parts.origin] ?? []
        lock.unlock()
        if !known.isEmpty {
            let under = known.filter { Self.path(path, isUnder: $0.path) }.max { $0.path.count < $1.path.count }
            return (under ?? known[0]).credentials
        }
        guard let entry = netrcFile()?.entry(forHost: Self.bareHost(parts.host)), entry.login != nil || entry.password != nil else {
            return nil
        }
        return Credentials(user: entry.login ?? "", password: entry.password ?? "")
    }

    private func netrcFile() -> NetrcFile? {
        lock.lock()
        defer { lock.unlock() }
        if let netrc { return netrc }
        let read = netrcPath.flatMap { NetrcFile(path: $0) }
        for entry in read?.entries ?? [] {
            if let password = entry.password { Redaction.register(secret: password) }
        }
        netrc = .some(read)
        return read
    }

    /// The path part of `rest` (no query or fragment), without its trailing slash.
    private static func path(of rest: String) -> String {
        let end = rest.firstIndex { $0 == "?" || $0 == "#" } ?? rest.endIndex
        var path = rest[..<end]
        while path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// `/simple/numpy` is under `/simple`; `/simple2` is not.
    private static func path(_ path: String, isUnder base: String) -> Bool {
        base.isEmpty || path == base || path.hasPrefix(base + "/")
    }

    /// A netrc `machine` names an IPv6 host without the URL's brackets.
    private static func bareHost(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
