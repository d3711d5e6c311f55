/// Expected-wait estimates and announcements.
extension RoutingCore {
    /// Place in line and every estimator's expected remaining wait for a
    /// waiting (or offered) contact at `now` (which must not precede the
    /// last event). Cheap: O(log n) for the place, O(1) for the rest.
    /// Nil for a stale handle or a contact that is no longer waiting.
    public func waitEstimates(of contact: ContactHandle, at now: Int64) -> WaitEstimates? {
        guard let slot = live(contact) else { return nil }
        let ticket: Int64
        switch state[slot] {
        case .waiting(let w): ticket = w.ticket
        case .offered(let e): ticket = e.ticket
        default: return nil
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
        let staffed = Double(bucketStaffed[Int(queues[q].firstBucket + phase)])
        let theta = stats.exposureSeconds > 0 ? Double(stats.abandoned) / stats.exposureSeconds : 0
        let serviceRate = staffed * microsPerSecond / stats.averageHandle
        let seconds = queueLengthWait(ahead: ahead, serviceRate: serviceRate, abandonRate: theta)
        let queueLength = seconds.isFinite ? Int64((seconds * microsPerSecond).rounded()) : .max
        let deviation = seconds.isFinite
            ? Int64((queueLengthVariance(ahead: ahead, serviceRate: serviceRate, abandonRate: theta).squareRoot()
                * microsPerSecond).rounded())
            : .max
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
    func estimate(_ slot: Int, _ method: WaitEstimator) -> (position: Int, wait: Int64) {
        let e = estimates(slot, ticket: waitingState(slot).ticket, at: clock)
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
