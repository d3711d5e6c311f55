/// The queue-length wait estimate from the routing state (the method
/// `WaitEstimator.queueLength`): Ibrahim and Whitt's queue-length predictor
/// with abandonment, generalised to skill-based routing.
///
/// For a waiting contact C of queue q at its expansion phase k:
/// - **Servers.** The agents that may serve C in each remaining phase j >= k
///   (its expansion steps, at their times) are the classes of the bucket
///   (q, j). A talking (or ringing) contact frees its agent at rate 1/h, h the
///   smoothed handle time of its queue; a contact in wrap-up frees its agent
///   at its known wrap-up end; an agent holding several contacts fits C once
///   it has finished those that keep C's channel out (all of them for an
///   exclusive channel such as voice). Only agents that will take work count
///   (not those logging out or going not ready). An agent idle now that may serve
///   C in a later phase serves it when that phase starts (so does one whose
///   wrap-up ends before, if it has nothing else to do).
/// - **Competition.** Contacts of other queues that the contact-selection
///   policy serves before C (a higher-priority queue's, an equal-priority
///   queue's earlier arrivals) hold up the agents that serve them: a class
///   of agents becomes useful to C only once its share of that backlog is
///   worked off, after sum over the backlog's buckets of (contacts / rate of
///   all their agents). Future arrivals that will jump ahead (higher-priority
///   queues, while none of their agents is idle; prioritised contacts of q)
///   take each class's share of its rate, from recent arrival rates. The
///   contacts ahead of C in its own queue count for the share of their own
///   agents' rate that C's agents supply.
/// - **Wait.** C is served at the (n+1)-th useful freeing, n its contacts
///   ahead in its queue: freeings form a Poisson stream of the useful
///   talking agents' rate plus the wrap-up ends, segment by segment between
///   expansion steps, classes' release from their backlog and wrap-up ends
///   (exactly, over the distribution of freeings so far); after the last
///   event the stages are Ibrahim and Whitt's, sum over i of 1 / (rate + i
///   theta), theta the queue's abandonment rate.
/// With one queue, one skill and no wrap-up this is exactly the classical
/// predictor E[V] = sum_{i=0..j} 1 / (s mu + i theta).
///
/// Cost: one pass over the contacts in service, O(classes x buckets) and
/// O(log n) per competing queue; the exact part is O(m^2) per event in the
/// number of stages m <= 64, longer lines take a fluid approximation.
extension RoutingCore {
    /// Stages handled exactly; longer lines use the fluid approximation.
    static let exactStages = 64

