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

    // Heap operations work on unsafe buffers: one uniqueness check per
    // operation, not one per element moved (the indices are the heap's own,
    // in bounds). `positions` is the core's table.

    mutating func insert(_ e: Entry, positions: UnsafeMutableBufferPointer<Int32>) {
        heap.append(e)
        heap.withUnsafeMutableBufferPointer { heap in _ = IndexedHeap.siftUp(heap.count - 1, heap, positions) }
    }

    mutating func remove(at p: Int, positions: UnsafeMutableBufferPointer<Int32>) {
        let last = heap.removeLast()
        heap.withUnsafeMutableBufferPointer { heap in
            guard p < heap.count else {
                positions[Int(last.ref)] = -1
                return
            }
            positions[Int(heap[p].ref)] = -1
            heap[p] = last
            IndexedHeap.siftDown(IndexedHeap.siftUp(p, heap, positions), heap, positions)
        }
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

    func checkInvariants(positions: Column<Int32>) {
        for (i, e) in heap.enumerated() {
            precondition(positions[Int(e.ref)] == Int32(i), "bucket position")
            if i > 0 { precondition(!(e < heap[(i - 1) >> 1]), "bucket heap order") }
        }
    }
}

extension ContactBucket.Entry: IndexedHeapEntry {
    @inline(__always) var position: Int32 { ref }
    @inline(__always) static func precedes(_ l: Self, _ r: Self) -> Bool { l < r }
}
