/// The simulator's future-event list: events ordered by (time, scheduling
/// sequence), so events at equal times come out in the order they were
/// scheduled (as SimPy's kernel does). Knows nothing of call centres.
///
/// Two stores share one order:
/// - a calendar queue (Brown, 1988) for events in general
///   (`schedule(_:at:)`): time is cut into days of a power-of-two width,
///   day `d` goes to bucket `d mod buckets`, and each bucket is a list
///   sorted by key. The next event is the head of the current day's bucket,
///   found by stepping through the days; a new event joins its bucket's
///   list, usually at its tail. O(1) per event on average when a day holds
///   a few events, which the calendar keeps so: it doubles its buckets when
///   it has fewer than two per pending event and halves them when it has
///   more than eight (a year of days then spans most pending events, so
///   that fewer buckets hold a later year's event that a new one has to be
///   put before: the walk costs little, but whether it happens is a coin
///   toss the branch predictor loses), and resizes the day to about three
///   times the recent gap between the events it hands out. A pop takes
///   about 60 instructions, where a 4-ary heap of the ~300 pending talk
///   ends of a large queue spent about 250 sifting;
/// - lanes (`schedule(_:at:lane:)`, `setLane`), each holding at most one
///   pending event: for recurring sources such as a queue's next arrival,
///   which then never enter the calendar queue, and for the earliest of a
///   set of events the caller keeps (and can cancel) itself, placed in the
///   order by `key(at:)`. Finding the earliest lane is O(lanes), done when
///   the earliest lane's event leaves or moves later.
///
/// Time and sequence form one 128-bit key, compared without branches.
/// Memory is bounded by the most events pending at once, not by the
/// events ever scheduled. Cancelling is the caller's business: a generation
/// number in the event, checked when it comes out, or, for events often
/// cancelled, keeping them itself behind a lane.
///
/// Noncopyable: it owns its storage outright, so no operation pays for
/// copy-on-write checks, and its buffers are released with it.
public struct EventCalendar<Event>: ~Copyable {
    /// A node's key and the next node in its bucket's list (-1: none); for
    /// a free node, the next free node.
    @usableFromInline struct Link {
        @usableFromInline var key: UInt128
        @usableFromInline var next: Int32

        @inlinable init(key: UInt128, next: Int32) {
            self.key = key
            self.next = next
        }
    }

    /// Nodes of the calendar queue, each its link and then its event, in
    /// one line of the data cache (the event that comes out is read with
    /// its key): `nodesUsed` handed out of `nodeCapacity`; the free ones
    /// chained from `freeNode`. Node `n`'s event is initialised while the
    /// node is pending.
    @usableFromInline var nodes: UnsafeMutableRawPointer
    @usableFromInline var nodeCapacity: Int
    @usableFromInline var nodesUsed = 0
    @usableFromInline var freeNode: Int32 = -1
    /// Events pending in the calendar queue (not in lanes).
    @usableFromInline var queued = 0
    /// Per bucket, the first and last node of its list (-1: empty).
    @usableFromInline var heads: UnsafeMutablePointer<Int32>
    @usableFromInline var tails: UnsafeMutablePointer<Int32>
    /// Buckets minus one (their count is a power of two).
    @usableFromInline var bucketMask: Int
    /// A day is `1 << dayShift` microseconds.
    @usableFromInline var dayShift: UInt64
    /// No pending event of the calendar queue is on an earlier day.
    @usableFromInline var today: UInt64 = 0
    /// The node of the calendar queue's earliest event, when known (-1: not known).
    @usableFromInline var first = -1
    /// Events handed out since the calendar queue's shape was last checked,
    /// and the time (as in keys) of the last one handed out then.
    @usableFromInline var sinceCheck = 0
    @usableFromInline var checkedAt: UInt64 = 1 << 63
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline let lanes: Int
    /// Per lane: the pending event's key (`.max` when empty) and event.
    @usableFromInline var laneKey: UnsafeMutablePointer<UInt128>
    @usableFromInline var laneEvent: UnsafeMutablePointer<Event?>
    /// The lane with the smallest key, when known.
    @usableFromInline var earliestLane: Int?

