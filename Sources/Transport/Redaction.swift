import Foundation

/// Keeps credentials out of every message. Two layers: userinfo is stripped from anything that
/// looks like a URL, and every secret the process has learnt (URL passwords, netrc tokens) is
/// replaced wherever it appears, in case a server or library echoes it back.
package enum Redaction {
    // The process's on purpose, not a run's: a secret learnt anywhere must be scrubbed from every
    // line the process prints — the trace, a warning from a client, the last error after the run
    // — and the set only ever grows, so no run can be handed one that lacks it.
    private static let lock = NSLock()
    nonisolated(unsafe) private static var secrets: Set<String> = []

    /// Remember a secret so that `scrub` removes it from any text.
    package static func register(secret: String) {
        guard secret.count >= 3 else { return }  // too short to scrub without mangling text
        lock.lock(); secrets.insert(secret); lock.unlock()
    }

    /// The URL without `user:password@`.
    package static func stripCredentials(_ url: String) -> String {
        guard let parts = URLParts(url), parts.hasCredentials else { return scrub(url) }
        return scrub(parts.withoutCredentials)
    }

    /// Removes userinfo from every URL in the text and every registered secret.
    package static func scrub(_ text: String) -> String {
        var out = text
        if out.contains("@") && out.contains("://") {
            out = stripUserinfo(in: out)
        }
        lock.lock(); let known = secrets; lock.unlock()
        for secret in known where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: "***")
        }
        return out
    }

    private static func stripUserinfo(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let sep = rest.range(of: "://") {
            result += rest[..<sep.upperBound]
            rest = rest[sep.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0.isWhitespace || $0 == "\"" || $0 == "'" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                result += "***@"
                rest = rest[rest.index(after: at)...]
            }
        }
        return result + rest
    }
}
