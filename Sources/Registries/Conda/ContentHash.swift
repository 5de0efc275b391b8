/// A fast 64-bit non-cryptographic checksum, used to notice a damaged compact index (a flipped
/// or truncated byte) cheaply on every read. Not a defence against deliberate tampering: the
/// cache directory is the user's own.
///
/// Four independent lanes over 32-byte blocks: the table of a conda-forge-sized index (~3.4 MB)
/// is checked on every open of a warm lookup, where one serial multiply chain cost ~1 ms.
enum ContentHash {
    private static let k: UInt64 = 0x9E37_79B9_7F4A_7C15

    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        var lanes = (seed ^ (UInt64(count) &* k), seed &+ k, seed ^ 0xBF58_476D_1CE4_E5B9, seed &- k)
        guard let base = bytes.baseAddress else { return finalize(lanes.0) }
        var offset = 0
        while offset + 32 <= count {
            lanes.0 = step(lanes.0, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = step(lanes.1, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = step(lanes.2, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = step(lanes.3, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        var h = step(step(step(lanes.0, lanes.1), lanes.2), lanes.3)
        while offset + 8 <= count {
            h = step(h, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
            shift += 8
            offset += 1
        }
        return finalize(step(h, tail))
    }

    private static func step(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (h ^ mix(word)) &* k
        return (mixed << 27) | (mixed >> 37)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        return x
    }

    private static func finalize(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
