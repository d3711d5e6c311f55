/// Contact life cycle: arrival, waiting (phases, overflow, announcements),
/// offer, connection, wrap-up, release, abandonment.
extension RoutingCore {
    // MARK: Slots

    @inline(__always)
    private mutating func allocateSlot() -> Int {
        if freeSlot >= 0 {
            let s = Int(freeSlot)
            guard case .free(let next) = state[s] else { preconditionFailure("free list corrupt") }
            freeSlot = next
            return s
        }
        if slotCount == store.slotCapacity {
            store = store.copy(slotCapacity: max(64, 2 * slotCount), agentCount: store.agentCount)
        }
        slotCount += 1
        return slotCount - 1
    }

    @inline(__always)
    private mutating func releaseSlot(_ slot: Int) {
        generation[slot] &+= 1
        timerStamp[slot] &+= 1
        state[slot] = .free(next: freeSlot)
        engaged.remove(slot)
        freeSlot = Int32(slot)
    }

    // MARK: Buckets and phases

    /// The phase of queue `q` for a contact that has waited `wait`.
    @inline(__always) func phase(_ q: Int, wait: Int64) -> Int32 {
        let first = Int(queues[q].firstBucket)
        var b = first + queues[q].phaseStart.count - 1
        while bucketStart[b] > wait { b -= 1 }
        return Int32(b - first)
    }

    mutating func insertInBucket(_ slot: Int, membership: Int, queue q: Int, phase: Int32) {
        let i = info[slot]
        let entry = ContactBucket.Entry(
            rank: queues[q].agingPerMicro * Double(i.arrival) - Double(i.priority),
            arrival: i.arrival, sequence: i.sequence, ref: Int32(slot * 2 + membership))
        buckets[Int(queues[q].firstBucket + phase)].insert(entry, positions: bucketPosition.buffer)
    }

    private mutating func removeFromBucket(_ slot: Int, membership: Int, queue q: Int, phase: Int32) {
        let b = Int(queues[q].firstBucket + phase)
        buckets[b].remove(at: Int(bucketPosition[slot * 2 + membership]), positions: bucketPosition.buffer)
    }

    @inline(__always)
    mutating func removeFromBuckets(_ slot: Int, _ w: Waiting) {
        removeFromBucket(slot, membership: 0, queue: Int(info[slot].queue), phase: w.phase)
        if w.secondQueue >= 0 { removeFromBucket(slot, membership: 1, queue: Int(w.secondQueue), phase: w.secondPhase) }
    }

    /// The earliest pending deadline of a waiting contact.
    @inline(__always) func nextDeadline(_ slot: Int, _ w: Waiting) -> Int64 {
        let arrival = info[slot].arrival
        let q = Int(info[slot].queue)
        var d = min(w.nextAnnounce, w.nextRecheck)
        if Int(w.phase) + 1 < queues[q].phaseStart.count {
            d = min(d, arrival + bucketStart[Int(queues[q].firstBucket + w.phase) + 1])
        }
        if w.secondQueue >= 0 {
            let q2 = Int(w.secondQueue)
            if Int(w.secondPhase) + 1 < queues[q2].phaseStart.count {
                d = min(d, arrival + bucketStart[Int(queues[q2].firstBucket + w.secondPhase) + 1])
            }
        }
        if Int(w.nextOverflow) < queues[q].timedOverflow.count {
            d = min(d, w.entered + queues[q].timedOverflow[Int(w.nextOverflow)].threshold)
        }
        return d
    }

    /// A fresh waiting state for a contact entering queue `q` now.
    @inline(__always) private func entering(_ q: Int, _ slot: Int, ticket: Int64) -> Waiting {
        var w = Waiting(phase: phase(q, wait: clock - info[slot].arrival), ticket: ticket, entered: clock)
        if let every = queues[q].announceEvery { w.nextAnnounce = clock + every }
        if let recheck = queues[q].recheck { w.nextRecheck = clock + recheck }
        return w
    }

