/// A set of contact slots as bits. Visiting its members goes in slot order,
/// as a scan of every slot would, but touches one word per 64 slots: the
/// wait estimators read the contacts agents hold this way, however many wait.
/// A view of words in the core's store, which grows them with its slots, so
/// membership changes are a single bit operation.
struct SlotSet {
    private var words: Column<UInt64>

    @inline(__always) init(_ words: Column<UInt64>) { self.words = words }

    @inline(__always) mutating func insert(_ slot: Int) { words[slot >> 6] |= 1 << UInt64(slot & 63) }

    @inline(__always) mutating func remove(_ slot: Int) { words[slot >> 6] &= ~(1 << UInt64(slot & 63)) }

    func contains(_ slot: Int) -> Bool { words[slot >> 6] & (1 << UInt64(slot & 63)) != 0 }

    /// Members (a count of bits: for the estimators, not the per-event path).
    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Calls `body` with each member, in increasing order.
    @inline(__always) func forEach(_ body: (Int) throws -> Void) rethrows {
        for (w, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                try body(w << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }
}
