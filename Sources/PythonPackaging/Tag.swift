/// A wheel compatibility tag (PEP 425): interpreter, ABI and platform, lowercased as
/// `packaging.tags.Tag` stores them. `description` is `cp38-cp38-manylinux_2_17_x86_64`.
package struct Tag: Sendable, Hashable, CustomStringConvertible {
    package let interpreter: String
    package let abi: String
    package let platform: String

    package init(_ interpreter: String, _ abi: String, _ platform: String) {
        self.interpreter = PythonCharacters.lowercased(interpreter)
        self.abi = PythonCharacters.lowercased(abi)
        self.platform = PythonCharacters.lowercased(platform)
    }

    package init(interpreter: String, abi: String, platform: String) {
        self.init(interpreter, abi, platform)
    }

    package var description: String { "\(interpreter)-\(abi)-\(platform)" }

    /// Expands a tag string, possibly a compressed tag set (`py2.py3-none-any`,
    /// `cp38.cp39-abi3-manylinux1_x86_64.manylinux2014_x86_64`), into its tags in
    /// interpreter × ABI × platform order, without duplicates, as `packaging.tags.parse_tag`
    /// (which returns a set). Throws where it raises `InvalidTag`: not three components, an empty
    /// member, or an interpreter that is not a Python identifier.
    package static func parse(_ text: String) throws(TagError) -> [Tag] {
        let components = text.unicodeScalars.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.split(separator: ".", omittingEmptySubsequences: false).map { Substring($0) } }
        for parts in components where parts.contains(where: \.isEmpty) {
            throw TagError(input: text, message: "Tag \(PythonRepr.string(text)) has an empty component: \(PythonRepr.string(parts.joined(separator: ".")))")
        }
        guard components.count == 3 else {
            throw TagError(input: text, message: "Tag \(PythonRepr.string(text)) must have exactly three components")
        }
        for interpreter in components[0] where !PythonCharacters.isIdentifier(interpreter) {
            throw TagError(input: text, message: "Tag \(PythonRepr.string(text)) has an invalid interpreter: \(PythonRepr.string(interpreter))")
        }
        var seen = Set<Tag>()
        var tags: [Tag] = []
        for interpreter in components[0] {
            for abi in components[1] {
                for platform in components[2] {
                    let tag = Tag(String(interpreter), String(abi), String(platform))
                    if seen.insert(tag).inserted { tags.append(tag) }
                }
            }
        }
        return tags
    }
}

/// A tag string that `Tag.parse` rejects, with packaging's message.
package struct TagError: Error, Sendable, Equatable, CustomStringConvertible {
    package let input: String
    package let message: String
    package var description: String { message }
}