    // MARK: Arrival

    mutating func arrive<R: RandomNumberGenerator>(queue q32: Int32, priority: Int32, _ rng: inout R) -> ContactHandle {
        let q = Int(q32)
        let slot = allocateSlot()
        info[slot] = ContactInfo(queue: q32, originalQueue: q32, arrival: clock, sequence: nextSequence,
                                 priority: priority)
        nextSequence += 1
        arrivalRates[q].add(at: clock, prioritised: priority > 0)
        let handle = handleOf(slot)
        // Connected at once (no offer to wait for): the contact never enters
        // its queue's line or buckets. The same decision as routing it from
        // there, since agent selection does not look at waiting contacts.
        if queues[q].offerTimeout == nil {
            let phase = phase(q, wait: 0)
            if let a = pickAgent(bucket: Int(queues[q].firstBucket + phase), &rng) {
                engage(slot, a, q, phase: phase, Waiting(phase: phase, ticket: -1, entered: clock), inLine: false)
                return handle
            }
        }
        let ticket = lines[q].enter(Int32(slot))
        let w = entering(q, slot, ticket: ticket)
        state[slot] = .waiting(w)
        insertInBucket(slot, membership: 0, queue: q, phase: w.phase)
        // Without offers, the agent selection above already found no agent.
        if queues[q].offerTimeout != nil && routeContact(slot, &rng) { return handle }
        if !queues[q].estimateOverflow.isEmpty {
            let ewt = estimate(slot, queues[q].estimator).wait
            if let rule = queues[q].estimateOverflow.first(where: { ewt > $0.threshold }) {
                overflow(slot, rule, timed: false, &rng)
                guard case .waiting = state[slot] else { return handle }
            }
        }
        let current = Int(info[slot].queue)
        if queues[current].announceAtEntry || queues[current].callbackAbove != nil {
            let (position, ewt) = estimate(slot, queues[current].estimator)
            if queues[current].announceAtEntry { announce(slot, position: position, wait: ewt) }
            offerCallbackIfLong(slot, ewt)
        }
        armTimer(slot)
        return handle
    }

    // MARK: Waiting deadlines

    mutating func contactDeadline<R: RandomNumberGenerator>(_ slot: Int, _ rng: inout R) {
        switch state[slot] {
        case .offered: returnOffer(slot, timedOut: true, &rng)
        case .wrapUp(let e): release(slot, e, &rng)
        case .waiting: waitingDeadline(slot, &rng)
        case .free, .connected: preconditionFailure("timer for a contact without deadline")
        }
    }

    private mutating func waitingDeadline<R: RandomNumberGenerator>(_ slot: Int, _ rng: inout R) {
        var moved = advancePhases(slot)
        var w = waitingState(slot)
        while case let rules = queues[Int(info[slot].queue)].timedOverflow, Int(w.nextOverflow) < rules.count,
              w.entered + rules[Int(w.nextOverflow)].threshold <= clock {
            let rule = rules[Int(w.nextOverflow)]
            w.nextOverflow += 1
            state[slot] = .waiting(w)
            overflow(slot, rule, timed: true, &rng)
            guard case .waiting(let now) = state[slot] else { return }
            w = now
            moved = true
        }
        if moved && routeContact(slot, &rng) { return }
        let queue = queues[Int(info[slot].queue)]
        if w.nextAnnounce <= clock {
            w.nextAnnounce = queue.announceEvery.map { clock + $0 } ?? .max
            state[slot] = .waiting(w)
            announce(slot)
            w = waitingState(slot)
        }
        if w.nextRecheck <= clock {
            w.nextRecheck = queue.recheck.map { clock + $0 } ?? .max
            state[slot] = .waiting(w)
            recheck(slot, &rng)
            guard case .waiting = state[slot] else { return }
        }
        armTimer(slot)
    }

