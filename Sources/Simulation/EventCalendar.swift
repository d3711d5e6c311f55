/// The simulator's future-event list: a 4-ary min-heap keyed by
/// (time, insertion sequence), so events at equal times come out in the order
/// they were scheduled (as SimPy's kernel does). Knows nothing of call centres.
///
/// `schedule` and `next` are O(log n) (a 4-ary heap: half the depth of a
/// binary one, and the four children share a cache line or two); memory is bounded by the events pending,
/// not by the events ever scheduled. Cancelling is the caller's business
/// (a generation number in the event, checked when it comes out).
public struct EventCalendar<Event> {
    @usableFromInline struct Entry {
        @usableFromInline var time: Int64
        @usableFromInline var sequence: UInt64
        @usableFromInline var event: Event

        @inlinable init(time: Int64, sequence: UInt64, event: Event) {
            self.time = time
            self.sequence = sequence
            self.event = event
        }

        @inlinable func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    @usableFromInline var heap: [Entry] = []
    @usableFromInline var nextSequence: UInt64 = 0

    public init() {}

    /// Events pending.
    @inlinable public var count: Int { heap.count }

    /// Whether no event is pending.
    @inlinable public var isEmpty: Bool { heap.isEmpty }

    /// The time of the earliest pending event.
    @inlinable public var nextTime: Int64? { heap.first?.time }

    /// Schedules `event` at `time`; among events of equal time, it comes out
    /// after those scheduled before it.
    @inlinable public mutating func schedule(_ event: Event, at time: Int64) {
        let entry = Entry(time: time, sequence: nextSequence, event: event)
        nextSequence &+= 1
        heap.append(entry)
        siftUp(heap.count - 1)
    }

    /// Removes and returns the earliest event, or nil when none is pending.
    @inlinable public mutating func next() -> (time: Int64, event: Event)? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return (first.time, first.event)
    }

    /// Drops every pending event (keeps the storage for reuse).
    @inlinable public mutating func removeAll() {
        heap.removeAll(keepingCapacity: true)
    }

    @inlinable mutating func siftUp(_ start: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            var child = start
            let entry = heap[child]
            while child > 0 {
                let parent = (child - 1) >> 2
                guard entry.precedes(heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
    }

    @inlinable mutating func siftDown(_ start: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            let count = heap.count
            var parent = start
            let entry = heap[parent]
            while true {
                let first = 4 * parent + 1
                guard first < count else { break }
                var best = first
                var child = first + 1
                let stop = Swift.min(first + 4, count)
                while child < stop {
                    if heap[child].precedes(heap[best]) { best = child }
                    child += 1
                }
                guard heap[best].precedes(entry) else { break }
                heap[parent] = heap[best]
                parent = best
            }
            heap[parent] = entry
        }
    }
}
