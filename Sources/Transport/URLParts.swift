import Foundation

/// The pieces of an absolute URL that transport decisions need. Hand-split rather than via
/// `URLComponents` so that odd but legal credentials (`:` or `@` in a token) survive intact.
package struct URLParts: Sendable, Hashable {
    package var scheme: String
    package var user: String?
    package var password: String?
    package var host: String
    package var port: Int?
    /// Path, query and fragment, starting with `/` (or empty).
    package var rest: String

    package init?(_ url: String) {
        guard let sep = url.range(of: "://") else { return nil }
        let scheme = url[..<sep.lowerBound].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else { return nil }
        let afterScheme = url[sep.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        self.scheme = scheme
        self.rest = String(afterScheme[authorityEnd...])
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userinfo.firstIndex(of: ":") {
                user = String(userinfo[..<colon]).removingPercentEncoding ?? String(userinfo[..<colon])
                let pw = userinfo[userinfo.index(after: colon)...]
                password = String(pw).removingPercentEncoding ?? String(pw)
            } else {
                user = String(userinfo).removingPercentEncoding ?? String(userinfo)
            }
        }
        // IPv6 literal: [::1]:8080
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[...close])
            let tail = authority[authority.index(after: close)...]
            if tail.hasPrefix(":") { port = Int(tail.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = Int(authority[authority.index(after: colon)...])
        } else {
            host = String(authority)
        }
        host = host.lowercased()
        if scheme != "file" && host.isEmpty { return nil }
    }

    package var hasCredentials: Bool { user != nil || password != nil }

    /// The URL without userinfo: safe to print, log, and hash into cache keys.
    package var withoutCredentials: String {
        "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")\(rest)"
    }
}
