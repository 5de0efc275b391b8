import Foundation
import Yams

/// Guesses a spec's kind from its file name first (`SpecFileNames`) and its contents second.
enum KindDetector {
    static func detect(path: String, contents: String) -> SpecKind? {
        let lower = FilePaths.baseName(path).lowercased()
        if let detection = SpecFileNames.detection(forName: lower) {
            return detection.kind(contents: contents, lowercasedName: lower)
        }
        // No telling name: try the contents.
        if looksLikeDockerfile(contents) { return .dockerfile }
        if looksLikeAzureMLV1(contents), contents.trimmingPythonWhitespace().hasPrefix("{") { return .azuremlEnvironmentV1 }
        if let kind = yamlKind(contents, fileName: lower, guessFromName: false) { return kind }
        if looksLikeRequirements(contents) { return .pipRequirements }
        return nil
    }

    /// The kind of a YAML spec from its top-level keys.
    static func yamlKind(_ contents: String, fileName: String, guessFromName: Bool = true) -> SpecKind? {
        let text = SourceText(path: fileName, string: contents)
        let document = YAMLDocument.load(text)
        if let root = document.root {
            guard let pairs = YAMLDocument.pairs(root) else { return nil }
            var keys: [String: Node] = [:]
            for pair in pairs where keys[pair.key] == nil { keys[pair.key] = pair.value }
            let schema = keys["$schema"].flatMap(YAMLDocument.string)
            return kind(keys: Set(keys.keys), schema: schema)
        }
        guard document.hasSyntaxError || !document.problems.isEmpty else { return nil }
        // Broken YAML: guess from the keys that start lines, then from the name.
        var keys = Set<String>()
        var schema: String? = nil
        for line in contents.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            guard let first = line.first, first != " ", first != "\t", first != "#", first != "-",
                  let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            keys.insert(key)
            if key == "$schema" { schema = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces) }
        }
        if let kind = kind(keys: keys, schema: schema) { return kind }
        guard guessFromName else { return nil }
        if fileName.contains("conda") || fileName.hasPrefix("env") || fileName.contains("environment") {
            return .condaEnvironment
        }
        return nil
    }

    private static func kind(keys: Set<String>, schema: String?) -> SpecKind? {
        if let schema {
            return schema.hasSuffix("environment.schema.json") ? .azuremlEnvironment : nil
        }
        if keys.contains("flavors") { return nil }
        if keys.contains("conda_file") || keys.contains("build")
            || keys.contains("image") && !keys.contains("dependencies") {
            return .azuremlEnvironment
        }
        if keys.contains("python"), !keys.contains("channels"),
           keys.contains("build_dependencies") || keys.contains("dependencies") {
            return .mlflowPythonEnv
        }
        if keys.contains("dependencies") || keys.contains("channels") { return .condaEnvironment }
        return nil
    }

    static func looksLikeAzureMLV1(_ contents: String) -> Bool {
        contents.contains("\"condaDependencies\"") || contents.contains("\"userManagedDependencies\"")
    }

    /// The first instruction (after comments, blank lines and `ARG`) is `FROM`.
    private static func looksLikeDockerfile(_ contents: String) -> Bool {
        for line in contents.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let word = trimmed.prefix(while: { !$0.isWhitespace }).uppercased()
            if word == "ARG" { continue }
            return word == "FROM" && trimmed.count > 5
        }
        return false
    }

    /// Every line that is not blank or a comment starts like a requirement or a pip option.
    private static func looksLikeRequirements(_ contents: String) -> Bool {
        var sawRequirement = false
        for line in contents.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let first = trimmed.unicodeScalars.first else { continue }
            let startsLikeName = ("a"..."z").contains(first) || ("A"..."Z").contains(first) || ("0"..."9").contains(first)
            guard startsLikeName || first == "-" || first == "." || first == "/" else { return false }
            if trimmed.contains(": ") || trimmed.hasSuffix(":") { return false }
            sawRequirement = true
        }
        return sawRequirement
    }
}
