/// The core's deadlines: a 4-ary min-heap ordered by (deadline, insertion
/// sequence), so timers due at the same instant fire in the order they were
/// set. Cancellation is lazy: each timer carries the stamp its target had
/// when it was set, and a timer whose stamp no longer matches is skipped.
/// Schedule and pop O(log n); entries are 24 bytes.
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

    /// Target of the least-occupied window roll-over timer.
    static let occupancyWindow: Int32 = -1

    private(set) var heap: [Timer] = []
    private var nextSequence: Int64 = 0

    @inline(__always) var first: Timer? { heap.first }

    mutating func schedule(at deadline: Int64, target: Int32, stamp: UInt32) {
        let e = Timer(deadline: deadline, sequence: nextSequence, target: target, stamp: stamp)
        nextSequence += 1
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) >> 2
            guard e < heap[parent] else { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = e
    }

    mutating func removeFirst() -> Timer {
        let top = heap[0]
        let last = heap.removeLast()
        let n = heap.count
        guard n > 0 else { return top }
        var i = 0
        while true {
            let first = 4 * i + 1
            guard first < n else { break }
            var best = first
            var c = first + 1
            let end = min(first + 4, n)
            while c < end {
                if heap[c] < heap[best] { best = c }
                c += 1
            }
            guard heap[best] < last else { break }
            heap[i] = heap[best]
            i = best
        }
        heap[i] = last
        return top
    }
}
