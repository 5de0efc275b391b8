/// Parses MatchSpec strings the way rattler 0.28 does in lenient mode (see ``MatchSpec``).
enum MatchSpecParser {
    struct Fields {
        var name: String?
        var nameMatcher: StringMatcher?
        var channel: String?
        var subdir: String?
        var namespace: String?
        var version: VersionSpec?
        var build: StringMatcher?
        var buildNumber: BuildNumberSpec?
        var fileName: String?
        var url: String?
        var md5: String?
        var sha256: String?
        var license: String?
        var licenseFamily: String?
        var trackFeatures: [String]?
        var flags: [StringMatcher]?
        var extras: [String]?
        var condition: String?
    }

    static func parse(_ input: String) throws(MatchSpecError) -> MatchSpec {
        func fail(_ message: String) -> MatchSpecError { MatchSpecError(input: input, message: message) }

        // 1. A `#` starts a comment.
        var text = Substring(input)
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }

        // 2. `; if ...` (old conditional syntax) and more than one `;` are refused.
        if text.contains(";") {
            if hasIfStatement(text) {
                throw fail("the '; if' syntax for conditional dependencies is not supported, use [when=\"...\"]")
            }
            if text.filter({ $0 == ";" }).count > 1 { throw fail("more than one semicolon") }
        }
        let trimmed = trimWhitespace(text)

        // 3. The trailing `[key=value, ...]` section.
        var fields = Fields()
        var rest = trimmed
        if trimmed.hasSuffix("]") {
            guard let open = bracketStart(trimmed) else { throw fail("invalid bracket") }
            let pairs = try parseBracket(trimmed[open...], fail: fail)
            rest = trimmed[..<open]
            try apply(pairs, to: &fields, fail: fail)
        }

        // 4. A URL or absolute path to a package file.
        if fields.url == nil, !rest.contains("::"), isURL(rest) || isAbsolutePath(rest) {
            let location = String(rest)
            if isURL(rest), !hasHost(location) { throw fail("invalid package spec url '\(location)'") }
            guard let name = archiveName(location), isValidPackageName(name) else {
                throw fail("missing package name (cannot read it from the URL)")
            }
            var urlFields = Fields()
            urlFields.name = name.lowercased()
            urlFields.url = location
            return MatchSpec(source: input, fields: urlFields)
        }

        // 5. `channel:namespace:name`, split from the right (a channel URL has colons too).
        let parts = rest.rsplitThree(":")
        let namePart = parts.name
        if let namespace = parts.namespace {
            let clean = trimWhitespace(namespace)
            if !clean.isEmpty { fields.namespace = String(clean) }
        }
        if let channelText = parts.channel {
            let (channel, subdir) = try parseChannel(channelText, fail: fail)
            fields.channel = fields.channel ?? channel
            fields.subdir = fields.subdir ?? subdir
        }

        // 6. The name runs to the first space or operator character; a `^...$` regex name
        //    runs to the first `$` that is followed by the end, a space or an operator.
        let nameInput = trimWhitespace(namePart)
        func endsName(_ char: Character) -> Bool {
            char.unicodeScalars.first.map(isWhitespace) == true || "<>=!~".contains(char)
        }
        var nameEnd = nameInput.firstIndex(where: endsName) ?? nameInput.endIndex
        if nameInput.hasPrefix("^") {
            var cursor = nameInput.startIndex
            while let dollar = nameInput[cursor...].firstIndex(of: "$") {
                let after = nameInput.index(after: dollar)
                if after == nameInput.endIndex || endsName(nameInput[after]) {
                    nameEnd = after
                    break
                }
                cursor = after
            }
        }
        let nameText = String(nameInput[..<nameEnd])
        guard !nameText.isEmpty else { throw fail("missing package name") }
        try setName(nameText, on: &fields, fail: fail)

