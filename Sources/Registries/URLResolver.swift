import CLibXML2
import Foundation

/// RFC 3986 reference resolution (relative links on index pages, `base_url` of channels).
package enum URLResolver {
    package static func resolve(_ reference: String, against base: String) -> String {
        if isAbsolute(reference) { return reference }
        guard let built = xmlBuildURI(reference, base) else { return reference }
        defer { pf_xml_free(built) }
        return String(cString: built)
    }

    /// Contains `://` (searched in UTF-8: this runs for every file of every project page).
    static func isAbsolute(_ reference: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in reference.utf8 {
            if byte == UInt8(ascii: "/"), previous == (UInt8(ascii: ":"), UInt8(ascii: "/")) { return true }
            previous = (previous.1, byte)
        }
        return false
    }
}
