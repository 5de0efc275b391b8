import XCTest
@testable import Specs

final class PyprojectTests: XCTestCase {
    func testProjectDependenciesExtrasGroupsAndBuildRequirements() throws {
        let spec = try Fixtures.read("pyproject/pyproject.toml")
        XCTAssertEqual(spec.kind, .pyproject)
        XCTAssertEqual(spec.name, "demo")
        XCTAssertEqual(spec.pythonPin?.text, ">=3.9")
        XCTAssertEqual(spec.pythonPin?.source, .requiresPython)
        XCTAssertNil(spec.pythonPin?.version)
        XCTAssertEqual(spec.pythonPin?.position.short, "pyproject/pyproject.toml:7:20")
        XCTAssertEqual(spec.pipRequirements.map { "\($0.summary) (\($0.section ?? "-"))" }, [
            "pyproject/pyproject.toml:10:6 requests>=2.31 (dependencies)",
            "pyproject/pyproject.toml:11:6 literal-string==1.0 (dependencies)",
            "pyproject/pyproject.toml:12:8 multi-line-basic>=1 (dependencies)",
            "pyproject/pyproject.toml:13:6 escaped-name (dependencies)",
            "pyproject/pyproject.toml:16:6 markers; python_version < '3.11' (dependencies)",
            "pyproject/pyproject.toml:20:9 pytest>=7 (optional-dependencies.dev)",
            "pyproject/pyproject.toml:20:22 ruff (optional-dependencies.dev)",
            "pyproject/pyproject.toml:22:4 sphinx (optional-dependencies.docs)",
            "pyproject/pyproject.toml:41:10 coverage (dependency-groups.test)",
            "pyproject/pyproject.toml:42:10 flake8 (dependency-groups.lint)",
            "pyproject/pyproject.toml:2:14 setuptools>=68 (build-system.requires)",
            "pyproject/pyproject.toml:2:32 wheel (build-system.requires)",
        ])
        XCTAssertEqual(spec.problems.count, 0)
        XCTAssertEqual(spec.notes.map(\.summary), ["pyproject/pyproject.toml:8:24 dynamic-dependencies"])
    }

    func testSyntaxErrorKeepsWhatCameBefore() throws {
        let spec = try Fixtures.read("pyproject/broken/pyproject.toml")
        XCTAssertEqual(spec.problems.map(\.summary),
                       ["pyproject/broken/pyproject.toml:3:3 TOML syntax error: invalid value 'bare-word' (strings need quotes)"])
        XCTAssertEqual(spec.pipRequirements.map(\.text), [])
        let duplicate = try Fixtures.read("pyproject/duplicate/pyproject.toml")
        XCTAssertEqual(duplicate.problems.map(\.summary),
                       ["pyproject/duplicate/pyproject.toml:3:1 TOML syntax error: duplicate key 'name'"])
        XCTAssertEqual(duplicate.name, "a")
    }

    private func parse(_ text: String) -> (SpecTree, TOMLScanner.Failure?) {
        TOMLScanner.parse(SourceText(path: "t.toml", string: text))
    }

    func testTOMLStringsAndStructure() {
        let (tree, failure) = parse("""
        a.b = "x\\ty\\u00E9"
        "quoted key".'lit' = 'C:\\dir'
        ml = \"\"\"
        one \\
           two\"\"\"\"
        ml2 = '''
        raw\\n'''''
        [t]
        arr = [ [1, 2], ["s"], { k = "v" }, ]  # trailing comma
        [[aot]]
        n = 1
        [[aot]]
        n = 2
        """)
        XCTAssertNil(failure)
        XCTAssertEqual(tree["a"]?.value["b"]?.value.string, "x\tyé")
        XCTAssertEqual(tree["quoted key"]?.value["lit"]?.value.string, "C:\\dir")
        XCTAssertEqual(tree["ml"]?.value.string, "one two\"")
        XCTAssertEqual(tree["ml2"]?.value.string, "raw\\n''")
        XCTAssertEqual(tree["t"]?.value["arr"]?.value.items?.count, 3)
        XCTAssertEqual(tree["t"]?.value["arr"]?.value.items?[2]["k"]?.value.string, "v")
        XCTAssertEqual(tree["aot"]?.value.items?.compactMap { $0["n"]?.value.typedString }, ["1", "2"])
        // Positions: the escaped tab sits at the backslash, é at its \u escape.
        let value = tree["a"]?.value["b"]?.value.mappedString
        XCTAssertEqual(value?.position(at: 0).column, 8)
        XCTAssertEqual(value?.position(at: 1).column, 9)
        XCTAssertEqual(value?.position(at: 3).column, 12)
    }

    func testTOMLErrors() {
        let cases: [(String, String)] = [
            ("a = \"unterminated", "1:5"),
            ("[t]\n[t]", "2:1"),
            ("a = 1\na.b = 2", "2:1"),
            ("a = [1, 2", "1:5"),
            ("a = \"bad \\q escape\"", "1:10"),
            ("= 1", "1:1"),
            ("a = 1 b = 2", "1:7"),
            ("x = { a = 1, a = 2 }", "1:14"),
            (String(repeating: "a = [", count: 1) + String(repeating: "[", count: 1000), "1:261"),
        ]
        for (text, position) in cases {
            let (_, failure) = parse(text)
            XCTAssertNotNil(failure, text)
            if let failure { XCTAssertEqual("\(failure.position.line):\(failure.position.column)", position, text) }
        }
    }
}