    /// Moves the contact to the buckets of the phases its wait has reached.
    private mutating func advancePhases(_ slot: Int) -> Bool {
        var w = waitingState(slot)
        let wait = clock - info[slot].arrival
        let q = Int(info[slot].queue)
        var changed = false
        let p = phase(q, wait: wait)
        if p != w.phase {
            removeFromBucket(slot, membership: 0, queue: q, phase: w.phase)
            w.phase = p
            insertInBucket(slot, membership: 0, queue: q, phase: p)
            changed = true
        }
        if w.secondQueue >= 0 {
            let q2 = Int(w.secondQueue)
            let p2 = phase(q2, wait: wait)
            if p2 != w.secondPhase {
                removeFromBucket(slot, membership: 1, queue: q2, phase: w.secondPhase)
                w.secondPhase = p2
                insertInBucket(slot, membership: 1, queue: q2, phase: p2)
                changed = true
            }
        }
        state[slot] = .waiting(w)
        return changed
    }

    /// Re-evaluates the estimate: overflow, change announcement, callback offer.
    private mutating func recheck<R: RandomNumberGenerator>(_ slot: Int, _ rng: inout R) {
        let queue = queues[Int(info[slot].queue)]
        let (position, ewt) = estimate(slot, queue.estimator)
        if let rule = queue.estimateOverflow.first(where: { ewt > $0.threshold }) {
            let before = info[slot].queue
            overflow(slot, rule, timed: false, &rng)
            if info[slot].queue != before { return }
            guard case .waiting = state[slot] else { return }
        }
        let w = waitingState(slot)
        if let change = queue.announceChangeAbove, w.lastAnnounced >= 0,
           ewt == .max ? w.lastAnnounced != .max : abs(ewt - w.lastAnnounced) > change {
            announce(slot, position: position, wait: ewt)
        }
        offerCallbackIfLong(slot, ewt)
    }

    private mutating func offerCallbackIfLong(_ slot: Int, _ ewt: Int64) {
        guard let threshold = queues[Int(info[slot].queue)].callbackAbove, ewt > threshold,
              !info[slot].callback, !info[slot].callbackOffered else { return }
        info[slot].callbackOffered = true
        out.append(.offerCallback(handleOf(slot), expectedWait: ewt))
    }

    /// Applies an overflow (move) or interflow (also eligible) rule, then
    /// routes. A contact waits in its own queue and at most one other: a
    /// `timed` interflow (each fires once, in order of time) takes that other
    /// queue's place; one on the expected wait, checked again at every
    /// recheck, only adds a queue to a contact waiting in no other.
    private mutating func overflow<R: RandomNumberGenerator>(_ slot: Int, _ rule: OverflowModel, timed: Bool,
                                                             _ rng: inout R) {
        var w = waitingState(slot)
        let from = Int(info[slot].queue)
        let target = Int(rule.target)
        if rule.keepOriginal {
            guard Int(w.secondQueue) != target && (timed || w.secondQueue < 0) else { return }
            if w.secondQueue >= 0 {
                removeFromBucket(slot, membership: 1, queue: Int(w.secondQueue), phase: w.secondPhase)
            }
            w.secondQueue = rule.target
            w.secondPhase = phase(target, wait: clock - info[slot].arrival)
            state[slot] = .waiting(w)
            insertInBucket(slot, membership: 1, queue: target, phase: w.secondPhase)
            out.append(.alsoQueued(handleOf(slot), QueueID(target)))
        } else {
            if Int(w.secondQueue) == target {
                removeFromBucket(slot, membership: 1, queue: target, phase: w.secondPhase)
                w.secondQueue = -1
            }
            removeFromBucket(slot, membership: 0, queue: from, phase: w.phase)
            lines[from].leave(w.ticket)
            info[slot].queue = rule.target
            let ticket = lines[target].enter(Int32(slot))
            var n = entering(target, slot, ticket: ticket)
            n.secondQueue = w.secondQueue
            n.secondPhase = w.secondPhase
            n.lastAnnounced = w.lastAnnounced
            state[slot] = .waiting(n)
            insertInBucket(slot, membership: 0, queue: target, phase: n.phase)
            out.append(.moved(handleOf(slot), from: QueueID(from), to: QueueID(target)))
        }
        if routeContact(slot, &rng) { return }
        armTimer(slot)
    }

