import Checks
import Foundation
import Registries
import Resolver
import Specs
import XCTest

/// The spec memo's key names every check option (`CheckRunner.Options.fingerprint`): a changed
/// option is another key, so no replay answers for other options, and an option added later
/// counts without anyone having to remember it.
final class CheckOptionsFingerprintTests: XCTestCase {
    typealias Options = CheckRunner.Options

    /// One change per stored property of the options and of their target matrix.
    var changes: [(field: String, change: (inout Options) -> Void)] {
        [
            ("matrix.pythons", { $0.matrix.pythons = ["3.11"] }),
            ("matrix.platforms", { $0.matrix.platforms = ["osx-arm64"] }),
            ("matrix.glibc", { $0.matrix.glibc = "2.28" }),
            ("matrix.macos", { $0.matrix.macos = "12.0" }),
            ("matrix.cuda", { $0.matrix.cuda = "12.1" }),
            ("kind", { $0.kind = .pipRequirements }),
            ("allowSdist", { $0.allowSdist.toggle() }),
            ("transitive", { $0.transitive.toggle() }),
            ("resolve", { $0.resolve.toggle() }),
            ("strictChannelPriority", { $0.strictChannelPriority.toggle() }),
            ("flexibleChannelOrder", { $0.flexibleChannelOrder.toggle() }),
            ("indexURLs", { $0.indexURLs = ["https://mirror.example/simple"] }),
            ("channels", { $0.channels = ["bioconda"] }),
            ("overrideChannels", { $0.overrideChannels.toggle() }),
            ("findLinks", { $0.findLinks = ["./wheels"] }),
        ]
    }

    /// The stored properties, the matrix's by theirs (`matrix.pythons`).
    func fields(of value: Any, prefix: String = "") -> [String] {
        Mirror(reflecting: value).children.flatMap { child -> [String] in
            let name = prefix + (child.label ?? "?")
            return child.value is TargetMatrix ? fields(of: child.value, prefix: name + ".") : [name]
        }
    }

    func testEveryOptionHasAChangeBelow() {
        XCTAssertEqual(Set(fields(of: Options())), Set(changes.map(\.field)),
                       "an option was added or removed: give it a change in `changes`")
    }

    func testEveryChangeGivesAnotherKey() {
        let defaults = Options().fingerprint
        XCTAssertEqual(Options().fingerprint, defaults, "the same options, the same key")
        var seen = [defaults: "the defaults"]
        for (field, change) in changes {
            var options = Options()
            change(&options)
            let key = options.fingerprint
            XCTAssertNil(seen[key], "changing \(field) gives the key of \(seen[key] ?? "")")
            seen[key] = field
        }
        XCTAssertEqual(seen.count, changes.count + 1)
    }
}
