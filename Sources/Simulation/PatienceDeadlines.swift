import BasicContainers

/// The patience deadlines of waiting callers, by contact slot: an indexed
/// binary min-heap on calendar keys, so that a deadline is cancelled when
/// its caller is answered instead of waiting in the calendar as a dead
/// event. Only the earliest deadline sits in the calendar (in a lane); most
/// callers who wait are answered within seconds, so the heap stays small.
/// Noncopyable, as the replication that owns it.
struct PatienceDeadlines: ~Copyable {
    /// Not `private`: with a private element type, the 6.3 compiler crashes
    /// on debug builds ("Global is external, but doesn't have external or
    /// weak linkage") at the metadata of `UniqueArray<Entry>`.
    struct Entry {
        var key: EventKey
        var slot: Int32
    }

    private var heap = UniqueArray<Entry>()
    /// Per contact slot: its entry's index in `heap`, -1 for none.
    private var position = UniqueArray<Int32>()

    /// The earliest deadline and its contact slot.
    var first: (key: EventKey, slot: Int)? {
        heap.isEmpty ? nil : (heap[0].key, Int(heap[0].slot))
    }

    /// Whether `slot` has a deadline.
    func contains(_ slot: Int) -> Bool { slot < position.count && position[slot] >= 0 }

    /// Sets (or moves) the deadline of `slot` to `key`. Returns whether the
    /// earliest deadline changed.
    mutating func set(_ slot: Int, _ key: EventKey) -> Bool {
        while slot >= position.count { position.append(-1) }
        let before = heap.isEmpty ? nil : heap[0].slot
        let p = Int(position[slot])
        if p < 0 {
            heap.append(Entry(key: key, slot: Int32(slot)))
            rise(Entry(key: key, slot: Int32(slot)), from: heap.count - 1)
        } else if key < heap[p].key {
            rise(Entry(key: key, slot: Int32(slot)), from: p)
        } else {
            sink(Entry(key: key, slot: Int32(slot)), from: p)
        }
        return before != heap[0].slot || Int(heap[0].slot) == slot
    }

    /// Cancels the deadline of `slot`, if it has one. Returns whether that
    /// was the earliest.
    mutating func remove(_ slot: Int) -> Bool {
        guard slot < position.count, case let p = Int(position[slot]), p >= 0 else { return false }
        position[slot] = -1
        let last = heap.removeLast()
        if p < heap.count {
            if last.key < heap[p].key { rise(last, from: p) } else { sink(last, from: p) }
        }
        return p == 0
    }

    /// Puts `entry` at index `i` and moves it up to its place.
    private mutating func rise(_ entry: Entry, from i: Int) {
        var i = i
        while i > 0 {
            let up = (i - 1) / 2
            guard entry.key < heap[up].key else { break }
            place(heap[up], at: i)
            i = up
        }
        place(entry, at: i)
    }

    /// Puts `entry` at index `i` and moves it down to its place.
    private mutating func sink(_ entry: Entry, from i: Int) {
        var i = i
        while true {
            var child = 2 * i + 1
            guard child < heap.count else { break }
            if child + 1 < heap.count && heap[child + 1].key < heap[child].key { child += 1 }
            guard heap[child].key < entry.key else { break }
            place(heap[child], at: i)
            i = child
        }
        place(entry, at: i)
    }

    @inline(__always) private mutating func place(_ entry: Entry, at i: Int) {
        heap[i] = entry
        position[Int(entry.slot)] = Int32(i)
    }
}
