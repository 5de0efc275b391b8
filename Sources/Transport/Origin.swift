import Foundation

/// Scheme, host and port of a URL: the unit that credentials belong to. pip keeps an index's
/// credentials per origin and sends them to every URL there (private feeds serve their files and
/// `.metadata` from the index's own host, behind the same auth), and to no other origin: another
/// port or scheme of the same host is another origin.
package struct Origin: Hashable, Sendable, CustomStringConvertible {
    package var scheme: String
    /// Lower-case; an IPv6 literal keeps its brackets.
    package var host: String
    /// Always set: the scheme's default when the URL names none, so `https://h` and `https://h:443` are one origin.
    package var port: Int

    package init(scheme: String, host: String, port: Int?) {
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port ?? Self.defaultPort(of: self.scheme)
    }

    static func defaultPort(of scheme: String) -> Int {
        switch scheme {
        case "http": return 80
        case "https": return 443
        default: return 0
        }
    }

    /// `scheme://host`, with `:port` unless it is the scheme's default; never any credentials.
    package var description: String {
        "\(scheme)://\(host)\(port == Self.defaultPort(of: scheme) ? "" : ":\(port)")"
    }
}

extension URLParts {
    package var origin: Origin { Origin(scheme: scheme, host: host, port: port) }
}
