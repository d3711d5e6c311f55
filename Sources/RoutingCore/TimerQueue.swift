/// The core's deadlines: a min-heap ordered by (deadline, insertion
/// sequence), so timers due at the same instant fire in the order they were
/// set. Cancellation is lazy: each timer carries the stamp its target had
/// when it was set, and a timer whose stamp no longer matches is skipped.
struct TimerQueue {
    enum Kind: UInt8 {
        /// A contact's next deadline (phase, overflow, announcement, offer
        /// time-out or wrap-up end, depending on its state).
        case contact
        /// The least-occupied window rolls over.
        case occupancyWindow
    }

    struct Timer {
        var deadline: Int64
        var sequence: Int64
        var target: Int32
        var stamp: UInt32
        var kind: Kind

        @inline(__always)
        static func < (l: Timer, r: Timer) -> Bool {
            l.deadline != r.deadline ? l.deadline < r.deadline : l.sequence < r.sequence
        }
    }

    private(set) var heap: [Timer] = []
    private var nextSequence: Int64 = 0

    @inline(__always) var isEmpty: Bool { heap.isEmpty }
    @inline(__always) var first: Timer? { heap.first }

    mutating func schedule(at deadline: Int64, kind: Kind, target: Int32, stamp: UInt32) {
        heap.append(Timer(deadline: deadline, sequence: nextSequence, target: target, stamp: stamp, kind: kind))
        nextSequence += 1
        var i = heap.count - 1
        let e = heap[i]
        while i > 0 {
            let parent = (i - 1) >> 1
            guard e < heap[parent] else { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = e
    }

    mutating func removeFirst() -> Timer {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            var i = 0
            let n = heap.count
            while true {
                var child = 2 * i + 1
                guard child < n else { break }
                if child + 1 < n && heap[child + 1] < heap[child] { child += 1 }
                guard heap[child] < last else { break }
                heap[i] = heap[child]
                i = child
            }
            heap[i] = last
        }
        return top
    }
}
