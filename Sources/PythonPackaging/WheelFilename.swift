/// A wheel file name (PEP 427) parsed as `packaging.utils.parse_wheel_filename`:
/// `{name}-{version}(-{build})?-{interpreters}-{abis}-{platforms}.whl`, with compressed tag sets
/// expanded.
package struct WheelFilename: Sendable, Hashable, CustomStringConvertible {
    /// The optional build tag: its leading number and the rest (`1abc` → 1, `abc`). Wheels of
    /// one version sort by it, as `(number, suffix)`.
    package struct Build: Sendable, Hashable, Comparable {
        package let number: Int
        package let suffix: String

        package static func < (a: Build, b: Build) -> Bool {
            if a.number != b.number { return a.number < b.number }
            return PythonCharacters.scalarsLess(a.suffix, b.suffix)
        }
    }

    /// The file name as given.
    package let filename: String
    /// The project name, PEP 503 normalized.
    package let name: String
    package let version: Version
    /// nil when the file name has no build tag.
    package let build: Build?
    /// Every tag the wheel declares, expanded from its compressed tag sets.
    package let tags: [Tag]

    /// Parses a wheel file name; throws with packaging's message where `parse_wheel_filename`
    /// raises `InvalidWheelFilename`. A build number past `Int.max` is rejected (packaging keeps
    /// any size).
    package init(_ filename: String) throws(WheelFilenameError) {
        try self.init(filename, tags: Tag.parse)
    }

    /// The same, with the tag triple expanded by `parseTags` (a memo of `Tag.parse`).
    init(_ filename: String, tags parseTags: (String) throws(TagError) -> [Tag]) throws(WheelFilenameError) {
        self.filename = filename
        let scalars = filename.unicodeScalars
        guard scalars.count >= 4, scalars.suffix(4).elementsEqual(".whl".unicodeScalars) else {
            throw WheelFilenameError(filename: filename,
                message: "Invalid wheel filename (extension must be '.whl'): \(PythonRepr.string(filename))")
        }
        let stem = Substring(scalars.dropLast(4))
        // Only an error needs the quoted form: build it then, not for every valid name.
        var quotedStem: String { PythonRepr.string(stem) }
        let dashes = stem.unicodeScalars.reduce(0) { $0 + ($1 == "-" ? 1 : 0) }
        guard dashes == 4 || dashes == 5 else {
            throw WheelFilenameError(filename: filename, message: "Invalid wheel filename (wrong number of parts): \(quotedStem)")
        }
        // str.split("-", dashes - 2): the last part keeps its two dashes (the tag triple).
        var parts: [Substring] = []
        var rest = stem.unicodeScalars[...]
        for _ in 0..<(dashes - 2) {
            guard let dash = rest.firstIndex(of: "-") else { break }
            parts.append(Substring(rest[..<dash]))
            rest = rest[rest.index(after: dash)...]
        }
        parts.append(Substring(rest))

        let namePart = parts[0]
        let nameIsValid = !namePart.isEmpty && !namePart.contains("__")
            && namePart.unicodeScalars.allSatisfy { $0 == "." || PythonCharacters.isWordCharacter($0) }
        guard nameIsValid else {
            throw WheelFilenameError(filename: filename, message: "Invalid project name: \(quotedStem)")
        }
        name = normalizeProjectName(String(namePart))

        switch Version.parseOutcome(String(parts[1])) {
        case .parsed(let parsed): version = parsed
        case .rejected:
            throw WheelFilenameError(filename: filename, message: "Invalid wheel filename (invalid version): \(quotedStem)")
        }

        if dashes == 5 {
            let buildPart = parts[2]
            let digits = buildPart.unicodeScalars.prefix { $0.isASCII && ("0"..."9").contains($0) }
            let suffix = buildPart.unicodeScalars.dropFirst(digits.count)
            guard !digits.isEmpty, !suffix.contains("\n"), let number = Int(String(String.UnicodeScalarView(digits))) else {
                throw WheelFilenameError(filename: filename, message: "Invalid build number: \(buildPart) in \(quotedStem)")
            }
            build = Build(number: number, suffix: String(String.UnicodeScalarView(suffix)))
        } else {
            build = nil
        }

        do {
            tags = try parseTags(String(parts[parts.count - 1]))
        } catch {
            throw WheelFilenameError(filename: filename, message: "Invalid wheel filename (invalid tag component): \(quotedStem)")
        }
    }

    /// Parses a wheel file name, or nil.
    package static func parse(_ filename: String) -> WheelFilename? {
        try? WheelFilename(filename)
    }

    /// The best (lowest) priority among the wheel's tags in `supported`, or nil when the wheel
    /// does not install there.
    package func bestPriority(in supported: SupportedTagSet) -> Int? {
        tags.compactMap(supported.priority(of:)).min()
    }

    /// Whether any of the wheel's tags is supported.
    package func isCompatible(with supported: SupportedTagSet) -> Bool {
        tags.contains { supported.contains($0) }
    }

    package var description: String { filename }
}

/// A wheel file name that does not parse, with packaging's message.
package struct WheelFilenameError: Error, Sendable, Equatable, CustomStringConvertible {
    package let filename: String
    package let message: String
    package var description: String { message }
}