    // MARK: Offers

    mutating func accept(_ c: ContactHandle) -> RoutingRejection? {
        guard let slot = live(c) else { return .staleContact }
        guard case .offered(var e) = state[slot] else { return .wrongContactState }
        let a = Int(e.agent)
        precondition(agents[a].loggedIn, "offer to logged-out agent")
        agents[a].work.offered -= 1
        agents[a].work.connected += 1
        e.answered = clock
        state[slot] = .connected(e)
        lines[Int(info[slot].queue)].leave(e.ticket)
        recordAnswer(Int(e.servedQueue), wait: clock - info[slot].arrival)
        updateStatus(a)
        armTimer(slot)
        return nil
    }

    mutating func declineOffer<R: RandomNumberGenerator>(_ c: ContactHandle, timedOut: Bool, _ rng: inout R)
        -> RoutingRejection? {
        guard let slot = live(c) else { return .staleContact }
        guard case .offered = state[slot] else { return .wrongContactState }
        returnOffer(slot, timedOut: timedOut, &rng)
        return nil
    }

    /// Ring-no-answer or reject: the agent goes not ready, the contact back
    /// to its place (its bucket key is unchanged) and is routed again.
    private mutating func returnOffer<R: RandomNumberGenerator>(_ slot: Int, timedOut: Bool, _ rng: inout R) {
        guard case .offered(let e) = state[slot] else { preconditionFailure("not offered") }
        let a = Int(e.agent)
        let served = Int(e.servedQueue)
        precondition(agents[a].loggedIn, "offer to logged-out agent")
        agents[a].work.offered -= 1
        agents[a].work.add(queues[served].channel, -1, exclusive: queues[served].exclusive)
        agents[a].work.notReadyReason = ringNoAnswerReason
        if timedOut { out.append(.offerTimedOut(handleOf(slot), AgentID(a))) }
        out.append(.agentNotReady(AgentID(a), reason: ringNoAnswerReason))
        logOutIfDone(a)
        let q = Int(info[slot].queue)
        var w = entering(q, slot, ticket: e.ticket)
        w.entered = e.entered
        w.nextOverflow = e.nextOverflow
        if e.secondQueue >= 0 {
            w.secondQueue = e.secondQueue
            w.secondPhase = phase(Int(e.secondQueue), wait: clock - info[slot].arrival)
        }
        state[slot] = .waiting(w)
        engaged.remove(slot)
        insertInBucket(slot, membership: 0, queue: q, phase: w.phase)
        if w.secondQueue >= 0 { insertInBucket(slot, membership: 1, queue: Int(w.secondQueue), phase: w.secondPhase) }
        reindexAgent(a)
        if !routeContact(slot, &rng) { armTimer(slot) }
    }

    // MARK: Service end

    mutating func finish<R: RandomNumberGenerator>(_ c: ContactHandle, wrapUp: Int64?, _ rng: inout R)
        -> RoutingRejection? {
        guard let slot = live(c) else { return .staleContact }
        guard case .connected(var e) = state[slot] else { return .wrongContactState }
        let a = Int(e.agent)
        let r = agents.address(a)
        precondition(r.pointee.loggedIn, "contact with logged-out agent")
        r.pointee.work.connected -= 1
        r.pointee.work.wrapping += 1
        e.until = clock + max(wrapUp ?? queues[Int(e.servedQueue)].wrapUp, 0)
        if e.until == clock {
            release(slot, e, &rng)
        } else {
            state[slot] = .wrapUp(e)
            updateStatus(a)
            armTimer(slot)
        }
        return nil
    }

