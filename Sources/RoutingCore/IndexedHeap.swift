/// An entry of a binary min-heap that keeps, for each entry, its index in
/// the heap (`positions[entry.position]`), so an entry can be found, re-keyed
/// or removed in O(log n): agents in a pool, contacts in a bucket.
protocol IndexedHeapEntry {
    /// Where, in the positions buffer, this entry's heap index is kept.
    var position: Int32 { get }
    /// Whether `l` comes out of the heap before `r`.
    static func precedes(_ l: Self, _ r: Self) -> Bool
}

/// Sifts on the buffers of an indexed binary heap.
enum IndexedHeap {
    /// Moves the entry at `start` up to its place; returns where it landed.
    @discardableResult @inline(__always)
    static func siftUp<Entry: IndexedHeapEntry>(_ start: Int, _ heap: UnsafeMutableBufferPointer<Entry>,
                                                _ positions: UnsafeMutableBufferPointer<Int32>) -> Int {
        var i = start
        let e = heap[i]
        while i > 0 {
            let parent = (i - 1) >> 1
            guard Entry.precedes(e, heap[parent]) else { break }
            heap[i] = heap[parent]
            positions[Int(heap[i].position)] = Int32(i)
            i = parent
        }
        heap[i] = e
        positions[Int(e.position)] = Int32(i)
        return i
    }

    /// Moves the entry at `start` down to its place.
    @inline(__always)
    static func siftDown<Entry: IndexedHeapEntry>(_ start: Int, _ heap: UnsafeMutableBufferPointer<Entry>,
                                                  _ positions: UnsafeMutableBufferPointer<Int32>) {
        var i = start
        let e = heap[i]
        let n = heap.count
        while true {
            var child = 2 * i + 1
            guard child < n else { break }
            if child + 1 < n && Entry.precedes(heap[child + 1], heap[child]) { child += 1 }
            guard Entry.precedes(heap[child], e) else { break }
            heap[i] = heap[child]
            positions[Int(heap[i].position)] = Int32(i)
            i = child
        }
        heap[i] = e
        positions[Int(e.position)] = Int32(i)
    }
}
