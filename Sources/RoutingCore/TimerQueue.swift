/// The core's deadlines, fired in (deadline, insertion sequence) order, so
/// timers due at the same instant fire in the order they were set.
///
/// Most timers are set a fixed delay ahead (a queue's wrap-up, an expansion
/// step, an announcement period), so timers with the same delay arrive in
/// deadline order: they go to a FIFO *lane* per delay (up to `maxLanes`),
/// where set and pop are O(1). Others go to a 4-ary min-heap (O(log n)).
/// The earliest timer is the least of the lane heads and the heap top,
/// cached. Cancellation is lazy: each timer carries the stamp its target had
/// when it was set, and a timer whose stamp no longer matches is skipped.
struct TimerQueue {
    struct Timer {
        var deadline: Int64
        var sequence: Int64
        /// A contact slot, or `TimerQueue.occupancyWindow`.
        var target: Int32
        var stamp: UInt32

        @inline(__always)
        static func < (l: Timer, r: Timer) -> Bool {
            l.deadline != r.deadline ? l.deadline < r.deadline : l.sequence < r.sequence
        }
    }

    /// A FIFO ring of timers set with one delay, hence in deadline order.
    struct Lane {
        var delay: Int64
        var ring: [Timer]
        var head = 0
        var count = 0

        init(delay: Int64) {
            self.delay = delay
            ring = Array(repeating: Timer(deadline: 0, sequence: 0, target: 0, stamp: 0), count: 64)
        }

        @inline(__always) var first: Timer { ring[head] }
        @inline(__always) var last: Timer { ring[(head + count - 1) & (ring.count - 1)] }

        mutating func append(_ t: Timer) {
            if count == ring.count {
                let old = ring
                ring = Array(repeating: t, count: old.count * 2)
                for i in 0..<count { ring[i] = old[(head + i) & (old.count - 1)] }
                head = 0
            }
            ring[(head + count) & (ring.count - 1)] = t
            count += 1
        }

        mutating func removeFirst() {
            head = (head + 1) & (ring.count - 1)
            count -= 1
        }
    }

    /// Target of the least-occupied window roll-over timer.
    static let occupancyWindow: Int32 = -1
    static let maxLanes = 8

    private var heap: [Timer] = []
    private var lanes: [Lane] = []
    private var nextSequence: Int64 = 0
    /// The earliest timer and where it is: a lane index, or -1 for the heap.
    private(set) var first: Timer?
    private var firstLane = -1

    var count: Int { heap.count + lanes.reduce(0) { $0 + $1.count } }

    /// Every timer set and not yet fired (cancelled ones included), in firing order.
    var pending: [Timer] {
        var all = heap
        for lane in lanes {
            for i in 0..<lane.count { all.append(lane.ring[(lane.head + i) & (lane.ring.count - 1)]) }
        }
        return all.sorted { $0 < $1 }
    }

    /// Sets a timer due at `deadline`, set at `now` (the delay picks its lane).
    mutating func schedule(at deadline: Int64, now: Int64, target: Int32, stamp: UInt32) {
        let t = Timer(deadline: deadline, sequence: nextSequence, target: target, stamp: stamp)
        nextSequence += 1
        let delay = deadline - now
        var lane = -1
        for i in lanes.indices where lanes[i].delay == delay {
            if lanes[i].count == 0 || !(t < lanes[i].last) { lane = i }
            break
        }
        if lane < 0 && lanes.count < Self.maxLanes && !lanes.contains(where: { $0.delay == delay }) {
            lanes.append(Lane(delay: delay))
            lane = lanes.count - 1
        }
        if lane >= 0 {
            lanes[lane].append(t)
        } else {
            pushHeap(t)
        }
        if first == nil || t < first! {
            first = t
            firstLane = lane
        }
    }

    /// Removes the earliest timer (`first` must not be nil).
    mutating func removeFirst() {
        if firstLane >= 0 { lanes[firstLane].removeFirst() } else { popHeap() }
        first = heap.first
        firstLane = -1
        for i in lanes.indices where lanes[i].count > 0 {
            let head = lanes[i].first
            if first == nil || head < first! {
                first = head
                firstLane = i
            }
        }
    }

    // Sifts work on the heap's unsafe buffer: one uniqueness check per
    // operation, not one per element moved (the indices are the heap's own).

    private mutating func pushHeap(_ e: Timer) {
        heap.append(e)
        heap.withUnsafeMutableBufferPointer { h in Self.rise(e, from: h.count &- 1, h) }
    }

    /// Takes the root out. Bottom-up (Floyd): the hole sinks to a leaf along
    /// the least children, then the last entry rises from there; a late
    /// deadline taken from the bottom belongs near the bottom.
    private mutating func popHeap() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var hole = 0
            while true {
                let first = 4 &* hole &+ 1
                guard first < n else { break }
                var best = first
                var c = first &+ 1
                let end = Swift.min(first &+ 4, n)
                while c < end {
                    if h[c] < h[best] { best = c }
                    c &+= 1
                }
                h[hole] = h[best]
                hole = best
            }
            Self.rise(last, from: hole, h)
        }
    }

    /// Puts `e` at `hole` or above it, moving down the parents it comes before.
    @inline(__always)
    private static func rise(_ e: Timer, from hole: Int, _ h: UnsafeMutableBufferPointer<Timer>) {
        var i = hole
        while i > 0 {
            let parent = (i &- 1) >> 2
            guard e < h[parent] else { break }
            h[i] = h[parent]
            i = parent
        }
        h[i] = e
    }
}
