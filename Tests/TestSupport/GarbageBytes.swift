/// Deterministic pseudo-random bytes (xorshift64*), so a garbage reply is the same in every run.
enum GarbageBytes {
    static func make(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed == 0 ? 1 : seed
        var bytes = [UInt8]()
        bytes.reserveCapacity(max(0, count))
        for _ in 0..<max(0, count) {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            bytes.append(UInt8(truncatingIfNeeded: (state &* 0x2545_F491_4F6C_DD1D) >> 56))
        }
        return bytes
    }

    /// Junk that cannot be mistaken for a status line: it starts with bytes no HTTP response has.
    static func notHTTP(count: Int) -> [UInt8] {
        let prefix: [UInt8] = [0x00, 0xFF, 0x7F, 0x1B]
        return Array((prefix + make(count: max(0, count - prefix.count))).prefix(max(count, 1)))
    }
}
