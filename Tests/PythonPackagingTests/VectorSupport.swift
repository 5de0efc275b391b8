import Foundation
import XCTest

/// Loads the conformance vectors written by scripts/vectors/python (see the README there).
enum Vectors {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Vectors")

    /// The top-level object of a vector file.
    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "Vectors", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(name) is not an object"])
        }
        return object
    }

    /// The `cases` array of a vector file.
    static func cases(_ name: String) throws -> [[String: Any]] {
        guard let cases = try load(name)["cases"] as? [[String: Any]] else {
            throw NSError(domain: "Vectors", code: 2, userInfo: [NSLocalizedDescriptionKey: "\(name) has no cases"])
        }
        return cases
    }
}

/// Collects disagreements with a vector file and reports the first few clearly.
struct MismatchLog {
    let file: String
    private(set) var count = 0
    private(set) var checked = 0
    private var first: [String] = []

    init(_ file: String) { self.file = file }

    mutating func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        checked += 1
        guard !condition else { return }
        count += 1
        if first.count < 25 { first.append(message()) }
    }

    mutating func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ context: @autoclosure () -> String) {
        check(actual == expected, "\(context()): expected \(expected), got \(actual)")
    }

    /// Fails the test when anything disagreed, listing the first mismatches.
    func report(file: StaticString = #filePath, line: UInt = #line) {
        print("\(self.file): \(checked) checks, \(count) mismatches")
        if count > 0 {
            XCTFail("\(self.file): \(count) of \(checked) checks disagree with packaging. First:\n"
                + first.joined(separator: "\n"), file: file, line: line)
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func bool(_ key: String) -> Bool { (self[key] as? Bool) ?? false }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    func strings(_ key: String) -> [String]? { self[key] as? [String] }
}

/// Python-style repr for messages, so a mismatch names the exact input.
func show(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA1) || scalar == "\"" || scalar == "\\" {
            out += scalar == "\"" ? "\\\"" : scalar == "\\" ? "\\\\" : String(format: "\\u{%x}", scalar.value)
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// Whether packaging's unescaped printing of marker values can be read back unchanged.
func printsFaithfully(_ text: String) -> Bool {
    let printable = text.unicodeScalars.allSatisfy { scalar in
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return false
        case .spaceSeparator:
            return scalar == " "
        default:
            return true
        }
    }
    return printable && !text.contains("\\")
        && !(text.contains("'") && text.contains("\""))
}
