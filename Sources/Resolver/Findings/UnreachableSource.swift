import Checks
import Registries
import Transport

/// Which source an unreachable-source finding is about, as a key: findings with one key are one
/// outage. A top-level lookup names its index, channel or URL before " could not be "
/// (`https://pypi.org/simple could not be reached: …`, `channel https://… could not be read: …`);
/// a dependency's or a metadata file's lookup names only the page or file that failed
/// (`https://pypi.org/simple/six/: connection refused`, `the metadata of a==1 could not be
/// fetched: https://files.example/a.whl.metadata: 503`), one URL per package, so there the key
/// is that URL's origin: a host that refuses does so for every page of it.
enum UnreachableSource {
    /// The key of a finding: the source its lookup named, else read from its message (a finding
    /// made without one, as tests and older memos have).
    static func key(of finding: Finding) -> String {
        finding.unreachableSource ?? key(message: finding.message)
    }

    /// The key of a lookup's failure below a top-level requirement: the origin of the page or
    /// file that failed. Nil when the error names no source.
    static func key(of error: any Error) -> String? {
        guard let error = error as? RegistryError else { return nil }
        let url = error.source.contains("://") ? error.source : error.underlying?.url ?? error.source
        guard url.contains("://") else { return nil }
        guard !url.hasPrefix("file:"), let parts = URLParts(url) else { return url }
        return parts.origin.description
    }

    static func key(message: String) -> String {
        if let named = message.components(separatedBy: " could not be ").first, named != message, named.contains("://") {
            return named
        }
        guard let url = firstURL(in: message) else { return message.components(separatedBy: " could not be ").first ?? message }
        // A file:// location has no host to share: each path is its own source.
        guard !url.hasPrefix("file:"), let parts = URLParts(url) else { return url }
        return parts.origin.description
    }

    /// The first `scheme://…` word of the text, without the punctuation that ends a clause.
    static func firstURL(in text: String) -> String? {
        guard let range = text.range(of: "://") else { return nil }
        var start = range.lowerBound
        while start > text.startIndex, text[text.index(before: start)].isLetter { start = text.index(before: start) }
        guard start < range.lowerBound else { return nil }
        let end = text[range.upperBound...].firstIndex { $0 == " " || $0 == "\n" || $0 == ")" } ?? text.endIndex
        var url = String(text[start..<end])
        while let last = url.last, ":;,.".contains(last) { url.removeLast() }
        return url
    }
}

extension Finding {
    /// The packages whose verdict this unreachable-source finding leaves unknown: those it
    /// lists, else the one it is about.
    var unknownVerdicts: [String] {
        !unknownPackages.isEmpty ? unknownPackages : package.map { [$0] } ?? []
    }
}

/// `…; verdict unknown for: a, b, c …(+N)`, the end of an unreachable source's message.
enum UnknownVerdictsTail {
    /// `message` ending with the list, in place of the "the verdict for a is unknown" that
    /// names only the first copy's package; as it is when it already names its only package.
    static func message(_ message: String, packages: [String]) -> String {
        guard !packages.isEmpty, !(packages.count == 1 && message.contains(packages[0])) else { return message }
        let single = "; the verdict for \(packages[0]) is unknown"
        let base = message.hasSuffix(single) ? String(message.dropLast(single.count)) : message
        return base + "; verdict unknown for: " + ShortList.text(packages)
    }
}
