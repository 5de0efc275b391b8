import CondaPackaging
import XCTest

final class MatchSpecTests: XCTestCase {
    private let numpy = PackageRecord(
        fileName: "numpy-1.11.3-py27h1b885b7_8.tar.bz2", name: "numpy", version: "1.11.3", build: "py27h1b885b7_8",
        buildNumber: 8, subdir: "linux-64", md5: "59a08a48752ade87ab6597731ba6235b", license: "BSD 3-Clause",
        trackFeatures: ["mkl"])

    func testVersionPositionSemantics() throws {
        XCTAssertEqual(try MatchSpec("numpy 1.2").version?.description, "==1.2")
        XCTAssertEqual(try MatchSpec("numpy=1.2").version?.description, "1.2.*")
        XCTAssertEqual(try MatchSpec("numpy==1.2").version?.description, "==1.2")
        XCTAssertEqual(try MatchSpec("numpy 1.2*").version?.description, "1.2.*")
        XCTAssertEqual(try MatchSpec("numpy=1.2=py38*").version?.description, "==1.2")
        XCTAssertEqual(try MatchSpec("numpy=1.2=py38*").build?.description, "py38*")
        XCTAssertEqual(try MatchSpec("numpy >=1.20,<1.22").version?.description, ">=1.20,<1.22")
        XCTAssertEqual(try MatchSpec("numpy>=1.20,<1.22").version?.description, ">=1.20,<1.22")
        XCTAssertEqual(try MatchSpec("numpy >= 1.20, < 1.22 py3*").build?.description, "py3*")
        XCTAssertEqual(try MatchSpec("numpy=1.2,<2").version?.description, "1.2.*,<2")
        XCTAssertEqual(try MatchSpec("python 3.9.* *_cp39").build?.description, "*_cp39")
    }

    func testNamesChannelsAndBrackets() throws {
        let spec = try MatchSpec("conda-forge/linux-64::NumPy[version='>=1.11', build=\"py27*\", build_number=\">=3\"]")
        XCTAssertEqual(spec.name, "numpy")
        XCTAssertEqual(spec.channel, "conda-forge")
        XCTAssertEqual(spec.subdir, "linux-64")
        XCTAssertEqual(spec.version?.description, ">=1.11")
        XCTAssertEqual(spec.build?.description, "py27*")
        XCTAssertEqual(spec.buildNumber?.description, ">=3")
        XCTAssertTrue(spec.matches(numpy))
        XCTAssertEqual(try MatchSpec("https://conda.anaconda.org/conda-forge::numpy").channel, "https://conda.anaconda.org/conda-forge")
        XCTAssertEqual(try MatchSpec("numpy >=1.12[version=\">=1.11\"]").version?.description, ">=1.11", "brackets win")
        let star = try MatchSpec("*")
        XCTAssertNil(star.name)
        XCTAssertTrue(star.matches(numpy))
        XCTAssertTrue(try MatchSpec("num*").matchesName("NumPy"))
        XCTAssertEqual(try MatchSpec("numpy # a comment").name, "numpy")
    }

    func testMatchingFields() throws {
        XCTAssertTrue(try MatchSpec("numpy 1.11.3 py27h1b885b7_8").matches(numpy))
        XCTAssertTrue(try MatchSpec("numpy 1.11").matches(numpy) == false, "==1.11 is not 1.11.3")
        XCTAssertTrue(try MatchSpec("numpy=1.11").matches(numpy))
        XCTAssertTrue(try MatchSpec("numpy * *_8").matches(numpy))
        XCTAssertFalse(try MatchSpec("numpy * *_9").matches(numpy))
        XCTAssertTrue(try MatchSpec("numpy[md5=59A08A48752ADE87AB6597731BA6235B]").matches(numpy))
        XCTAssertFalse(try MatchSpec("numpy[license=MIT]").matches(numpy))
        XCTAssertTrue(try MatchSpec("numpy[track_features=mkl]").matches(numpy))
        XCTAssertTrue(try MatchSpec("numpy[build=\"^py27h.*_8$\"]").matches(numpy))
        XCTAssertFalse(try MatchSpec("numpy[build=\"^py27\"]").matches(numpy), "without $ it is the literal text")
        XCTAssertTrue(try MatchSpec("numpy[subdir=win-64]").matches(numpy), "subdir is not compared, as in rattler")
        XCTAssertFalse(try MatchSpec("scipy").matches(numpy))
    }

    func testRejectedSpecsCarryAMessage() {
        for text in ["", "numpy==", "numpy[version]", "numpy]", "numpy[foo=1]", "num+py", "numpy; if x", "a:b:c:numpy",
                     "numpy[md5=abc]", "numpy[build_number=\"~=8\"]", "numpy [version=1] [build=2]"] {
            XCTAssertThrowsError(try MatchSpec(text), text.debugDescription) { error in
                let error = error as? MatchSpecError
                XCTAssertEqual(error?.input, text)
                XCTAssertFalse(error?.message.isEmpty ?? true)
            }
        }
    }

    func testURLSpecTakesTheNameFromTheFile() throws {
        let spec = try MatchSpec("https://x.org/c/linux-64/numpy-1.11.3-py27h1b885b7_8.tar.bz2")
        XCTAssertEqual(spec.name, "numpy")
        XCTAssertEqual(spec.url, "https://x.org/c/linux-64/numpy-1.11.3-py27h1b885b7_8.tar.bz2")
        XCTAssertThrowsError(try MatchSpec("http://x.org/a.tar.bz2"))
    }

    func testDescription() throws {
        XCTAssertEqual(try MatchSpec("conda-forge/linux-64::numpy>=1.2,<2 py3*").description,
                       "conda-forge/linux-64::numpy >=1.2,<2 py3*")
        XCTAssertEqual(try MatchSpec("numpy[build_number=3]").description, "numpy[build_number=\"==3\"]")
    }
}
