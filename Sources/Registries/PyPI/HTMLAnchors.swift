import CLibXML2
import Foundation

/// The `<a>` elements of an HTML page, parsed leniently with libxml2 (real index pages are
/// rarely valid HTML). Honours `<base href>`.
enum HTMLAnchors {
    struct Anchor {
        var href: String
        var text: String
        var attributes: [String: String]
        /// The URL relative links resolve against.
        var base: String
    }

    static func forEach(in body: Data, pageURL: String, _ visit: (Anchor) throws -> Void) throws {
        guard !body.isEmpty else { return }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let document: htmlDocPtr? = body.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
            return htmlReadMemory(base, Int32(clamping: raw.count), pageURL, "utf-8", options)
        }
        guard let document else { throw SimplePageParser.Failure(description: "the page is not parseable HTML") }
        defer { xmlFreeDoc(document) }
        var base = pageURL
        var stack: [xmlNodePtr] = []
        if let root = xmlDocGetRootElement(document) { stack.append(root) }
        // Iterative walk: a hostile page cannot exhaust the stack with deep nesting.
        while let node = stack.popLast() {
            if node.pointee.type == XML_ELEMENT_NODE, let rawName = node.pointee.name {
                let name = String(cString: rawName).lowercased()
                if name == "base", let href = attribute(node, "href") {
                    base = URLResolver.resolve(href, against: pageURL)
                } else if name == "a", let href = attribute(node, "href") {
                    var attributes: [String: String] = [:]
                    var property = node.pointee.properties
                    while let p = property {
                        if let pname = p.pointee.name {
                            let key = String(cString: pname).lowercased()
                            attributes[key] = attribute(node, key) ?? ""
                        }
                        property = p.pointee.next
                    }
                    var text = ""
                    if let content = xmlNodeGetContent(node) {
                        text = String(cString: content)
                        pf_xml_free(content)
                    }
                    try visit(Anchor(href: href, text: text, attributes: attributes, base: base))
                }
            }
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let c = child {
                children.append(c)
                child = c.pointee.next
            }
            stack.append(contentsOf: children.reversed())
        }
    }

    private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { pf_xml_free(value) }
        return String(cString: value)
    }
}
