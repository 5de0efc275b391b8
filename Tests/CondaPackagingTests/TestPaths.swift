import Foundation
import XCTest

/// Where the tests find their data: vectors beside this file, fixtures in `../shared` next
/// to the package root.
enum TestPaths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let vectors = testsFolder.appendingPathComponent("Vectors")
    static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let condaFixtures = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/conda")

    /// Loads a vector file as a JSON object.
    static func vectorObject(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: vectors.appendingPathComponent(name))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "vectors", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(name) is not an object"])
        }
        return object
    }

    /// The conda fixtures folder, or a skip with a clear message when it is absent (a clone
    /// outside the workspace).
    static func requireCondaFixtures() throws -> URL {
        guard FileManager.default.fileExists(atPath: condaFixtures.path) else {
            throw XCTSkip("conda fixtures not found at \(condaFixtures.path) (../shared/fixtures/conda next to the package root)")
        }
        return condaFixtures
    }
}

/// Collects mismatches and reports the first few with their count, so a broken vector
/// shows what differs instead of thousands of lines.
struct MismatchReport {
    let title: String
    private(set) var checked = 0
    private(set) var mismatches: [String] = []

    init(_ title: String) { self.title = title }

    mutating func check(_ agrees: Bool, _ message: @autoclosure () -> String) {
        checked += 1
        if !agrees { mismatches.append(message()) }
    }

    func assertClean(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertGreaterThan(checked, 0, "\(title): no cases were checked", file: file, line: line)
        if !mismatches.isEmpty {
            let shown = mismatches.prefix(25).joined(separator: "\n  ")
            XCTFail("\(title): \(mismatches.count) of \(checked) cases disagree with the reference:\n  \(shown)",
                    file: file, line: line)
        }
    }
}
