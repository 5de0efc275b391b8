/// A set of a package's candidates, by their index in the provider's preference order.
///
/// Every package has a finite universe (the candidates its provider lists), so a version range
/// is a bit set over it: intersections, unions and complements are word operations, and no
/// ecosystem's version syntax reaches the solver.
package struct CandidateSet: Hashable, Sendable {
    /// How many candidates the package has; the set's complement is taken within them.
    package let universe: Int
    private var words: [UInt64]

    package init(universe: Int) {
        self.universe = universe
        words = [UInt64](repeating: 0, count: (universe + 63) / 64)
    }

    package init<S: Sequence>(universe: Int, members: S) where S.Element == Int {
        self.init(universe: universe)
        for index in members { insert(index) }
    }

    package static func full(_ universe: Int) -> CandidateSet { CandidateSet(universe: universe).complement }
    package static func single(_ index: Int, universe: Int) -> CandidateSet { CandidateSet(universe: universe, members: [index]) }

    package mutating func insert(_ index: Int) {
        precondition(index >= 0 && index < universe, "candidate \(index) outside 0..<\(universe)")
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    package func contains(_ index: Int) -> Bool {
        index >= 0 && index < universe && words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    package var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
    package var isFull: Bool { count == universe }
    package var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The most preferred member.
    package var first: Int? {
        for (i, word) in words.enumerated() where word != 0 { return i * 64 + word.trailingZeroBitCount }
        return nil
    }

    /// Members in preference order.
    package var members: [Int] {
        var out: [Int] = []
        for (i, word) in words.enumerated() {
            var w = word
            while w != 0 {
                out.append(i * 64 + w.trailingZeroBitCount)
                w &= w - 1
            }
        }
        return out
    }

    package var complement: CandidateSet {
        var out = self
        for i in out.words.indices { out.words[i] = ~out.words[i] }
        let spare = out.words.count * 64 - universe
        if spare > 0 { out.words[out.words.count - 1] &= UInt64.max >> UInt64(spare) }
        return out
    }

    package func intersection(_ other: CandidateSet) -> CandidateSet { combine(other, &) }
    package func union(_ other: CandidateSet) -> CandidateSet { combine(other, |) }
    package func subtracting(_ other: CandidateSet) -> CandidateSet { combine(other) { $0 & ~$1 } }
    // The solver asks these of every term it propagates: answered word by word, without
    // building the set they test.
    package func isSubset(of other: CandidateSet) -> Bool { noWord(other) { $0 & ~$1 } }
    package func isDisjoint(with other: CandidateSet) -> Bool { noWord(other, &) }

    /// True when `op` of every pair of words is zero.
    private func noWord(_ other: CandidateSet, _ op: (UInt64, UInt64) -> UInt64) -> Bool {
        precondition(universe == other.universe, "sets over different universes")
        for i in words.indices where op(words[i], other.words[i]) != 0 { return false }
        return true
    }

    private func combine(_ other: CandidateSet, _ op: (UInt64, UInt64) -> UInt64) -> CandidateSet {
        precondition(universe == other.universe, "sets over different universes")
        var out = self
        for i in out.words.indices { out.words[i] = op(words[i], other.words[i]) }
        return out
    }
}