    /// Mean and standard deviation of C's remaining wait, seconds, at `now`;
    /// nil when no agent can serve it.
    func routingStateWait(_ slot: Int, ticket: Int64, phase k: Int, at now: Int64)
        -> (mean: Double, deviation: Double)? {
        let classCount = estimatorIndex.classCount
        let bucketCount = buckets.count
        let queueCount = queues.count
        // Scratch per class: talking rate, busy rate (talking and wrap-up),
        // the phase from which it serves C, when its backlog is worked off, its
        // useful rate, whether it would stay idle; per queue 1/h; per bucket
        // the contacts ahead of C.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 6 * classCount + queueCount + bucketCount)
        { scratch in
            scratch.initialize(repeating: 0)
            var scratch = scratch
            func take(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
                let part = UnsafeMutableBufferPointer(rebasing: scratch[..<n])
                scratch = UnsafeMutableBufferPointer(rebasing: scratch[n...])
                return part
            }
            let work = ClassWork(talk: take(classCount), busy: take(classCount), servesFrom: take(classCount),
                                 free: take(classCount), useful: take(classCount), idle: take(classCount))
            let rate = take(queueCount)
            let ahead = take(bucketCount)
            for q in 0 ..< queueCount { rate[q] = microsPerSecond / queueStats[q].averageHandle }
            // One pass over the contacts agents hold: rates by class, wrap-up ends
            // (with the class in `phase` until the classes' figures are known).
            // An agent holding several contacts must finish those that keep C's
            // channel from fitting (all of them for an exclusive channel):
            // with n to finish, it fits after about h (1 + 1/2 + ... + 1/n).
            let mine = Int(info[slot].queue)
            let channel = queues[mine].channel, exclusive = queues[mine].exclusive
            return withUnsafeTemporaryAllocation(of: Deadline.self, capacity: max(engaged.count, 1)) { deadlines in
                var n = 0
                let contacts = state
                engaged.forEach { s in
                    let e: Engaged, wrapping: Bool
                    switch contacts[s] {
                    case .offered(let x), .connected(let x): (e, wrapping) = (x, false)
                    case .wrapUp(let x): (e, wrapping) = (x, true)
                    case .free, .waiting: preconditionFailure("a contact no agent holds in the engaged set")
                    }
                    let a = Int(e.agent)
                    guard agents[a].staffed else { return }
                    let c = Int(estimatorIndex.classOf[a])
                    let served = Int(e.servedQueue)
                    work.busy[c] += rate[served]
                    var finish = 1  // contacts to finish before C's channel fits
                    if estimatorIndex.holdsSeveral[a], agents[a].loggedIn, case let li = agents[a].work, li.total > 1 {
                        if exclusive {
                            finish = Int(li.total)
                        } else if li.exclusiveLoad > 0 {
                            guard queues[served].exclusive else { return }
                            finish = Int(li.exclusiveLoad)
                        } else {
                            guard queues[served].channel == channel else { return }
                            finish = max(Int(li.load(channel) - agentCapacity[a][channel]) + 1, 1)
                        }
                    }
                    if finish == 1 && wrapping {
                        deadlines[n] = Deadline(at: Double(max(e.until - now, 0)) / microsPerSecond,
                                                rate: rate[served], phase: c, free: 0, idleAfter: false)
                        n += 1
                    } else if finish == 1 {
                        work.talk[c] += rate[served]
                    } else {
                        var harmonic = 0.0
                        for i in 1 ... finish { harmonic += 1 / Double(i) }
                        work.talk[c] += rate[served] / (Double(finish) * harmonic)
                    }
                }
                let q = Int(info[slot].queue)
                let first = Int(queues[q].firstBucket)
                let phaseCount = queues[q].phaseStart.count
                for c in 0 ..< classCount { work.servesFrom[c] = .infinity }
                for j in stride(from: phaseCount - 1, through: k, by: -1) {
                    for i in estimatorIndex.classRange(of: first + j) {
                        work.servesFrom[estimatorIndex.bucketClass(at: i)] = Double(j)
                    }
                }
                contactsAhead(slot, ticket: ticket, phase: k, at: now, into: ahead)
                releaseClasses(slot, at: now, work: work, ahead: ahead)
                // Keep the wrap-up ends of agents that will serve C from some phase on.
                var kept = 0
                for i in 0 ..< n {
                    let c = deadlines[i].phase
                    guard work.servesFrom[c].isFinite else { continue }
                    deadlines[kept] = deadlines[i]
                    deadlines[kept].phase = Int(work.servesFrom[c]) - k
                    deadlines[kept].free = work.free[c]
                    if work.idle[c] == 0 { work.idle[c] = classIsIdle(c) ? 1 : -1 }
                    deadlines[kept].idleAfter = work.idle[c] > 0
                    kept += 1
                }
                n = kept
                var heap = DeadlineHeap(UnsafeMutableBufferPointer(rebasing: deadlines[..<n]))
                return withUnsafeTemporaryAllocation(of: PhasePlan.self, capacity: phaseCount - k) { plans in
                    return withUnsafeTemporaryAllocation(of: Release.self, capacity: max(classCount, 1)) { releases in
                        var count = 0
                        for c in 0 ..< classCount where work.servesFrom[c].isFinite && work.useful[c] > 0 {
                            releases[count] = Release(at: work.free[c], rate: work.useful[c],
                                                      phase: Int(work.servesFrom[c]) - k)
                            count += 1
                        }
                        var events = UnsafeMutableBufferPointer(rebasing: releases[..<count])
                        events.sort { $0.at < $1.at }
                        planPhases(slot, phase: k, at: now, busy: work.busy, ahead: ahead, into: plans)
                        let theta = queueStats[q].exposureSeconds > 0
                            ? Double(queueStats[q].abandoned) / queueStats[q].exposureSeconds : 0
                        return waitOverPhases(plans, releases: events, deadlines: &heap, abandonRate: theta)
                    }
                }
            }
        }
    }

