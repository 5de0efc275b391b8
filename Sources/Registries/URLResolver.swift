import CLibXML2
import Foundation

/// RFC 3986 reference resolution (relative links on index pages, `base_url` of channels).
public enum URLResolver {
    public static func resolve(_ reference: String, against base: String) -> String {
        if reference.contains("://") { return reference }
        guard let built = xmlBuildURI(reference, base) else { return reference }
        defer { pf_xml_free(built) }
        return String(cString: built)
    }
}
