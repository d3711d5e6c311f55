/// The simulator's future-event list: events ordered by (time, scheduling
/// sequence), so events at equal times come out in the order they were
/// scheduled (as SimPy's kernel does). Knows nothing of call centres.
///
/// Two stores share one order:
/// - a 4-ary min-heap for events in general (`schedule(_:at:)`): O(log n)
///   per event; half the depth of a binary heap, and a node's four children
///   share a cache line or two;
/// - lanes (`schedule(_:at:lane:)`, `setLane`), each holding at most one
///   pending event: for recurring sources such as a queue's next arrival,
///   which then never enter the heap, and for the earliest of a set of
///   events the caller keeps (and can cancel) itself, placed in the order by
///   `key(at:)`. Finding the earliest lane is O(lanes), done when the
///   earliest lane's event leaves or moves later.
///
/// Time and sequence form one 128-bit key, compared without branches.
/// Memory is bounded by the events pending, not by the events ever
/// scheduled. Cancelling is the caller's business: a generation number in
/// the event, checked when it comes out, or, for events often cancelled,
/// keeping them itself behind a lane.
///
/// Noncopyable: it owns its storage outright, so no operation pays for
/// copy-on-write checks, and its buffers are released with it.
public struct EventCalendar<Event>: ~Copyable {
    @usableFromInline struct Entry {
        @usableFromInline var key: UInt128
        @usableFromInline var event: Event

        @inlinable init(key: UInt128, event: Event) {
            self.key = key
            self.event = event
        }

        @inlinable var time: Int64 { EventCalendar.time(of: key) }
    }

    /// The heap's entries: `heapCount` initialised of `heapCapacity`.
    @usableFromInline var heap: UnsafeMutablePointer<Entry>
    @usableFromInline var heapCount = 0
    @usableFromInline var heapCapacity: Int
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline let lanes: Int
    /// Per lane: the pending event's key (`.max` when empty) and event.
    @usableFromInline var laneKey: UnsafeMutablePointer<UInt128>
    @usableFromInline var laneEvent: UnsafeMutablePointer<Event?>
    /// The lane with the smallest key, when known.
    @usableFromInline var earliestLane: Int?

    /// A calendar with `lanes` lanes (none unless recurring sources use them).
    public init(lanes: Int = 0) {
        self.lanes = lanes
        heapCapacity = 64
        heap = .allocate(capacity: heapCapacity)
        laneKey = .allocate(capacity: max(lanes, 1))
        laneKey.initialize(repeating: .max, count: lanes)
        laneEvent = .allocate(capacity: max(lanes, 1))
        laneEvent.initialize(repeating: nil, count: lanes)
        earliestLane = lanes > 0 ? 0 : nil
    }

    deinit {
        heap.deinitialize(count: heapCount)
        heap.deallocate()
        laneKey.deallocate()
        laneEvent.deinitialize(count: lanes)
        laneEvent.deallocate()
    }

    @inlinable static func key(_ time: Int64, _ sequence: UInt64) -> UInt128 {
        UInt128(UInt64(bitPattern: time) ^ (1 << 63)) << 64 | UInt128(sequence)
    }

    @inlinable static func time(of key: UInt128) -> Int64 {
        Int64(bitPattern: UInt64(truncatingIfNeeded: key >> 64) ^ (1 << 63))
    }

    /// Events pending.
    @inlinable public var count: Int { heapCount + (0..<lanes).count { laneEvent[$0] != nil } }

    /// Whether no event is pending.
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The time of the earliest pending event.
    @inlinable public var nextTime: Int64? {
        mutating get {
            let k = firstKey
            return k == .max ? nil : Self.time(of: k)
        }
    }

    /// Key of the earliest pending event, `.max` when none.
    @inlinable var firstKey: UInt128 {
        mutating get {
            let h = heapCount > 0 ? heap[0].key : .max
            guard lanes > 0 else { return h }
            return min(h, laneKey[findEarliestLane()])
        }
    }

    @inlinable @inline(__always) mutating func findEarliestLane() -> Int {
        if let lane = earliestLane { return lane }
        var best = 0
        for l in 1..<lanes where laneKey[l] < laneKey[best] { best = l }
        earliestLane = best
        return best
    }

    @inlinable mutating func takeSequence() -> UInt64 {
        defer { nextSequence &+= 1 }
        return nextSequence
    }

    /// Schedules `event` at `time`; among events of equal time, it comes out
    /// after those scheduled before it.
    @inlinable public mutating func schedule(_ event: Event, at time: Int64) {
        if heapCount == heapCapacity { grow() }
        siftUp(Entry(key: Self.key(time, takeSequence()), event: event))
    }

    /// Schedules `event` at `time` in lane `lane`, which must be empty
    /// (its previous event came out).
    @inlinable public mutating func schedule(_ event: Event, at time: Int64, lane: Int) {
        precondition(lane >= 0 && lane < lanes && laneEvent[lane] == nil, "lane \(lane) is not an empty lane")
        let key = Self.key(time, takeSequence())
        laneKey[lane] = key
        laneEvent[lane] = event
        if let e = earliestLane, key < laneKey[e] { earliestLane = lane }
    }