    /// Writes into `ahead[b]` the number of contacts of bucket b that the
    /// contact-selection policy serves before the contact in `slot`.
    private func contactsAhead(_ slot: Int, ticket: Int64, phase k: Int, at now: Int64,
                               into ahead: UnsafeMutableBufferPointer<Double>) {
        let me = info[slot]
        let q = Int(me.queue)
        let elapsed = now - me.arrival
        func arrival(_ s: Int32) -> Int64 { info[Int(s)].arrival }
        for q2 in queues.indices {
            let first = Int(queues[q2].firstBucket)
            let phases = queues[q2].phaseStart.count
            var anyWaiting = false
            for p in 0 ..< phases where !buckets[first + p].isEmpty { anyWaiting = true }
            guard anyWaiting else { continue }
            // An agent holding contacts of C's channel frees room for C before it
            // can take an exclusive one (a call waits for all of an agent's chats).
            if q2 != q && queues[q2].exclusive && !queues[q].exclusive { continue }
            if q2 == q {
                // Contacts of C's own queue before it in its order (a prioritised
                // one may have arrived later), bucket by bucket; for long lines,
                // earlier entries into the line by the phase they are in now.
                let key = ContactBucket.Entry(rank: queues[q].agingPerMicro * Double(me.arrival) - Double(me.priority),
                                              arrival: me.arrival, sequence: me.sequence, ref: -1)
                var exact = true
                for p in 0 ..< phases {
                    let n = buckets[first + p].count(before: key, limit: Self.exactStages)
                    if n > Self.exactStages { exact = false }
                    ahead[first + p] = Double(n)
                }
                if exact { continue }
                let line = lines[q].ahead(of: ticket)
                var later = 0  // ahead and in a phase above p
                for p in stride(from: phases - 1, through: 0, by: -1) {
                    let inOrAbove = p <= k ? line
                        : min(line, lines[q].count(keyAtMost: now - queues[q].phaseStart[p], key: arrival))
                    ahead[first + p] = Double(max(inOrAbove - later, 0))
                    later = max(inOrAbove, later)
                }
                continue
            }
            // Contacts of q2 that arrived before `limit` are served before C.
            let limit: Int64
            switch contactSelection {
            case .queuePriority:
                if queues[q2].priority != queues[q].priority {
                    if queues[q2].priority > queues[q].priority {
                        for p in 0 ..< phases { ahead[first + p] = Double(buckets[first + p].count) }
                    }
                    continue
                }
                limit = me.arrival - 1
            case .agedPriority:
                let aging = queues[q2].agingPerMicro
                guard aging > 0 else { continue }
                let score = Double(me.priority) + queues[q].agingPerMicro * Double(elapsed)
                limit = now - Int64(min(score / aging, 1e15))
            case .weightedWait:
                let weight = queues[q2].weight
                guard weight > 0 else { continue }
                limit = now - Int64(min(queues[q].weight / weight * Double(elapsed), 1e15))
            }
            // By phase: arrivals in (now - start of next phase, now - start of phase].
            var below = 0
            for p in stride(from: phases - 1, through: 0, by: -1) {
                let upTo = min(now - queues[q2].phaseStart[p], limit)
                let counted = buckets[first + p].isEmpty ? below
                    : max(lines[q2].count(keyAtMost: upTo, key: arrival), below)
                ahead[first + p] = Double(counted - below)
                below = counted
            }
        }
    }

    /// Whether some agent of bucket `b` is available now (and its
    /// reservation gate open).
    func bucketHasAvailableAgent(_ b: Int) -> Bool {
        for ref in topology.bucketPools.list(b) {
            if !pools[Int(ref.pool)].isEmpty && gatePasses(ref.gate) { return true }
        }
        return false
    }

    /// Whether no bucket class `c` serves has a waiting contact: an agent of
    /// it that frees stays idle.
    private func classIsIdle(_ c: Int) -> Bool {
        for i in estimatorIndex.bucketRange(of: c) where !buckets[estimatorIndex.bucket(at: i)].isEmpty { return false }
        return true
    }

