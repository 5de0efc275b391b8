import Foundation
import Transport
import XCTest

/// `Memo`: answers computed once, the first one kept, nil answers remembered too.
final class MemoTests: XCTestCase {
    func testComputesOnceAndRemembersNil() {
        let memo = Memo<String, Int?>()
        var calls = 0
        XCTAssertEqual(memo.value(for: "a") { calls += 1; return 1 }, 1)
        XCTAssertEqual(memo.value(for: "a") { calls += 1; return 2 }, 1)
        XCTAssertNil(memo.value(for: "none") { calls += 1; return nil })
        XCTAssertNil(memo.value(for: "none") { calls += 1; return 3 }, "a nil answer is an answer")
        let kept: Int?? = memo["none"]
        XCTAssertTrue(kept != nil && kept! == nil)
        XCTAssertEqual(calls, 2)
        XCTAssertEqual(memo.count, 2)
    }

    func testStoreReplacesAndKeepDoesNot() {
        let memo = Memo<String, Int>()
        XCTAssertNil(memo["k"])
        XCTAssertEqual(memo.keep(1, for: "k"), 1)
        XCTAssertEqual(memo.keep(2, for: "k"), 1)
        memo.store(3, for: "k")
        XCTAssertEqual(memo.value(for: "k"), 3)
    }

    func testACopyGoesItsOwnWay() {
        let memo = Memo<Int, String>()
        memo.store("one", for: 1)
        let copy = Memo(copying: memo)
        memo.store("two", for: 2)
        copy.store("uno", for: 1)
        XCTAssertEqual(copy[1], "uno")
        XCTAssertNil(copy[2])
        XCTAssertEqual(memo[1], "one")
    }

    func testConcurrentAskersGetTheOneValueKept() {
        final class Box: Sendable {}
        let memo = Memo<Int, Box>()
        let seen = Memo<Int, ObjectIdentifier>()
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let box = memo.value(for: i % 4) { Box() }
            let first = seen.keep(ObjectIdentifier(box), for: i % 4)
            XCTAssertEqual(first, ObjectIdentifier(box))
        }
        XCTAssertEqual(memo.count, 4)
    }
}