    /// Where a node's event starts, and the distance between nodes: the
    /// node's size rounded up to a power of two (past 64 bytes, to the
    /// link's alignment, 16), so that in storage aligned to a cache line no
    /// node of up to 64 bytes straddles two lines.
    @inlinable static var eventOffset: Int {
        let a = MemoryLayout<Event>.alignment
        return (MemoryLayout<Link>.size + a - 1) / a * a
    }
    @inlinable static var nodeStride: Int {
        let size = eventOffset + MemoryLayout<Event>.size
        let stride = (size + 15) / 16 * 16
        return stride <= 64 ? 1 << (64 - UInt64(stride - 1).leadingZeroBitCount) : stride
    }

    /// Where node `n`'s link and event start in the node storage, bytes.
    @inlinable @inline(__always) static func linkStart(_ n: Int) -> Int { n &* nodeStride }
    @inlinable @inline(__always) static func eventStart(_ n: Int) -> Int { n &* nodeStride &+ eventOffset }

    /// Node `n`'s link.
    @inlinable @inline(__always) func link(_ n: Int) -> UnsafeMutablePointer<Link> {
        (nodes + Self.linkStart(n)).assumingMemoryBound(to: Link.self)
    }

    /// Node `n`'s event (initialised while the node is pending).
    @inlinable @inline(__always) func event(_ n: Int) -> UnsafeMutablePointer<Event> {
        (nodes + Self.eventStart(n)).assumingMemoryBound(to: Event.self)
    }

