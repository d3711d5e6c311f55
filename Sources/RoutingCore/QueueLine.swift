/// A queue's contacts in order of entry into the queue, for place in line,
/// count and oldest entry.
///
/// Tickets grow by one per entry; a ring of slots indexed by ticket and a
/// Fenwick tree over the ring count the contacts still in line. Enter O(log
/// n), leave O(log n) plus amortised O(1) to advance the head, place in line
/// O(log n), count and oldest O(1). Grows by doubling (the only allocation),
/// when the span from the oldest to the newest ticket fills the ring.
struct QueueLine {
    private var ring: [Int32]
    private var fenwick: [Int32]
    private var mask: Int
    private var head: Int64 = 0
    private var tail: Int64 = 0
    private(set) var count = 0

    init(capacity: Int = 16) {
        var c = 1
        while c < capacity { c <<= 1 }
        ring = Array(repeating: -1, count: c)
        fenwick = Array(repeating: 0, count: c + 1)
        mask = c - 1
    }

    /// Slot of the contact that entered first among those still in line.
    var oldest: Int32? { count > 0 ? ring[Int(head) & mask] : nil }

    mutating func enter(_ slot: Int32) -> Int64 {
        if Int(tail - head) == ring.count { grow() }
        let t = tail
        ring[Int(t) & mask] = slot
        add(Int(t) & mask, 1)
        tail += 1
        count += 1
        return t
    }

    mutating func leave(_ ticket: Int64) {
        let i = Int(ticket) & mask
        precondition(ticket >= head && ticket < tail && ring[i] >= 0, "ticket not in line")
        ring[i] = -1
        add(i, -1)
        count -= 1
        while head < tail && ring[Int(head) & mask] < 0 { head += 1 }
    }

    /// Contacts in line that entered before `ticket`.
    func ahead(of ticket: Int64) -> Int {
        let h = Int(head) & mask
        let i = Int(ticket) & mask
        return h <= i ? prefix(i) - prefix(h) : (count - prefix(h)) + prefix(i)
    }

    /// Contacts in line whose `key` is at most `limit`, for a key that does
    /// not decrease in order of entry (such as the arrival time; where it
    /// does, the first place whose key exceeds `limit` found by the search
    /// ends the count): a binary search over places in line, O(log² n). It
    /// depends only on the contacts in line and their order, not on the
    /// tickets' layout (so a core restored from a snapshot counts alike).
    func count(keyAtMost limit: Int64, key: (Int32) -> Int64) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(slot(atPlace: mid)) <= limit { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The slot at place `k` in line (0: the oldest entry). O(log n).
    private func slot(atPlace k: Int) -> Int32 {
        let h = Int(head) & mask
        let wrapped = prefix(h)  // in line at ring positions before the head's
        let target = k < count - wrapped ? wrapped + k + 1 : k - (count - wrapped) + 1
        // Fenwick descent: the ring position whose prefix count reaches `target`.
        var position = 0, rest = Int32(target), step = ring.count
        while step > 0 {
            if position + step <= ring.count && fenwick[position + step] < rest {
                position += step
                rest -= fenwick[position]
            }
            step >>= 1
        }
        return ring[position]
    }

    private func prefix(_ end: Int) -> Int {
        var s: Int32 = 0
        var i = end
        while i > 0 {
            s += fenwick[i]
            i &= i - 1
        }
        return Int(s)
    }

    private mutating func add(_ index: Int, _ delta: Int32) {
        fenwick.withUnsafeMutableBufferPointer { fenwick in
            var i = index + 1
            while i < fenwick.count {
                fenwick[i] += delta
                i += i & -i
            }
        }
    }

    private mutating func grow() {
        let old = ring
        let oldMask = mask
        let c = ring.count * 2
        ring = Array(repeating: -1, count: c)
        fenwick = Array(repeating: 0, count: c + 1)
        mask = c - 1
        var t = head
        while t < tail {
            let s = old[Int(t) & oldMask]
            ring[Int(t) & mask] = s
            if s >= 0 { add(Int(t) & mask, 1) }
            t += 1
        }
    }

    func checkInvariants() {
        var n = 0
        var t = head
        while t < tail {
            if ring[Int(t) & mask] >= 0 { n += 1 }
            t += 1
        }
        precondition(n == count, "line count")
        precondition(count == 0 || ring[Int(head) & mask] >= 0, "line head")
    }
}
