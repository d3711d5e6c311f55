/// The stable hashing behind stream seeds: FNV-1a to turn a key name into 64
/// bits, SplitMix64's finaliser to mix. Both are fixed, published functions, so
/// a seed derived today is the seed derived by any later process or build
/// (unlike Swift's `hashValue`, which is randomised per process).
enum SeedMixer {
    /// The SplitMix64 output function (Steele, Lea & Flood 2014): a bijection
    /// on 64 bits with full avalanche.
    static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The 64-bit seed of the stream `key` in replication `replication` of
    /// the experiment seeded with `masterSeed`:
    /// `m(m(m(master) ^ replication) ^ fnv1a64(key.canonicalName))`, with
    /// `m` = SplitMix64 and the replication index taken as its two's-complement
    /// bit pattern.
    static func seed(masterSeed: UInt64, replication: Int, key: StreamKey) -> UInt64 {
        var state = splitMix64(masterSeed)
        state = splitMix64(state ^ UInt64(bitPattern: Int64(replication)))
        return splitMix64(state ^ fnv1a64(key.canonicalName))
    }

    /// Folds a 64-bit seed to the 32 bits GSL's generators read from their seed
    /// (high half XOR low half, so every input bit counts).
    static func fold32(_ seed: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: seed ^ (seed >> 32))
    }
}