    /// The position in the calendar's order of an event at `time` scheduled
    /// now: after every event at that time scheduled before. For events held
    /// outside the calendar until they enter a lane (`setLane`), so that they
    /// come out exactly where `schedule` would have put them.
    @inlinable public mutating func key(at time: Int64) -> EventKey {
        EventKey(value: Self.key(time, takeSequence()))
    }

    /// Puts `event` at `key` in lane `lane`, replacing the lane's event if
    /// it has one.
    @inlinable public mutating func setLane(_ lane: Int, _ event: Event, key: EventKey) {
        precondition(lane >= 0 && lane < lanes, "no lane \(lane)")
        let old = laneKey[lane]
        laneKey[lane] = key.value
        laneEvent[lane] = event
        if let e = earliestLane {
            if e != lane {
                if key.value < laneKey[e] { earliestLane = lane }
            } else if key.value > old {
                earliestLane = nil
            }
        }
    }

    /// Empties lane `lane`.
    @inlinable public mutating func clearLane(_ lane: Int) {
        precondition(lane >= 0 && lane < lanes, "no lane \(lane)")
        laneKey[lane] = .max
        laneEvent[lane] = nil
        if earliestLane == lane { earliestLane = nil }
    }

    /// Removes and returns the earliest event, or nil when none is pending.
    @inlinable public mutating func next() -> (time: Int64, event: Event)? {
        if lanes > 0 {
            let lane = findEarliestLane()
            let key = laneKey[lane]
            if key != .max && (heapCount == 0 || key < heap[0].key) {
                let event = laneEvent[lane]!
                laneKey[lane] = .max
                laneEvent[lane] = nil
                earliestLane = nil
                return (Self.time(of: key), event)
            }
        }
        guard heapCount > 0 else { return nil }
        let first = heap.move()
        heapCount -= 1
        if heapCount > 0 { siftDown((heap + heapCount).move()) }
        return (first.time, first.event)
    }

    /// Drops every pending event (keeps the storage for reuse).
    @inlinable public mutating func removeAll() {
        heap.deinitialize(count: heapCount)
        heapCount = 0
        for l in 0..<lanes {
            laneKey[l] = .max
            laneEvent[l] = nil
        }
        earliestLane = lanes > 0 ? 0 : nil
    }

    /// Doubles the heap's capacity.
    @usableFromInline mutating func grow() {
        let larger = UnsafeMutablePointer<Entry>.allocate(capacity: heapCapacity * 2)
        larger.moveInitialize(from: heap, count: heapCount)
        heap.deallocate()
        heap = larger
        heapCapacity *= 2
    }

    /// Places `entry` in the new last position (initialised on return) and
    /// moves it up to its place.
    @inlinable mutating func siftUp(_ entry: Entry) {
        heapCount += 1
        rise(entry, from: heapCount &- 1)
    }

    /// Fills the hole at `hole` (uninitialised) with `entry`, moving it up
    /// past the parents it comes before.
    @inlinable mutating func rise(_ entry: Entry, from hole: Int) {
        var hole = hole
        while hole > 0 {
            let up = (hole &- 1) >> 2
            guard entry.key < heap[up].key else { break }
            (heap + hole).initialize(to: (heap + up).move())
            hole = up
        }
        (heap + hole).initialize(to: entry)
    }

    /// Fills the root's hole (position 0, uninitialised) with `entry`.
    /// Bottom-up (Floyd): the hole first sinks to a leaf along the least
    /// children, with no comparison against `entry`, which then rises from
    /// there; an entry taken from the bottom belongs near the bottom, so
    /// this saves about one comparison per level.
    @inlinable mutating func siftDown(_ entry: Entry) {
        let count = heapCount
        var parent = 0
        while true {
            let first = 4 &* parent &+ 1
            guard first < count else { break }
            var best = first
            var bestKey = heap[first].key
            if first &+ 3 < count {
                // Four children (the common case): two pairs, then their winners.
                let k1 = heap[first &+ 1].key, k2 = heap[first &+ 2].key, k3 = heap[first &+ 3].key
                let low = k1 < bestKey ? (first &+ 1, k1) : (first, bestKey)
                let high = k3 < k2 ? (first &+ 3, k3) : (first &+ 2, k2)
                (best, bestKey) = high.1 < low.1 ? high : low
            } else {
                var child = first &+ 1
                while child < count {
                    let k = heap[child].key
                    let smaller = k < bestKey
                    best = smaller ? child : best
                    bestKey = smaller ? k : bestKey
                    child &+= 1
                }
            }
            (heap + parent).initialize(to: (heap + best).move())
            parent = best
        }
        rise(entry, from: parent)
    }
}

/// A place in an `EventCalendar`'s order: time, then scheduling sequence.
public struct EventKey: Comparable {
    @usableFromInline let value: UInt128

    @inlinable init(value: UInt128) { self.value = value }

    @inlinable public static func < (a: EventKey, b: EventKey) -> Bool { a.value < b.value }
}
