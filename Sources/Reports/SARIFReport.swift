import Checks
import Resolver

/// `preflight check --format sarif`: a SARIF 2.1.0 log for code-scanning services (GitHub code
/// scanning, Azure DevOps) and editors; one run, or with `SARIFCodeScanning` one run per target.
///
/// One rule per finding code that occurs, in `FindingCode.allCases` order so rule indexes are
/// stable; one result per finding. Locations are the finding's path without `./` segments, made a valid URI
/// reference (percent-encoded; an absolute path becomes a `file://` URI). Columns count Unicode
/// scalars, as the spec readers do, hence `columnKind` `unicodeCodePoints`.
package enum SARIFReport {
    package static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    package static let sarifVersion = "2.1.0"

    /// The SARIF log. `toolVersion` goes to `tool.driver.version` (omitted when empty);
    /// `informationURI` is the tool's home page (`tool.driver.informationUri`); omitted when nil.
    /// With `codeScanning`, the log is laid out for GitHub code scanning (see `SARIFCodeScanning`):
    /// a run per target with its `automationDetails`, fingerprints, paths relative to the checkout.
    /// Without it, one run holds every result, for editors and viewers that show a single run.
    package static func sarif(_ report: CheckReport, toolVersion: String, informationURI: String? = nil,
                             codeScanning: SARIFCodeScanning? = nil) -> JSONValue {
        let runs: [JSONValue]
        if let codeScanning {
            runs = codeScanning.runs(report).map { run in
                self.run(run.findings, toolVersion: toolVersion, informationURI: informationURI,
                         codeScanning: codeScanning, automationID: codeScanning.automationID(for: run.target))
            }
        } else {
            runs = [run(report.specs.flatMap(\.findings), toolVersion: toolVersion, informationURI: informationURI,
                        codeScanning: nil, automationID: nil)]
        }
        return .object([
            ("$schema", .string(schemaURI)),
            ("version", .string(sarifVersion)),
            ("runs", .array(runs)),
        ])
    }

    static func run(_ findings: [Finding], toolVersion: String, informationURI: String?,
                    codeScanning: SARIFCodeScanning?, automationID: String?) -> JSONValue {
        let used = Set(findings.map(\.code))
        let rules = FindingCode.allCases.filter(used.contains)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })

        var driver: [(String, JSONValue)] = [("name", .string("preflight"))]
        if !toolVersion.isEmpty { driver.append(("version", .string(toolVersion))) }
        if let informationURI { driver.append(("informationUri", .string(informationURI))) }
        driver.append(("rules", .array(rules.map(rule))))

        var fields: [(String, JSONValue)] = [("tool", .object([("driver", .object(driver))]))]
        if let automationID { fields.append(("automationDetails", .object([("id", .string(automationID))]))) }
        fields.append(("columnKind", .string("unicodeCodePoints")))
        fields.append(("results", .array(findings.map {
            result($0, ruleIndex: ruleIndex[$0.code] ?? -1, codeScanning: codeScanning)
        })))
        return .object(fields)
    }

    /// A `reportingDescriptor` for one finding code.
    static func rule(_ code: FindingCode) -> JSONValue {
        .object([
            ("id", .string(code.rawValue)),
            ("name", .string(pascalCase(code.rawValue))),
            ("shortDescription", .object([("text", .string(shortDescription(code)))])),
            ("fullDescription", .object([("text", .string(code.help))])),
            ("help", .object([("text", .string(code.help))])),
            ("defaultConfiguration", .object([("level", .string(code.defaultSeverity.noteLevel))])),
        ])
    }

    static func physicalLocation(path: String, line: Int?, column: Int?, root: String? = nil) -> JSONValue {
        let uri = uriReference(RepositoryPath.relative(path, root: root))
        var physical: [(String, JSONValue)] = [("artifactLocation", .object([("uri", .string(uri))]))]
        if let line, line >= 1 {
            var region: [(String, JSONValue)] = [("startLine", .int(line))]
            if let column, column >= 1 { region.append(("startColumn", .int(column))) }
            physical.append(("region", .object(region)))
        }
        return .object(physical)
    }

    static func result(_ f: Finding, ruleIndex: Int, codeScanning: SARIFCodeScanning? = nil) -> JSONValue {
        let root = codeScanning?.root
        var properties: [(String, JSONValue)] = []
        if let package = f.package { properties.append(("package", .string(package))) }
        if let requirement = f.requirement { properties.append(("requirement", .string(requirement))) }
        if let source = f.source { properties.append(("source", .string(source))) }
        properties.append(("via", .strings(f.via)))
        if let target = f.target { properties.append(("target", CheckJSONReport.targetJSON(target))) }
        if !f.targets.isEmpty { properties.append(("targets", .array(f.targets.map(CheckJSONReport.targetJSON)))) }
        if !f.packages.isEmpty { properties.append(("packages", .strings(f.packages))) }
        if !f.lines.isEmpty { properties.append(("lines", .array(f.lines.map(JSONValue.int)))) }
        if !f.unknownPackages.isEmpty { properties.append(("unknown_packages", .strings(f.unknownPackages))) }
        properties.append(("suggestions", .strings(f.suggestions)))

        var fields: [(String, JSONValue)] = [
            ("ruleId", .string(f.code.rawValue)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(f.severity.noteLevel)),
            ("message", .object([("text", .string(messageText(f)))])),
            ("locations", .array([.object([("physicalLocation", physicalLocation(path: f.path, line: f.line, column: f.column, root: root))])])),
        ]
        if !f.related.isEmpty {
            fields.append(("relatedLocations", .array(f.related.enumerated().map { index, place in
                .object([
                    ("id", .int(index)),
                    ("physicalLocation", physicalLocation(path: place.path, line: place.line, column: place.column, root: root)),
                    ("message", .object([("text", .string(place.requirement))])),
                ])
            })))
        }
        if codeScanning != nil {
            let fingerprint = SARIFCodeScanning.fingerprint(f, path: RepositoryPath.relative(f.path, root: root))
            fields.append(("partialFingerprints", .object([(SARIFCodeScanning.fingerprintKey, .string(fingerprint))])))
        }
        fields.append(("properties", .object(properties)))
        return .object(fields)
    }

    /// The finding's message, with the chain and the suggestions, which code-scanning UIs
    /// do not show from `properties`.
    static func messageText(_ f: Finding) -> String {
        var text = f.message
        if !f.chain.isEmpty { text += "\nvia: " + f.chain.joined(separator: " → ") }
        if !f.suggestions.isEmpty { text += "\ntry: " + f.suggestions.joined(separator: ", ") }
        return text
    }

    /// The one-line meaning of a code as the finding-code table states it; the full `help` for codes added later.
    static func shortDescription(_ code: FindingCode) -> String {
        switch code {
        case .packageNotFound: return "No such package in any configured index or channel"
        case .versionNotFound: return "No version satisfies the requirement"
        case .requiresPython: return "No matching version supports the target Python"
        case .noCompatibleDistribution: return "No wheel or conda record for the target platform and Python"
        case .sdistOnly: return "Only a source distribution fits the target"
        case .yanked: return "The pinned version is yanked"
        case .dependencyNotFound: return "A dependency cannot be satisfied for the target"
        case .hashMismatch: return "A --hash matches no published file"
        case .pipNotListed: return "pip: section without a pip dependency"
        case .pipUnpinned: return "pip is not pinned"
        case .condaPipOverlap: return "Package installed by both conda and pip"
        case .sourceUnreachable: return "An index or channel could not be reached"
        case .invalidSpec: return "The spec or a line of it cannot be parsed"
        case .unverifiableReference: return "URL, VCS, local-path or local-build requirement no index can answer for"
        case .dependencyConfusion: return "Package name served by more than one index"
        case .dependenciesUnknown: return "The dependencies of a package could not be read"
        case .shellRedirection: return "Unquoted version limit in a shell command"
        case .unsatisfiable: return "The requirements cannot be installed together"
        case .pipOldResolver: return "pip is pinned below 20.3 (old resolver)"
        case .resolutionTooComplex: return "The resolution stopped at its limit"
        case .backtrackLimit: return "Older versions were not checked past the walk's limit"
        case .placeholderPackage: return "A placeholder or standard-library backport instead of the real package"
        }
    }

    /// `dependency-not-found` → `DependencyNotFound` (SARIF's suggested form of a rule name).
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// A path as a URI reference (RFC 3986): unreserved characters and `/` stay, everything
    /// else is percent-encoded as UTF-8 — so a `:` in the first segment cannot read as a scheme,
    /// and `%`, `#`, `?` and spaces cannot change the meaning. Absolute paths become `file://` URIs.
    static func uriReference(_ path: String) -> String {
        var out = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
