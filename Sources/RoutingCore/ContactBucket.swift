/// The waiting contacts of one (queue, phase), ordered by aged priority
/// (highest first), then arrival, then entry sequence.
///
/// An intrusive binary min-heap; each entry's heap index is written into a
/// position table owned by the core, indexed by `ref` (contact slot x 2 +
/// membership). Insert and remove O(log n), head O(1).
struct ContactBucket {
    struct Entry {
        /// rate x arrival - priority: constant while waiting, since all
        /// contacts in a queue age at the same rate; smaller is better.
        var rank: Double
        var arrival: Int64
        var sequence: Int64
        var ref: Int32

        @inline(__always)
        static func < (l: Entry, r: Entry) -> Bool {
            if l.rank != r.rank { return l.rank < r.rank }
            if l.arrival != r.arrival { return l.arrival < r.arrival }
            return l.sequence < r.sequence
        }
    }

    private(set) var heap: [Entry] = []

    @inline(__always) var isEmpty: Bool { heap.isEmpty }
    @inline(__always) var count: Int { heap.count }
    @inline(__always) var head: Entry { heap[0] }

    mutating func insert(_ e: Entry, positions: inout [Int32]) {
        heap.append(e)
        withBuffers(&positions) { heap, positions in Self.siftUp(heap.count - 1, heap, positions) }
    }

    mutating func remove(at p: Int, positions: inout [Int32]) {
        let last = heap.removeLast()
        withBuffers(&positions) { heap, positions in
            guard p < heap.count else {
                positions[Int(last.ref)] = -1
                return
            }
            positions[Int(heap[p].ref)] = -1
            heap[p] = last
            Self.siftDown(Self.siftUp(p, heap, positions), heap, positions)
        }
    }

    // Heap operations work on unsafe buffers: one uniqueness check per
    // operation, not one per element moved (the indices are the heap's own,
    // in bounds).

    private mutating func withBuffers(
        _ positions: inout [Int32],
        _ body: (UnsafeMutableBufferPointer<Entry>, UnsafeMutableBufferPointer<Int32>) -> Void
    ) {
        heap.withUnsafeMutableBufferPointer { heap in
            positions.withUnsafeMutableBufferPointer { positions in body(heap, positions) }
        }
    }

    /// Moves the entry at `start` up to its place; returns where it landed.
    @discardableResult
    private static func siftUp(_ start: Int, _ heap: UnsafeMutableBufferPointer<Entry>,
                               _ positions: UnsafeMutableBufferPointer<Int32>) -> Int {
        var i = start
        let e = heap[i]
        while i > 0 {
            let parent = (i - 1) >> 1
            guard e < heap[parent] else { break }
            heap[i] = heap[parent]
            positions[Int(heap[i].ref)] = Int32(i)
            i = parent
        }
        heap[i] = e
        positions[Int(e.ref)] = Int32(i)
        return i
    }

    private static func siftDown(_ start: Int, _ heap: UnsafeMutableBufferPointer<Entry>,
                                 _ positions: UnsafeMutableBufferPointer<Int32>) {
        var i = start
        let e = heap[i]
        let n = heap.count
        while true {
            var child = 2 * i + 1
            guard child < n else { break }
            if child + 1 < n && heap[child + 1] < heap[child] { child += 1 }
            guard heap[child] < e else { break }
            heap[i] = heap[child]
            positions[Int(heap[i].ref)] = Int32(i)
            i = child
        }
        heap[i] = e
        positions[Int(e.ref)] = Int32(i)
    }

    /// Entries that come before `key` in the bucket's order, counting up to
    /// `limit + 1`: a walk down the heap that stops at entries not before
    /// `key` (their subtrees are not either), O(count).
    func count(before key: Entry, limit: Int) -> Int {
        var n = 0
        func visit(_ i: Int) {
            guard i < heap.count, n <= limit, heap[i] < key else { return }
            n += 1
            visit(2 * i + 1)
            visit(2 * i + 2)
        }
        visit(0)
        return n
    }

    func checkInvariants(positions: [Int32]) {
        for (i, e) in heap.enumerated() {
            precondition(positions[Int(e.ref)] == Int32(i), "bucket position")
            if i > 0 { precondition(!(e < heap[(i - 1) >> 1]), "bucket heap order") }
        }
    }
}