    /// For each class that serves C: when it has worked off its share of the
    /// other queues' contacts ahead of C (`free`, seconds), and its rate
    /// useful to C after that (`useful`), less the arrivals that will jump
    /// ahead of C.
    private func releaseClasses(_ slot: Int, at now: Int64, work: ClassWork,
                                ahead: UnsafeMutableBufferPointer<Double>) {
        let me = info[slot]
        let q = Int(me.queue)
        let classCount = estimatorIndex.classCount
        let own = Int(queues[q].firstBucket) ..< Int(queues[q].firstBucket) + queues[q].phaseStart.count
        // Each backlog bucket's contacts over the rate of all its agents.
        for b in 0 ..< ahead.count where ahead[b] > 0 && !own.contains(b) {
            var all = 0.0
            for i in estimatorIndex.classRange(of: b) { all += work.busy[estimatorIndex.bucketClass(at: i)] }
            ahead[b] = all > 0 ? ahead[b] / all : 0
        }
        var talking = 0.0
        for c in 0 ..< classCount where work.servesFrom[c].isFinite {
            var free = 0.0
            for i in estimatorIndex.bucketRange(of: c) {
                let b = estimatorIndex.bucket(at: i)
                if !own.contains(b) { free += ahead[b] }
            }
            work.free[c] = free
            work.useful[c] = work.talk[c]
            talking += work.talk[c]
        }
        // Arrivals that will be served before C, class by class.
        for q2 in queues.indices {
            if q2 == q {
                // Prioritised arrivals to C's queue, over its agents by rate.
                guard me.priority == 0, talking > 0 else { continue }
                let prioritised = arrivalRates[q2].rates(at: now).prioritised
                guard prioritised > 0 else { continue }
                for c in 0 ..< classCount where work.servesFrom[c].isFinite {
                    work.useful[c] -= prioritised * work.talk[c] / talking
                }
                continue
            }
            guard contactSelection == .queuePriority, !queues[q2].exclusive || queues[q].exclusive else { continue }
            let higher = queues[q2].priority > queues[q].priority
            guard higher || (queues[q2].priority == queues[q].priority && me.priority == 0) else { continue }
            let first2 = Int(queues[q2].firstBucket)
            var idle = false
            for p in 0 ..< queues[q2].phaseStart.count where bucketHasAvailableAgent(first2 + p) { idle = true }
            guard !idle else { continue }
            let rates = arrivalRates[q2].rates(at: now)
            let rateAhead = higher ? rates.all : rates.prioritised
            guard rateAhead > 0 else { continue }
            // Over all of q2's agents by their busy rate.
            var all = 0.0
            for i in estimatorIndex.classRange(ofQueue: q2) { all += work.busy[estimatorIndex.queueClass(at: i)] }
            guard all > 0 else { continue }
            for i in estimatorIndex.classRange(ofQueue: q2) {
                let c = estimatorIndex.queueClass(at: i)
                if work.servesFrom[c].isFinite { work.useful[c] -= rateAhead * work.busy[c] / all }
            }
        }
        for c in 0 ..< classCount where work.servesFrom[c].isFinite {
            work.useful[c] = max(work.useful[c], 0.1 * work.talk[c])
        }
    }

    /// Each remaining phase's start, the weighted contacts ahead of C in its
    /// own queue, and whether an idle agent serves C as soon as it starts.
    private func planPhases(_ slot: Int, phase k: Int, at now: Int64, busy: UnsafeMutableBufferPointer<Double>,
                            ahead: UnsafeMutableBufferPointer<Double>,
                            into plans: UnsafeMutableBufferPointer<PhasePlan>) {
        let me = info[slot]
        let q = Int(me.queue)
        let first = Int(queues[q].firstBucket)
        let phases = queues[q].phaseStart.count
        let elapsed = now - me.arrival
        for j in k ..< phases {
            let b = first + j
            // Contacts ahead in C's queue, each for the share of its agents' rate that C's supply.
            var n = 0.0
            for b2 in first ..< first + phases where ahead[b2] > 0 {
                var all = 0.0, mine = 0.0, count = 0, mineCount = 0
                for i in estimatorIndex.classRange(of: b2) {
                    let c = estimatorIndex.bucketClass(at: i)
                    all += busy[c]
                    count += 1
                    if estimatorIndex.serves(c, b) {
                        mine += busy[c]
                        mineCount += 1
                    }
                }
                let share = all > 0 ? mine / all : (count > 0 ? Double(mineCount) / Double(count) : 0)
                n += ahead[b2] * share
            }
            let start = max(Double(bucketStart[b] - elapsed), 0) / microsPerSecond
            plans[j - k] = PhasePlan(start: start, ahead: n, idleAgent: j > k && bucketHasAvailableAgent(b))
        }
    }
}