        // 7. Version and build.
        let versionAndBuild = trimWhitespace(nameInput[nameEnd...])
        if !versionAndBuild.isEmpty {
            let (version, build) = try parseVersionAndBuild(versionAndBuild, fail: fail)
            fields.version = fields.version ?? version
            fields.build = fields.build ?? build
        }
        return MatchSpec(source: input, fields: fields)
    }

    // MARK: Name

    static func setName(_ text: String, on fields: inout Fields, fail: (String) -> MatchSpecError) throws(MatchSpecError) {
        if text.hasPrefix("^"), text.hasSuffix("$") {
            do { fields.nameMatcher = .regex(try RegexPattern(text)) } catch { throw fail(error.description) }
        } else if text.contains("*") {
            do { fields.nameMatcher = .glob(try GlobPattern(text)) } catch { throw fail(error.description) }
        } else {
            guard isValidPackageName(text) else {
                throw fail("'\(text)' is not a valid package name; names can only contain 0-9, a-z, A-Z, -, _, or .")
            }
            fields.name = text.lowercased()
        }
    }

    static func isValidPackageName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            CondaVersionParser.isLetter(byte) || CondaVersionParser.isDigit(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    // MARK: Version and build

    static func parseVersionAndBuild(
        _ text: Substring, fail: (String) -> MatchSpecError
    ) throws(MatchSpecError) -> (VersionSpec, StringMatcher?) {
        if text.contains("[") { throw fail("multiple bracket sections not allowed") }
        let bytes = Array(text.utf8)
        guard let split = VersionSpecGrammar(bytes: bytes).matchSpecVersionPart() else {
            throw fail("unable to parse version spec: \(text)")
        }
        let versionText = String(decoding: bytes[0..<split.versionEnd], as: UTF8.self)
        let buildText = trimWhitespace(Substring(String(decoding: bytes[split.buildStart...], as: UTF8.self)))
        let build: String? = buildText.isEmpty ? nil : String(buildText)
        var compact = String(String.UnicodeScalarView(versionText.unicodeScalars.filter { !isWhitespace($0) }))
        compact = stripEquals(compact, build: build)
        let version: VersionSpec
        do { version = try VersionSpec(compact) } catch { throw fail(error.description) }
        var matcher: StringMatcher?
        if let build {
            do { matcher = try StringMatcher(build) } catch { throw fail(error.description) }
        }
        return (version, matcher)
    }

    /// conda's legacy meaning of a leading `=`: `=1.2` is `1.2*`; `==1.2` without a build is
    /// `1.2`; inside a group (`=1.2,<2`) the text is left alone.
    static func stripEquals(_ version: String, build: String?) -> String {
        guard version.hasPrefix("=") else { return version }
        let withoutEquals = version.dropFirst()
        if withoutEquals.hasPrefix("="), build == nil { return String(withoutEquals.dropFirst()) }
        if withoutEquals.contains(where: { $0 == "=" || $0 == "," || $0 == "|" }) { return version }
        if build == nil, !withoutEquals.hasSuffix("*") { return withoutEquals + "*" }
        return String(withoutEquals)
    }

    // MARK: Brackets

    /// Finds the `[` that opens the final bracket section, scanning back from the closing
    /// `]` and skipping quoted text and nested brackets.
    static func bracketStart(_ text: Substring) -> Substring.Index? {
        var depth = 0
        var quote: Character?
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            let char = text[index]
            if let open = quote {
                if char == open, !isEscaped(text, index) { quote = nil }
                continue
            }
            switch char {
            case "\"", "'":
                if !isEscaped(text, index) { quote = char }
            case "]":
                depth += 1
            case "[":
                depth -= 1
                if depth == 0 { return index }
            default:
                break
            }
        }
        return nil
    }

    private static func isEscaped(_ text: Substring, _ index: Substring.Index) -> Bool {
        index > text.startIndex && text[text.index(before: index)] == "\\"
    }

    /// Parses `[key=value, key="value", key='v', key=[a, b]]`; the whole text must be used.
    static func parseBracket(
        _ text: Substring, fail: (String) -> MatchSpecError
    ) throws(MatchSpecError) -> [(String, String)] {
        let chars = Array(text)
        var index = 1  // after `[`
        var pairs: [(String, String)] = []
        func skipSpace() { while index < chars.count, chars[index].isASCIIWhitespaceLike { index += 1 } }
        func invalid() -> MatchSpecError { fail("invalid bracket") }

        var expectPair = false
        while true {
            let elementStart = index
            skipSpace()
            let keyStart = index
            while index < chars.count, chars[index].isLetter || chars[index].isNumber || chars[index] == "_" || chars[index] == "-" {
                index += 1
            }
            let key = String(chars[keyStart..<index])
            skipSpace()
            guard index < chars.count, chars[index] == "=" else {
                // No pair here: an empty list `[]` is fine, a dangling `,` is not.
                if expectPair { throw invalid() }
                index = elementStart
                break
            }
            index += 1
            skipSpace()
            guard index < chars.count else { throw invalid() }
            var value: String
            let first = chars[index]
            if first == "\"" || first == "'" {
                var end = index + 1
                while end < chars.count, chars[end] != first {
                    end += chars[end] == "\\" ? 2 : 1
                }
                guard end < chars.count else { throw invalid() }
                value = String(chars[(index + 1)..<end])
                index = end + 1
            } else if first == "[" {
                guard let close = chars[(index + 1)...].firstIndex(of: "]") else { throw invalid() }
                value = String(chars[(index + 1)..<close])
                index = close + 1
            } else {
                let start = index
                while index < chars.count, !",]'\"".contains(chars[index]) { index += 1 }
                guard index > start else { throw invalid() }
                value = String(chars[start..<index])
            }
            skipSpace()
            pairs.append((key, value))
            if index < chars.count, chars[index] == "," {
                index += 1
                expectPair = true
                continue
            }
            break
        }
        guard index < chars.count, chars[index] == "]", index == chars.count - 1 else { throw invalid() }
        return pairs
    }

    static func apply(
        _ pairs: [(String, String)], to fields: inout Fields, fail: (String) -> MatchSpecError
    ) throws(MatchSpecError) {
        for (key, value) in pairs {
            switch key {
            case "version":
                do { fields.version = try VersionSpec(value) } catch { throw fail(error.description) }
            case "build":
                do { fields.build = try StringMatcher(value) } catch { throw fail(error.description) }
            case "build_number":
                do { fields.buildNumber = try BuildNumberSpec(value) } catch { throw fail(error.description) }
            case "sha256":
                guard let digest = hexDigest(value, length: 64) else { throw fail("unable to parse hash digest from hex") }
                fields.sha256 = digest
            case "md5":
                guard let digest = hexDigest(value, length: 32) else { throw fail("unable to parse hash digest from hex") }
                fields.md5 = digest
            case "fn":
                fields.fileName = value
            case "url":
                guard (isURL(Substring(value)) && hasHost(value)) || isAbsolutePath(Substring(value)) else {
                    throw fail("invalid package path or url '\(value)'")
                }
                fields.url = value
            case "subdir":
                fields.subdir = value
            case "channel":
                let (channel, subdir) = try parseChannel(Substring(value), fail: fail)
                fields.channel = fields.channel ?? channel
                fields.subdir = fields.subdir ?? subdir
            case "namespace":
                fields.namespace = value
            case "license":
                fields.license = value
            case "license_family":
                fields.licenseFamily = value
            case "track_features":
                fields.trackFeatures = value.split(whereSeparator: { $0 == "," || $0 == " " })
                    .map { String(trimWhitespace($0)) }.filter { !$0.isEmpty }
            case "extras":
                let names = value.split(separator: ",", omittingEmptySubsequences: false).map { trimASCIISpace($0) }
                guard names.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } }) else {
                    throw fail("invalid bracket")
                }
                fields.extras = names.map(String.init)
            case "flags":
                var matchers: [StringMatcher] = []
                for flag in value.split(separator: ",").map({ trimWhitespace($0) }) where !flag.isEmpty {
                    do { matchers.append(try StringMatcher(String(flag))) } catch { throw fail(error.description) }
                }
                fields.flags = matchers
            case "when":
                guard isPlausibleCondition(value) else { throw fail("could not parse condition '\(value)'") }
                fields.condition = value
            default:
                throw fail("invalid bracket key: \(key)")
            }
        }
    }

    static func hexDigest(_ text: String, length: Int) -> String? {
        guard text.utf8.count == length, text.utf8.allSatisfy({ $0 < 0x80 && Character(UnicodeScalar($0)).isHexDigit }) else {
            return nil
        }
        return text.lowercased()
    }

    /// A light check of `[when="..."]` (rattler parses a small boolean language of
    /// MatchSpecs there): non-empty and balanced parentheses.
    static func isPlausibleCondition(_ text: String) -> Bool {
        guard !trimWhitespace(Substring(text)).isEmpty else { return false }
        var depth = 0
        for char in text {
            if char == "(" { depth += 1 }
            if char == ")" { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0
    }

    // MARK: Channels and URLs

    /// `name`, `name/subdir`, a URL or a path; the subdir is split off only when it is a
    /// known platform.
    static func parseChannel(
        _ text: Substring, fail: (String) -> MatchSpecError
    ) throws(MatchSpecError) -> (String?, String?) {
        var channel = text
        var subdir: String?
        if let slash = text.lastIndex(of: "/"), Subdir(String(text[text.index(after: slash)...])) != nil {
            channel = text[..<slash]
            subdir = String(text[text.index(after: slash)...])
        }
        if channel.isEmpty { return (nil, subdir) }
        let pathLike = isURL(channel) || isAbsolutePath(channel) || channel.hasPrefix("./") || channel.hasPrefix("../")
            || channel.hasPrefix("~/") || channel == "." || channel == ".." || channel == "~"
        if !pathLike {
            if channel.contains(where: { $0 == ":" || $0 == "\\" || $0 == "[" || $0 == "]" }) {
                throw fail("invalid channel name: '\(channel)'")
            }
            while channel.count > 1, channel.hasSuffix("/") { channel = channel.dropLast() }
        }
        return (String(channel), subdir)
    }

    /// `scheme://...`
    static func isURL(_ text: Substring) -> Bool {
        guard let colon = text.range(of: "://") else { return false }
        let scheme = text[..<colon.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// A URL whose authority is usable: present (except for `file:`) and free of spaces.
    static func hasHost(_ text: String) -> Bool {
        guard let range = text.range(of: "://") else { return false }
        let rest = text[range.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.unicodeScalars.contains(where: isWhitespace) { return false }
        if text[..<range.lowerBound].lowercased() == "file" { return true }
        return !authority.isEmpty
    }

    /// `/abs`, `C:\x`, `C:/x`, `\\server\share` (not `~/x`: that is only a channel path).
    static func isAbsolutePath(_ text: Substring) -> Bool {
        if text.hasPrefix("/") || text.hasPrefix("\\\\") { return true }
        let chars = Array(text.prefix(3))
        return chars.count == 3 && chars[0].isASCII && chars[0].isLetter && chars[1] == ":" && (chars[2] == "\\" || chars[2] == "/")
    }

    /// The package name of `.../name-version-build.tar.bz2` or `.conda`.
    static func archiveName(_ location: String) -> String? {
        guard let last = location.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last else { return nil }
        var stem = Substring(last)
        if stem.hasSuffix(".tar.bz2") { stem = stem.dropLast(8) } else if stem.hasSuffix(".conda") { stem = stem.dropLast(6) } else { return nil }
        let pieces = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count >= 3 else { return nil }
        let name = pieces.dropLast(2).joined(separator: "-")
        return name.isEmpty ? nil : name
    }

    // MARK: Text helpers

    /// `; if` after the first semicolon.
    static func hasIfStatement(_ text: Substring) -> Bool {
        guard let semicolon = text.firstIndex(of: ";") else { return false }
        let after = text[text.index(after: semicolon)...].drop(while: { $0.isASCIIWhitespaceLike })
        guard after.hasPrefix("if") else { return false }
        let tail = after.dropFirst(2)
        return tail.first?.isASCIIWhitespaceLike == true
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    /// Trims Unicode whitespace, as Rust's `str::trim` does.
    static func trimWhitespace(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }) else { return text[text.endIndex...] }
        guard let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return text[text.endIndex...] }
        return Substring(scalars[first...last])
    }

    static func trimASCIISpace(_ text: Substring) -> Substring {
        text.drop(while: { $0.isASCIIWhitespaceLike }).reversed().drop(while: { $0.isASCIIWhitespaceLike }).reversed()
            .reduce(into: Substring()) { $0.append($1) }
    }
}

extension Character {
    /// Space, tab, CR or LF (nom's `multispace`).
    var isASCIIWhitespaceLike: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\r\n" }
}

extension Substring {
    /// `rsplitn(3, ':')`: the last part, then the one before it, then everything before that.
    func rsplitThree(_ separator: Character) -> (name: Substring, namespace: Substring?, channel: Substring?) {
        guard let last = lastIndex(of: separator) else { return (self, nil, nil) }
        let name = self[index(after: last)...]
        let before = self[..<last]
        guard let second = before.lastIndex(of: separator) else { return (name, before, nil) }
        return (name, before[before.index(after: second)...], before[..<second])
    }
}