    /// Storage for `capacity` nodes, each link and event bound to its type.
    @inlinable static func allocateNodes(_ capacity: Int) -> UnsafeMutableRawPointer {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * nodeStride, alignment: 64)
        for n in 0..<capacity {
            (raw + linkStart(n)).bindMemory(to: Link.self, capacity: 1)
            (raw + eventStart(n)).bindMemory(to: Event.self, capacity: 1)
        }
        return raw
    }

    /// Fewest buckets; events handed out between checks of the day's width.
    @usableFromInline static var minimumBuckets: Int { 16 }
    @usableFromInline static var checkEvery: Int { 1024 }

    /// A calendar with `lanes` lanes (none unless recurring sources use them).
    public init(lanes: Int = 0) {
        self.lanes = lanes
        nodeCapacity = 64
        nodes = Self.allocateNodes(nodeCapacity)
        bucketMask = Self.minimumBuckets - 1
        heads = .allocate(capacity: Self.minimumBuckets)
        heads.initialize(repeating: -1, count: Self.minimumBuckets)
        tails = .allocate(capacity: Self.minimumBuckets)
        tails.initialize(repeating: -1, count: Self.minimumBuckets)
        dayShift = 20
        laneKey = .allocate(capacity: max(lanes, 1))
        laneKey.initialize(repeating: .max, count: lanes)
        laneEvent = .allocate(capacity: max(lanes, 1))
        laneEvent.initialize(repeating: nil, count: lanes)
        earliestLane = lanes > 0 ? 0 : nil
    }

    deinit {
        forEachPending { event($0).deinitialize(count: 1) }
        nodes.deallocate()
        heads.deallocate()
        tails.deallocate()
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

    /// The day of `key`: its time (offset to be unsigned) over the day's width.
    @inlinable func day(of key: UInt128) -> UInt64 {
        UInt64(truncatingIfNeeded: key >> 64) &>> dayShift
    }

    @inlinable func bucket(ofDay day: UInt64) -> Int { Int(truncatingIfNeeded: day) & bucketMask }

    /// Events pending.
    @inlinable public var count: Int { queued + (0..<lanes).count { laneEvent[$0] != nil } }

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
            let n = firstNode()
            let h = n >= 0 ? link(n).pointee.key : .max
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
    @inlinable @inline(__always) public mutating func schedule(_ event: Event, at time: Int64) {
        let key = Self.key(time, takeSequence())
        let n = allocateNode()
        self.event(n).initialize(to: event)
        link(n).pointee.key = key
        let d = day(of: key)
        if queued == 0 || d < today { today = d }
        link(n, bucket: bucket(ofDay: d))
        if queued == 0 || first >= 0 && key < link(first).pointee.key { first = n }
        queued += 1
        if 2 * queued > bucketMask + 1 { rebuild(buckets: 2 * (bucketMask + 1), dayShift: dayShift) }
    }

    /// Schedules `event` at `time` in lane `lane`, which must be empty
    /// (its previous event came out).
    @inlinable @inline(__always) public mutating func schedule(_ event: Event, at time: Int64, lane: Int) {
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
    @inlinable @inline(__always) public mutating func next() -> (time: Int64, event: Event)? {
        let n = firstNode()
        if lanes > 0 {
            let lane = findEarliestLane()
            let key = laneKey[lane]
            if key != .max && (n < 0 || key < link(n).pointee.key) {
                let event = laneEvent[lane]!
                laneKey[lane] = .max
                laneEvent[lane] = nil
                earliestLane = nil
                return (Self.time(of: key), event)
            }
        }
        guard n >= 0 else { return nil }
        return takeFirst(n)
    }

    /// Drops every pending event (keeps the storage for reuse).
    @inlinable public mutating func removeAll() {
        forEachPending { event($0).deinitialize(count: 1) }
        heads.update(repeating: -1, count: bucketMask + 1)
        tails.update(repeating: -1, count: bucketMask + 1)
        queued = 0
        first = -1
        nodesUsed = 0
        freeNode = -1
        for l in 0..<lanes {
            laneKey[l] = .max
            laneEvent[l] = nil
        }
        earliestLane = lanes > 0 ? 0 : nil
    }

    // MARK: Calendar queue

    /// The node of the earliest event in the calendar queue (-1: none),
    /// with `today` moved to its day.
    @inlinable @inline(__always) mutating func firstNode() -> Int {
        guard queued > 0 else { return -1 }
        if first >= 0 { return first }
        var d = today
        for _ in 0...bucketMask {
            // A bucket's head is its earliest event, on `d` or a later year's day.
            let h = Int(heads[bucket(ofDay: d)])
            if h >= 0 && day(of: link(h).pointee.key) == d {
                today = d
                first = h
                return h
            }
            d &+= 1
        }
        return earliestHead()
    }

    /// The earliest bucket head, when no event falls within a year of days
    /// from `today`, with `today` moved to its day.
    @usableFromInline mutating func earliestHead() -> Int {
        var best = -1
        for b in 0...bucketMask {
            let h = Int(heads[b])
            if h >= 0 && (best < 0 || link(h).pointee.key < link(best).pointee.key) { best = h }
        }
        today = day(of: link(best).pointee.key)
        first = best
        return best
    }

    /// Takes node `n`, the head of today's bucket, out; returns its event.
    @inlinable @inline(__always) mutating func takeFirst(_ n: Int) -> (time: Int64, event: Event) {
        let b = bucket(ofDay: today)
        let after = link(n).pointee.next
        heads[b] = after
        if after < 0 { tails[b] = -1 }
        let key = link(n).pointee.key
        let taken = event(n).move()
        link(n).pointee.next = freeNode
        freeNode = Int32(truncatingIfNeeded: n)
        queued -= 1
        first = -1
        sinceCheck &+= 1
        if sinceCheck == Self.checkEvery { checkShape(at: UInt64(truncatingIfNeeded: key >> 64)) }
        return (Self.time(of: key), taken)
    }

    /// Every `checkEvery` events handed out, the last at `time` (as in
    /// keys): rebuilds the calendar queue when its day is far from three
    /// times the mean gap between them (a factor 4 either way), or it has
    /// more than four buckets per event pending.
    @usableFromInline mutating func checkShape(at time: UInt64) {
        let gap = Double(time >= checkedAt ? time &- checkedAt : 0) / Double(sinceCheck)
        sinceCheck = 0
        checkedAt = time
        let width = UInt64(min(max(1, 3 * gap), 0x1p62))
        let shift = UInt64(63 - width.leadingZeroBitCount)
        var buckets = bucketMask + 1
        while buckets > Self.minimumBuckets && 8 * queued < buckets { buckets /= 2 }
        if shift > dayShift + 1 || shift + 1 < dayShift || buckets != bucketMask + 1 {
            rebuild(buckets: buckets, dayShift: shift)
        }
    }

    /// Calls `body` with each pending node of the calendar queue, bucket by
    /// bucket (it may deinitialise the node's event, not relink the node).
    @usableFromInline func forEachPending(_ body: (Int) -> Void) {
        for b in 0...bucketMask {
            var n = Int(heads[b])
            while n >= 0 {
                let next = Int(link(n).pointee.next)
                body(n)
                n = next
            }
        }
    }

    /// A free node (its event uninitialised), growing the storage if needed.
    @inlinable @inline(__always) mutating func allocateNode() -> Int {
        if freeNode >= 0 {
            let n = Int(freeNode)
            freeNode = link(n).pointee.next
            return n
        }
        if nodesUsed == nodeCapacity { growNodes() }
        nodesUsed += 1
        return nodesUsed - 1
    }

    /// Doubles the node storage; every node is pending when it is called.
    @usableFromInline mutating func growNodes() {
        let larger = Self.allocateNodes(nodeCapacity * 2)
        for n in 0..<nodeCapacity {
            (larger + Self.linkStart(n)).assumingMemoryBound(to: Link.self).initialize(to: link(n).pointee)
            (larger + Self.eventStart(n)).assumingMemoryBound(to: Event.self).moveInitialize(from: event(n), count: 1)
        }
        nodes.deallocate()
        nodes = larger
        nodeCapacity *= 2
    }

    /// Puts node `n` into bucket `b`'s list, after every smaller key:
    /// usually at the tail, as events mostly join a bucket in time order.
    @inlinable @inline(__always) mutating func link(_ n: Int, bucket b: Int) {
        let key = link(n).pointee.key
        let node = Int32(truncatingIfNeeded: n)
        let last = Int(tails[b])
        if last < 0 || link(last).pointee.key < key {
            link(n).pointee.next = -1
            if last < 0 { heads[b] = node } else { link(last).pointee.next = node }
            tails[b] = node
            return
        }
        var before = -1
        var p = Int(heads[b])
        while link(p).pointee.key < key {
            before = p
            p = Int(link(p).pointee.next)
        }
        link(n).pointee.next = Int32(truncatingIfNeeded: p)
        if before < 0 { heads[b] = node } else { link(before).pointee.next = node }
    }

    /// Re-files every pending event into `buckets` buckets of days of
    /// `1 << dayShift` microseconds.
    @usableFromInline mutating func rebuild(buckets: Int, dayShift shift: UInt64) {
        var pending: [Int] = []
        pending.reserveCapacity(queued)
        forEachPending { pending.append($0) }
        if buckets != bucketMask + 1 {
            heads.deallocate()
            tails.deallocate()
            heads = .allocate(capacity: buckets)
            tails = .allocate(capacity: buckets)
            bucketMask = buckets - 1
        }
        heads.initialize(repeating: -1, count: buckets)
        tails.initialize(repeating: -1, count: buckets)
        dayShift = shift
        first = -1
        today = pending.map { day(of: link($0).pointee.key) }.min() ?? today
        for n in pending { link(n, bucket: bucket(ofDay: day(of: link(n).pointee.key))) }
    }
}

/// A place in an `EventCalendar`'s order: time, then scheduling sequence.
public struct EventKey: Comparable {
    @usableFromInline let value: UInt128

    @inlinable init(value: UInt128) { self.value = value }

    @inlinable public static func < (a: EventKey, b: EventKey) -> Bool { a.value < b.value }
}
