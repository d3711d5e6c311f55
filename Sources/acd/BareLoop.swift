#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DequeModule
import Stochastics

/// A bare hand-written M/M/n+M loop with no routing core, the yardstick of
/// `acd bench baseline`: what a plain simulation of the same model costs on
/// this machine at this moment, so the simulator's speed can be read as a
/// share of it instead of as an absolute figure on a noisy host.
///
/// It draws from the simulator's own streams (arrivals, handle times and
/// patience of queue 0 in each replication, by `-log(u)` and the
/// distributions' samplers), keeps talk ends in a binary heap of times, the
/// next arrival in a variable, and waiting callers in a `Deque`; a caller
/// whose patience ran out before an agent came free counts as abandoned when
/// the agent reaches it (the same outcome as abandoning at that moment,
/// without an event). Figures count the arrivals after the warm-up.
struct BareLoop {
    let ratePerSecond: Double
    let talk: Distribution
    let patience: Distribution
    let agents: Int
    let durationSeconds: Double
    let warmupSeconds: Double
    let targetSeconds: Double
    let seed: UInt64

    /// One replication's counts.
    struct Counts {
        /// Every arrival, warm-up included.
        var simulated = 0
        /// Arrivals after the warm-up, and what became of them.
        var offered = 0
        var answered = 0
        var answeredWithinTarget = 0
        var abandoned = 0
        var answeredWaitSeconds = 0.0
    }

    /// A caller in line: arrival, the moment patience runs out, talk time.
    private struct Waiting {
        var arrival: Double
        var deadline: Double
        var talk: Double
    }

    /// Runs replication `replication` to the end of its horizon; callers
    /// still in the system then are played out.
    func run(replication: Int) -> Counts {
        let streams = [SourceKind.arrivals, .handleTime, .patience].map {
            RandomStream(masterSeed: seed, replication: replication, key: StreamKey($0, index: 0))
        }
        return withExtendedLifetime(streams) {
            run(arrivals: streams[0].view, talks: streams[1].view, patiences: streams[2].view)
        }
    }

    private func run(arrivals: StreamView, talks: StreamView, patiences: StreamView) -> Counts {
        var counts = Counts()
        var ends = TimeHeap(capacity: agents)
        var line = Deque<Waiting>()
        var busy = 0
        var next = -log(arrivals.uniform()) / ratePerSecond
        while true {
            let end = ends.first ?? .infinity
            if next <= end {
                guard next < durationSeconds else {
                    if ends.isEmpty { break }
                    next = .infinity
                    continue
                }
                let now = next
                next = now - log(arrivals.uniform()) / ratePerSecond
                let talk = talk.sample(talks)
                let deadline = now + patience.sample(patiences)
                let counted = now >= warmupSeconds
                counts.simulated += 1
                if counted { counts.offered += 1 }
                if busy < agents {
                    busy += 1
                    ends.push(now + talk)
                    if counted {
                        counts.answered += 1
                        if targetSeconds >= 0 { counts.answeredWithinTarget += 1 }
                    }
                } else {
                    line.append(Waiting(arrival: now, deadline: deadline, talk: talk))
                }
            } else {
                // An agent comes free at `end`: the first caller still
                // waiting takes it; those whose patience ran out left.
                let now = end
                var served = false
                while let caller = line.popFirst() {
                    let counted = caller.arrival >= warmupSeconds
                    if caller.deadline < now {
                        if counted { counts.abandoned += 1 }
                        continue
                    }
                    if counted {
                        let wait = now - caller.arrival
                        counts.answered += 1
                        counts.answeredWaitSeconds += wait
                        if wait <= targetSeconds { counts.answeredWithinTarget += 1 }
                    }
                    ends.replaceFirst(now + caller.talk)
                    served = true
                    break
                }
                if !served {
                    ends.removeFirst()
                    busy -= 1
                }
            }
        }
        return counts
    }
}

/// A binary min-heap of times: the plain heap a hand-written loop would use
/// (swift-collections' `Heap` is a min-max heap, which does more per
/// operation than this yardstick should).
private struct TimeHeap {
    private var times: [Double] = []

    init(capacity: Int) { times.reserveCapacity(capacity) }

    var first: Double? { times.first }
    var isEmpty: Bool { times.isEmpty }

    mutating func push(_ t: Double) {
        times.append(t)
        var child = times.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard t < times[parent] else { break }
            times[child] = times[parent]
            child = parent
        }
        times[child] = t
    }

    mutating func removeFirst() {
        let last = times.removeLast()
        if !times.isEmpty { sink(last) }
    }

    /// Replaces the earliest time by `t`.
    mutating func replaceFirst(_ t: Double) { sink(t) }

    /// Places `t` at the root's position and moves it down to its place.
    private mutating func sink(_ t: Double) {
        let count = times.count
        var parent = 0
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count && times[child + 1] < times[child] { child += 1 }
            guard times[child] < t else { break }
            times[parent] = times[child]
            parent = child
        }
        times[parent] = t
    }
}
