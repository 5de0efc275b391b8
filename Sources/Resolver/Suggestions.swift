/// "Did you mean": close names by edit distance, best first.
package enum Suggestions {
    /// Up to `limit` names within a small edit distance of `name` (both compared normalized).
    package static func closeNames(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
        let target = Array(name.utf8)
        guard !target.isEmpty else { return [] }
        let maxDistance = target.count <= 4 ? 1 : target.count <= 8 ? 2 : 3
        var scored: [(Int, String)] = []
        for candidate in candidates {
            let bytes = Array(candidate.utf8)
            guard abs(bytes.count - target.count) <= maxDistance, candidate != name else { continue }
            if let d = distance(target, bytes, limit: maxDistance) { scored.append((d, candidate)) }
        }
        // Also names that merely add a common prefix/suffix (`torch` → `pytorch`, `yaml` → `pyyaml`).
        for candidate in candidates where candidate != name && candidate.count <= name.count + 7 {
            if candidate == "py" + name || candidate == "python-" + name || candidate == name + "-python" || candidate == "py-" + name {
                scored.append((1, candidate))
            }
        }
        var seen = Set<String>()
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .compactMap { seen.insert($0.1).inserted ? $0.1 : nil }
            .prefix(limit).map { $0 }
    }

    /// Damerau–Levenshtein (optimal string alignment) distance, or nil when above `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        if a.isEmpty { return b.count <= limit ? b.count : nil }
        if b.isEmpty { return a.count <= limit ? a.count : nil }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
