/// A PEP 508 dependency specifier (`requests[security,socks] >=2.8.1, ==2.8.* ; python_version < "2.7"`),
/// parsed exactly as `packaging.requirements.Requirement` (26.x), including the legacy
/// parenthesized form `name (>=1.0)` and direct references `name @ https://…`.
package struct Requirement: Sendable {
    /// The project name as written.
    package let name: String
    /// The PEP 503 normalized name (`Foo.Bar` → `foo-bar`).
    package let normalizedName: String
    /// The extras, PEP 503 normalized, without duplicates, sorted.
    package let extras: [String]
    /// The extras as written (packaging's `extras` set), sorted by code point, as `str()` prints them.
    package let rawExtras: [String]
    /// The version specifiers (empty: any version).
    package let specifier: SpecifierSet
    /// The direct reference after `@`, or nil.
    package let url: String?
    /// The environment marker after `;`, or nil.
    package let marker: Marker?

    /// Parses a requirement as `Requirement(string)` does.
    package init(_ string: String) throws(RequirementError) {
        var parser = DependencyParser(string)
        let parsed: ParsedRequirement
        do {
            parsed = try parser.parseRequirement()
        } catch {
            throw RequirementError(input: string, message: error.message, offset: error.start, end: error.end)
        }
        name = parsed.name
        normalizedName = normalizeProjectName(parsed.name)
        rawExtras = Set(parsed.extras).sorted(by: PythonCharacters.scalarsLess)
        extras = Set(parsed.extras.map(normalizeProjectName)).sorted(by: PythonCharacters.scalarsLess)
        switch parsed.specifier {
        case .parsed(let set):
            specifier = set
        case .text(let text):
            do {
                specifier = try SpecifierSet(text)
            } catch {
                // packaging re-raises InvalidSpecifier without a position; point at the specifier.
                let start = RequirementError.specifierStart(in: parser.source, name: parsed.name)
                throw RequirementError(input: string, message: error.description, offset: start, end: start)
            }
        }
        url = parsed.url.isEmpty ? nil : parsed.url
        marker = parsed.marker.map(Marker.init(parsedNodes:))
    }

    /// Whether the requirement applies on a target (no marker, or the marker is true there).
    package func applies(to environment: MarkerEnvironment, extras: Set<String> = []) -> Bool {
        marker?.evaluate(environment: environment, extras: extras) ?? true
    }
}

extension Requirement: Hashable {
    /// Equal as packaging compares requirements: normalized name and extras, equivalent
    /// specifiers, same URL and marker.
    package static func == (a: Requirement, b: Requirement) -> Bool {
        a.normalizedName == b.normalizedName && a.extras == b.extras && a.specifier == b.specifier
            && a.url == b.url && a.marker == b.marker
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(normalizedName)
        hasher.combine(extras)
        hasher.combine(specifier)
        hasher.combine(url)
        hasher.combine(marker)
    }
}

extension Requirement: CustomStringConvertible {
    /// `str(Requirement)`: name, `[extras]`, specifiers, ` @ url`, `; marker`.
    package var description: String {
        var text = name
        if !rawExtras.isEmpty { text += "[" + rawExtras.joined(separator: ",") + "]" }
        if !specifier.isEmpty { text += specifier.description }
        if let url {
            text += " @ " + url
            if marker != nil { text += " " }
        }
        if let marker { text += "; " + marker.description }
        return text
    }
}

/// A requirement that does not parse: packaging's message and the 0-based offset of the problem,
/// counted in Unicode scalars (Python string indices).
package struct RequirementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The requirement text.
    package let input: String
    /// packaging's message, e.g. `Expected end of dependency specifier`.
    package let message: String
    /// Where the problem starts. For a specifier list that the grammar accepts but that is still
    /// invalid (packaging gives no position then), the start of the specifier.
    package let offset: Int
    /// Where the span packaging underlines ends (equal to `offset` when it points at one place).
    package let end: Int

    package var description: String { SyntaxErrorText.render(message: message, source: input, start: offset, end: end) }

    /// Offset of the specifier text after the name and extras, for errors packaging leaves
    /// without a position.
    static func specifierStart(in source: [Unicode.Scalar], name: String) -> Int {
        var i = 0
        while i < source.count, source[i] == " " || source[i] == "\t" { i += 1 }
        i += name.unicodeScalars.count
        while i < source.count, source[i] == " " || source[i] == "\t" { i += 1 }
        if i < source.count, source[i] == "[" {
            while i < source.count, source[i] != "]" { i += 1 }
            i += 1
            while i < source.count, source[i] == " " || source[i] == "\t" { i += 1 }
        }
        return i
    }
}
