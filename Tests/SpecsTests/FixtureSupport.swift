import Foundation
import XCTest
@testable import Specs

/// Where the test data is: this folder's `Fixtures`, and the shared corpus beside the
/// package (`../shared`), found from this file's real path.
enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    static let directory = testsDirectory.appendingPathComponent("Fixtures")
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        directory.appendingPathComponent(relative).path
    }

    static func read(_ relative: String, kind: SpecKind? = nil, environment: [String: String] = [:]) throws -> ParsedSpec {
        try SpecReader.read(path: path(relative), kind: kind, environment: environment)
    }

    /// A path relative to the fixtures folder, for short assertions.
    static func relative(_ path: String) -> String {
        let prefix = directory.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The shared corpus of real specs; skips the test when it is not there.
    static func corpus() throws -> URL {
        let corpus = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/corpus/azureml-examples")
        guard FileManager.default.fileExists(atPath: corpus.path) else {
            throw XCTSkip("the shared corpus is not at \(corpus.path) (it lives in ../shared beside the package)")
        }
        return corpus
    }
}

extension SourcePosition {
    /// `file:line:column` with the file relative to the fixtures folder.
    var short: String { "\(Fixtures.relative(path)):\(line):\(column)" }
}

extension SpecRequirement {
    /// `file:line:column text`, plus markers for what is unusual about it.
    var summary: String {
        var text = "\(position.short) \(self.text)"
        if isEditable { text += " [editable]" }
        if isConstraint { text += " [constraint]" }
        if !hashes.isEmpty { text += " " + hashes.joined(separator: ",") }
        return text
    }
}

extension SpecProblem {
    var summary: String { "\(position.short) \(message)" }
}

extension SpecNote {
    var summary: String { "\(position.short) \(kind.rawValue)" }
}