/// Per-class figures of the estimate, in scratch memory.
struct ClassWork {
    var talk: UnsafeMutableBufferPointer<Double>
    var busy: UnsafeMutableBufferPointer<Double>
    var servesFrom: UnsafeMutableBufferPointer<Double>
    var free: UnsafeMutableBufferPointer<Double>
    var useful: UnsafeMutableBufferPointer<Double>
    /// Whether an agent of the class that frees stays idle: 1 yes, -1 no, 0 not known yet.
    var idle: UnsafeMutableBufferPointer<Double>
}

/// A class of agents becoming useful to C: when (seconds from now), its
/// useful rate, and the phase of C (from now: 0) from which it serves C.
struct Release {
    var at: Double
    var rate: Double
    var phase: Int
}

/// A wrap-up end: when (seconds from now), the freed agent's rate after it
/// (1/h of the queue it served), the phase of C (from now: 0) from which it
/// serves C, when its class is free of other work ahead of C, and whether
/// the agent would stay idle (nothing waiting that it serves).
struct Deadline {
    var at: Double
    var rate: Double
    var phase: Int
    var free: Double
    var idleAfter: Bool
}

/// One remaining phase of a waiting contact: when it starts (seconds from
/// now), the weighted contacts ahead in its own queue, and whether an idle
/// agent takes C when it starts.
struct PhasePlan {
    var start: Double
    var ahead: Double
    var idleAgent: Bool
}

/// A binary min-heap of deadlines over a scratch buffer (built in O(n)).
struct DeadlineHeap {
    var items: UnsafeMutableBufferPointer<Deadline>
    var count: Int

    init(_ items: UnsafeMutableBufferPointer<Deadline>) {
        self.items = items
        count = items.count
        var i = count / 2 - 1
        while i >= 0 {
            siftDown(i)
            i -= 1
        }
    }

    var first: Deadline? { count > 0 ? items[0] : nil }

