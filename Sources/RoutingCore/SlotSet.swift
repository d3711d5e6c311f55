/// A set of contact slots as bits. Visiting its members goes in slot order,
/// as a scan of every slot would, but touches one word per 64 slots: the
/// wait estimators read the contacts agents hold this way, however many wait.
struct SlotSet {
    private var words: [UInt64] = []
    /// Members.
    private(set) var count = 0

    @inline(__always) mutating func insert(_ slot: Int) {
        let w = slot >> 6, bit = UInt64(1) << UInt64(slot & 63)
        if w >= words.count { words.append(contentsOf: repeatElement(0, count: w - words.count + 1)) }
        if words[w] & bit == 0 { count += 1 }
        words[w] |= bit
    }

    @inline(__always) mutating func remove(_ slot: Int) {
        let w = slot >> 6, bit = UInt64(1) << UInt64(slot & 63)
        guard w < words.count, words[w] & bit != 0 else { return }
        words[w] &= ~bit
        count -= 1
    }

    func contains(_ slot: Int) -> Bool {
        let w = slot >> 6
        return w < words.count && words[w] & (UInt64(1) << UInt64(slot & 63)) != 0
    }

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
