/// Expected-wait estimates and announcements.
extension RoutingCore {
    /// Place in line and every estimator's expected remaining wait for a
    /// waiting (or offered) contact at `now` (which must not precede the
    /// last event). O(log n) for the place, O(1) for the history methods;
    /// the queue-length method reads the routing state (one pass over the
    /// contacts in service, see `routingStateWait`).
    /// Nil for a stale handle or a contact that is no longer waiting.
    /// At the instant of an announcement, these are the estimates it was
    /// made from (every method's: what each would have announced).
    public func waitEstimates(of contact: ContactHandle, at now: Int64) -> WaitEstimates? {
        guard let slot = live(contact) else { return nil }
        let ticket: Int64
        switch state[slot] {
        case .waiting(let w): ticket = w.ticket
        case .offered(let e): ticket = e.ticket
        default: return nil
        }
        if slot < announcedEstimates.count, now == clock, announcedEstimates[slot].matches(contact, ticket, now) {
            return announcedEstimates[slot].estimates
        }
        return estimates(slot, ticket: ticket, at: now)
    }

    func estimates(_ slot: Int, ticket: Int64, at now: Int64) -> WaitEstimates {
        let i = info[slot]
        let q = Int(i.queue)
        let stats = queueStats[q]
        let elapsed = now - i.arrival
        let ahead = lines[q].ahead(of: ticket)
        let phase: Int32
        if case .waiting(let w) = state[slot] { phase = w.phase } else { phase = self.phase(q, wait: elapsed) }
        var queueLength = Int64.max, deviation = Int64.max
        if let wait = routingStateWait(slot, ticket: ticket, phase: Int(phase), at: now),
           wait.mean.isFinite, wait.mean < 1e12 {
            queueLength = Int64((wait.mean * microsPerSecond).rounded())
            deviation = Int64((min(wait.deviation, 1e12) * microsPerSecond).rounded())
        }
        let oldest = lines[q].oldest.map { now - info[Int($0)].arrival } ?? 0
        func remaining(_ total: Int64) -> Int64 { total < 0 ? .max : max(total - elapsed, 0) }
        return WaitEstimates(position: ahead, queueLength: queueLength, queueLengthDeviation: deviation,
                             headOfLine: max(oldest - elapsed, 0),
                             lastToEnterService: remaining(stats.lastServedWait),
                             smoothedHoldTime: remaining(stats.smoothedHold))
    }

    /// Place in line and the estimate of `method` for a waiting contact now:
    /// the mean, or, when the queue announces a percentile and the method is
    /// the queue-length one, that percentile of its wait distribution.
    mutating func estimate(_ slot: Int, _ method: WaitEstimator) -> (position: Int, wait: Int64) {
        let ticket = waitingState(slot).ticket
        let e: WaitEstimates
        if slot < announcedEstimates.count, announcedEstimates[slot].matches(handleOf(slot), ticket, clock) {
            e = announcedEstimates[slot].estimates
        } else {
            e = estimates(slot, ticket: ticket, at: clock)
            if slot >= announcedEstimates.count {
                announcedEstimates.append(contentsOf: repeatElement(AnnouncedEstimates(), count: slot + 1 - announcedEstimates.count))
            }
            announcedEstimates[slot] = AnnouncedEstimates(generation: generation[slot], ticket: ticket, at: clock, estimates: e)
        }
        if method == .queueLength, let p = queues[Int(info[slot].queue)].announcePercentile,
           e.queueLength != .max, e.queueLengthDeviation != .max {
            let mean = Double(e.queueLength), deviation = Double(e.queueLengthDeviation)
            let quantile = WaitQuantile.gamma(mean: mean, variance: deviation * deviation, probability: p)
            return (e.position, Int64(quantile.rounded()))
        }
        return (e.position, e[method])
    }

    /// Announces place and expected wait with the queue's estimator.
    mutating func announce(_ slot: Int) {
        let (position, wait) = estimate(slot, queues[Int(info[slot].queue)].estimator)
        announce(slot, position: position, wait: wait)
    }

    mutating func announce(_ slot: Int, position: Int, wait: Int64) {
        var w = waitingState(slot)
        w.lastAnnounced = wait
        state[slot] = .waiting(w)
        out.append(.announce(handleOf(slot), position: Int32(clamping: position), expectedWait: wait))
    }
}

/// A contact's estimates at one instant, kept for that instant.
struct AnnouncedEstimates {
    var generation: UInt32 = 0
    var ticket: Int64 = -1
    var at: Int64 = .min
    var estimates = WaitEstimates(position: 0, queueLength: 0, queueLengthDeviation: 0, headOfLine: 0,
                                  lastToEnterService: 0, smoothedHoldTime: 0)

    func matches(_ contact: ContactHandle, _ ticket: Int64, _ now: Int64) -> Bool {
        at == now && generation == contact.generation && self.ticket == ticket
    }
}

extension RoutingCore {
    /// The shortest wait, in microseconds, after which `agent` may serve a
    /// contact of `queue` (an expansion step admits it and its routing
    /// profile's delay has passed), or nil if it never may. For judging
    /// estimates: an agent left idle would have served such a contact.
    public func qualifyingWait(agent: AgentID, queue: QueueID) -> Int64? {
        let a = Int(agent.index), q = Int(queue.index)
        guard a >= 0 && a < topology.agentBuckets.count else { return nil }
        var best: Int64?
        for ref in topology.agentBuckets[a] where Int(bucketQueue[Int(ref.bucket)]) == q {
            let start = bucketStart[Int(ref.bucket)]
            if best == nil || start < best! { best = start }
        }
        return best
    }
}