    /// Wrap-up over (`e`: the contact's engagement): frees the agent's
    /// capacity and the contact's slot, then lets the agent take waiting
    /// work (or log out if it asked to).
    @inline(__always)
    mutating func release<R: RandomNumberGenerator>(_ slot: Int, _ e: Engaged, _ rng: inout R) {
        let a = Int(e.agent)
        let q = Int(e.servedQueue)
        let r = agents.address(a)
        precondition(r.pointee.loggedIn, "contact with logged-out agent")
        r.pointee.work.wrapping -= 1
        r.pointee.work.add(queues[q].channel, -1, exclusive: queues[q].exclusive)
        let handled = clock - e.answered
        queueStats[q].averageHandle += handleSmoothing * (Double(handled) - queueStats[q].averageHandle)
        r.pointee.busyCurrent += handled
        if r.pointee.work.total == 0 { r.pointee.idleSince = clock }
        out.append(.released(handleOf(slot), AgentID(a)))
        releaseSlot(slot)
        logOutIfDone(r, a)
        if agentRuleMask[a] == 0 {
            // No reservation gate counts this agent's availability, so it
            // can go straight to waiting work without entering its pools in
            // between (each assignment re-indexes it).
            if !fillAgent(a, &rng) { reindexAgent(a) }
        } else {
            reindexAgent(a)
            fillAgent(a, &rng)
        }
    }

    /// Completes a pending log-out-when-done once the agent holds nothing.
    @inline(__always)
    private mutating func logOutIfDone(_ a: Int) { logOutIfDone(agents.address(a), a) }

    /// `logOutIfDone` for agent `a`, whose record is at `r`.
    @inline(__always)
    private mutating func logOutIfDone(_ r: UnsafeMutablePointer<AgentRecord>, _ a: Int) {
        guard r.pointee.loggedIn, r.pointee.work.logOutWhenDone, r.pointee.work.total == 0 else { return }
        r.pointee.loggedIn = false
        out.append(.agentLoggedOut(AgentID(a)))
    }

    // MARK: Abandonment and callbacks

    mutating func abandon<R: RandomNumberGenerator>(_ c: ContactHandle, _ rng: inout R) -> RoutingRejection? {
        guard let slot = live(c) else { return .staleContact }
        let q = Int(info[slot].queue)
        switch state[slot] {
        case .waiting(let w):
            removeFromBuckets(slot, w)
            lines[q].leave(w.ticket)
            recordAbandon(q, wait: clock - info[slot].arrival)
            releaseSlot(slot)
        case .offered(let e):
            let a = Int(e.agent)
            let served = Int(e.servedQueue)
            precondition(agents[a].loggedIn, "offer to logged-out agent")
            agents[a].work.offered -= 1
            agents[a].work.add(queues[served].channel, -1, exclusive: queues[served].exclusive)
            logOutIfDone(a)
            lines[q].leave(e.ticket)
            recordAbandon(q, wait: clock - info[slot].arrival)
            releaseSlot(slot)
            reindexAgent(a)
            fillAgent(a, &rng)
        default:
            return .wrongContactState
        }
        return nil
    }

    mutating func requestCallback(_ c: ContactHandle) -> RoutingRejection? {
        guard let slot = live(c) else { return .staleContact }
        switch state[slot] {
        case .waiting, .offered: info[slot].callback = true
        default: return .wrongContactState
        }
        return nil
    }

    // MARK: Queue figures

    @inline(__always)
    mutating func recordAnswer(_ q: Int, wait: Int64) {
        queueStats[q].answered += 1
        queueStats[q].exposureSeconds += Double(wait) / microsPerSecond
        queueStats[q].lastServedWait = wait
        let old = queueStats[q].smoothedHold
        queueStats[q].smoothedHold = old < 0 ? wait : (3 * old + wait) / 4
    }

    private mutating func recordAbandon(_ q: Int, wait: Int64) {
        queueStats[q].abandoned += 1
        queueStats[q].exposureSeconds += Double(wait) / microsPerSecond
    }
}