    mutating func removeFirst() {
        count -= 1
        if count > 0 {
            items[0] = items[count]
            siftDown(0)
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let e = items[i]
        while true {
            var child = 2 * i + 1
            guard child < count else { break }
            if child + 1 < count && items[child + 1].at < items[child].at { child += 1 }
            guard items[child].at < e.at else { break }
            items[i] = items[child]
            i = child
        }
        items[i] = e
    }
}


/// The wait of C from its plan: `plans[0]` is its current phase, `releases`
/// (by time) the classes becoming useful to it, `deadlines` the wrap-up ends
/// of agents that serve it. Mean and standard deviation, seconds; nil when
/// nothing ever serves it.
func waitOverPhases(_ plans: UnsafeMutableBufferPointer<PhasePlan>, releases: UnsafeMutableBufferPointer<Release>,
                    deadlines: inout DeadlineHeap, abandonRate theta: Double) -> (mean: Double, deviation: Double)? {
    let n = plans[0].ahead
    let whole = Int(n)
    let fraction = n - Double(whole)
    let stages = whole + (fraction > 0 ? 2 : 1)
    var rateNow = 0.0
    var allNow = true
    for r in releases {
        if r.at <= 0 && r.phase == 0 { rateNow += r.rate } else { allNow = false }
    }
    // The classical predictor with `rate`, for `whole` (and a `fraction` more) ahead.
    func classical(_ rate: Double) -> (mean: Double, second: Double) {
        func one(_ j: Int) -> (Double, Double) {
            let m = queueLengthWait(ahead: j, serviceRate: rate, abandonRate: theta)
            return (m, queueLengthVariance(ahead: j, serviceRate: rate, abandonRate: theta) + m * m)
        }
        let (m0, s0) = one(whole)
        guard fraction > 0 else { return (m0, s0) }
        let (m1, s1) = one(whole + 1)
        return ((1 - fraction) * m0 + fraction * m1, (1 - fraction) * s0 + fraction * s1)
    }
    // One phase, every class useful now, no wrap-up ends: the classical predictor, exactly.
    if plans.count == 1 && deadlines.count == 0 && allNow {
        guard rateNow > 0 else { return nil }
        let (mean, second) = classical(rateNow)
        return (mean, max(second - mean * mean, 0).squareRoot())
    }
    let mean: Double?
    if stages > RoutingCore.exactStages {
        mean = fluidWait(plans, releases: releases, deadlines: &deadlines, abandonRate: theta)
    } else {
        mean = exactWait(plans, releases: releases, deadlines: &deadlines, abandonRate: theta,
                         whole: whole, fraction: fraction)
    }
    guard let mean else { return nil }
    // Spread: the classical predictor's coefficient of variation at the current rate.
    guard rateNow > 0 else { return (mean, mean / Double(stages).squareRoot()) }
    let (m, second) = classical(rateNow)
    return (mean, m > 0 ? mean * max(second - m * m, 0).squareRoot() / m : 0)
}

/// The exact computation: the distribution of the stages still to go
/// (index r for r stages) through Poisson segments and events.
private func exactWait(_ plans: UnsafeMutableBufferPointer<PhasePlan>, releases: UnsafeMutableBufferPointer<Release>,
                       deadlines: inout DeadlineHeap, abandonRate theta: Double, whole: Int, fraction: Double)
    -> Double? {
    // Room for the stages, and for more after an expansion step remaps them.
    var most = Double(whole + 2)
    for p in 1 ..< max(plans.count, 1) where plans[p - 1].ahead > 0 {
        most = max(most, 2 + most * plans[p].ahead / plans[p - 1].ahead)
    }
    let size = Int(min(most, Double(RoutingCore.exactStages))) + 1
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * size + plans.count) { buffer in
        buffer.initialize(repeating: 0)
        let pmf = UnsafeMutableBufferPointer(rebasing: buffer[0 ..< size])
        let next = UnsafeMutableBufferPointer(rebasing: buffer[size ..< 2 * size])
        let poisson = UnsafeMutableBufferPointer(rebasing: buffer[2 * size ..< 3 * size])
        let timeIn = UnsafeMutableBufferPointer(rebasing: buffer[3 * size ..< 4 * size])
        let deferred = UnsafeMutableBufferPointer(rebasing: buffer[(4 * size)...])
        pmf[whole + 1] = 1 - fraction
        if fraction > 0 { pmf[whole + 2] = fraction }
        var top = whole + (fraction > 0 ? 2 : 1)  // highest r with mass
        var mean = 0.0
        var now = 0.0
        var phase = 0
        var rate = 0.0
        var nextRelease = 0
        var idleFrom = Int.max  // first phase an idle agent will serve C in
        while true {
            let boundary = phase + 1 < plans.count ? plans[phase + 1].start : Double.infinity
            let release = nextRelease < releases.count ? releases[nextRelease].at : Double.infinity
            let deadline = deadlines.first?.at ?? .infinity
            let until = min(boundary, release, deadline)
            // Events that change nothing now do not end the segment.
            if nextRelease < releases.count && release == until && releases[nextRelease].phase > phase {
                deferred[releases[nextRelease].phase] += releases[nextRelease].rate
                nextRelease += 1
                continue
            }
            if until < .infinity && release != until && deadline == until, let d = deadlines.first,
               d.phase <= phase ? d.at < d.free : !d.idleAfter {
                deadlines.removeFirst()
                continue
            }
            if until == .infinity {
                // After the last event: Ibrahim and Whitt's stages with abandonment.
                guard rate > 0 else { return nil }
                for r in 1 ... top where pmf[r] > 0 {
                    mean += pmf[r] * queueLengthWait(ahead: r - 1, serviceRate: rate, abandonRate: theta)
                }
                return mean
            }
            let length = until - now
            if length > 0 {
                if rate > 0 {
                    // Poisson(rate x length) freeings: time spent, and stages left.
                    let x = rate * length
                    poisson[0] = exponential(-x)
                    for d in stride(from: 1, to: top, by: 1) { poisson[d] = poisson[d - 1] * x / Double(d) }
                    // timeIn[r]: expected time in the segment with r stages to go at its start.
                    var cdf = 0.0, sum = 0.0
                    for r in 1 ... top {
                        cdf += poisson[r - 1]
                        sum += max(1 - cdf, 0)
                        timeIn[r] = sum / rate
                    }
                    for r in 0 ... top { next[r] = 0 }
                    for r in 1 ... top where pmf[r] > 0 {
                        mean += pmf[r] * timeIn[r]
                        for d in 0 ..< r { next[r - d] += pmf[r] * poisson[d] }
                    }
                    for r in 0 ... top { pmf[r] = next[r] }
                } else {
                    var mass = 0.0
                    for r in 1 ... top { mass += pmf[r] }
                    mean += mass * length
                }
                now = until
            }
            while top > 0 && pmf[top] < 1e-12 {
                pmf[top] = 0
                top -= 1
            }
            if top == 0 { return mean }
            if release == until {
                let r = releases[nextRelease]
                nextRelease += 1
                if r.phase <= phase { rate += r.rate } else { deferred[r.phase] += r.rate }
            } else if deadline == until {
                let d = deadlines.first!
                deadlines.removeFirst()
                if d.phase <= phase {
                    guard d.at >= d.free else { continue }
                    // An agent of C's frees with nothing ahead of C: one stage done.
                    for r in 1 ... top { pmf[r - 1] = pmf[r] }
                    pmf[top] = 0
                    pmf[0] = 0
                    top -= 1
                    if top == 0 { return mean }
                    rate += d.rate
                } else if d.idleAfter {
                    idleFrom = min(idleFrom, d.phase)
                }
            } else {
                // The next expansion step.
                phase += 1
                if plans[phase].idleAgent || idleFrom <= phase { return mean }
                rate += deferred[phase]
                let before = plans[phase - 1].ahead, after = plans[phase].ahead
                if before > 0 && after != before {
                    for r in 0 ..< size { next[r] = 0 }
                    var newTop = 0
                    for r in 1 ... top where pmf[r] > 0 {
                        let mapped = min(max(1 + Int((Double(r - 1) * after / before).rounded()), 1), size - 1)
                        next[mapped] += pmf[r]
                        newTop = max(newTop, mapped)
                    }
                    for r in 0 ..< size { pmf[r] = next[r] }
                    top = newTop
                }
            }
        }
    }
}

/// For many stages: a fluid approximation over the same events, the
/// classical predictor within each segment.
private func fluidWait(_ plans: UnsafeMutableBufferPointer<PhasePlan>, releases: UnsafeMutableBufferPointer<Release>,
                       deadlines: inout DeadlineHeap, abandonRate theta: Double) -> Double? {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: plans.count) { deferred in
        deferred.initialize(repeating: 0)
        var stages = plans[0].ahead + 1
        var now = 0.0
        var phase = 0
        var rate = 0.0
        var nextRelease = 0
        var idleFrom = Int.max
        // Time to do `stages` at `rate`, by the classical predictor.
        func needed() -> Double {
            guard rate > 0 else { return .infinity }
            let ahead = max(stages - 1, 0)
            let whole = Int(ahead), fraction = ahead - Double(whole)
            let m0 = queueLengthWait(ahead: whole, serviceRate: rate, abandonRate: theta)
            guard fraction > 0 else { return m0 }
            return (1 - fraction) * m0
                + fraction * queueLengthWait(ahead: whole + 1, serviceRate: rate, abandonRate: theta)
        }
        while true {
            let boundary = phase + 1 < plans.count ? plans[phase + 1].start : Double.infinity
            let release = nextRelease < releases.count ? releases[nextRelease].at : Double.infinity
            let deadline = deadlines.first?.at ?? .infinity
            let until = min(boundary, release, deadline)
            let time = needed()
            if now + time <= until { return time.isFinite ? now + time : nil }
            stages = max(stages - rate * (until - now), 1)
            now = until
            if release == until {
                let r = releases[nextRelease]
                nextRelease += 1
                if r.phase <= phase { rate += r.rate } else { deferred[r.phase] += r.rate }
            } else if deadline == until {
                let d = deadlines.first!
                deadlines.removeFirst()
                if d.phase <= phase {
                    guard d.at >= d.free else { continue }
                    stages -= 1
                    if stages < 1 { return now }
                    rate += d.rate
                } else if d.idleAfter {
                    idleFrom = min(idleFrom, d.phase)
                }
            } else {
                phase += 1
                if plans[phase].idleAgent || idleFrom <= phase { return now }
                rate += deferred[phase]
                let before = plans[phase - 1].ahead
                if before > 0 { stages = 1 + (stages - 1) * plans[phase].ahead / before }
            }
        }
    }
}
