/// The two routing decisions: agent selection for a waiting contact, and
/// contact selection for a freed agent.
extension RoutingCore {
    /// Key of agent `a`, whose record is at `r`, in a pool of `policy`.
    /// Reads the record's fields in place (copying the whole record costs
    /// more on the hot path).
    @inline(__always) func poolKey(_ a: Int, _ r: UnsafePointer<AgentRecord>, _ policy: AgentSelectionPolicy,
                                   proficiency: Int8) -> PoolKey {
        let load = r.pointee.loggedIn ? r.pointee.work.total : 0
        switch policy {
        case .longestIdle, .weightedRandom:
            return PoolKey(load: load, agent: Int32(a), primary: r.pointee.idleSince, secondary: 0)
        case .mostProficient:
            return PoolKey(load: load, agent: Int32(a), primary: -Int64(proficiency), secondary: r.pointee.idleSince)
        case .leastOccupied:
            return PoolKey(load: load, agent: Int32(a), primary: r.pointee.busyCurrent + r.pointee.busyPrevious,
                           secondary: r.pointee.idleSince)
        case .roundRobin:
            return PoolKey(load: load, agent: Int32(a), primary: r.pointee.lastAssigned, secondary: 0)
        case .fewestSkills:
            return PoolKey(load: load, agent: Int32(a), primary: Int64(agentModels[a].skillCount),
                           secondary: r.pointee.idleSince)
        }
    }

    /// Whether every reservation rule in `gate` has more than `keepFree` agents available.
    @inline(__always) func gatePasses(_ gate: UInt64) -> Bool {
        var g = gate
        while g != 0 {
            let r = g.trailingZeroBitCount
            if ruleAvailable[r] <= rules[r].keepFree { return false }
            g &= g - 1
        }
        return true
    }

    /// After agent `a`'s state changed: its status, the counters that depend
    /// on it, and its place in each of its pools.
    // `@_transparent`: see `RoutingCore.apply`.
    @_transparent
    mutating func reindexAgent(_ a: Int) {
        let r = agents.address(a)
        updateStatus(a, r)
        refreshPools(a, r)
    }

    /// Puts agent `a` into (or takes it out of, or re-keys it in) each of its
    /// pools according to its state. O(pools of a x log n).
    @inline(__always)
    mutating func refreshPools(_ a: Int) { refreshPools(a, agents.address(a)) }

    /// `refreshPools` for agent `a`, whose record is at `r`.
    // `@_transparent`: see `RoutingCore.apply`.
    @_transparent
    private mutating func refreshPools(_ a: Int, _ r: UnsafeMutablePointer<AgentRecord>) {
        let memberships = topology.agentPools.list(a)
        guard r.pointee.loggedIn, r.pointee.work.takesWork else {
            for m in memberships {
                pools[Int(m.pool)].remove(m.local)
            }
            return
        }
        for m in memberships {
            if r.pointee.work.fits(Int(m.channel), exclusive: m.exclusive, capacity: m.capacity) {
                pools[Int(m.pool)].set(m.local, key: poolKey(a, r, m.policy, proficiency: m.proficiency))
            } else {
                pools[Int(m.pool)].remove(m.local)
            }
        }
    }

    /// Recomputes agent `a`'s status and the counters that depend on it.
    @inline(__always)
    mutating func updateStatus(_ a: Int) { updateStatus(a, agents.address(a)) }

    /// `updateStatus` for agent `a`, whose record is at `r`.
    @inline(__always)
    private mutating func updateStatus(_ a: Int, _ r: UnsafeMutablePointer<AgentRecord>) {
        let new: AgentStatus
        var staffed = false
        if !r.pointee.loggedIn {
            new = .loggedOut
        } else {
            let li = r.pointee.work
            staffed = li.takesWork
            if li.offered > 0 { new = .reserved }
            else if li.connected > 0 { new = .busy }
            else if li.wrapping > 0 { new = .wrapUp }
            else if !li.takesWork { new = .notReady }
            else { new = .available }
        }
        let old = r.pointee.status
        if new != old {
            statusCounts[old] -= 1
            statusCounts[new] += 1
            r.pointee.status = new
            if old == .available || new == .available {
                let delta: Int32 = new == .available ? 1 : -1
                var mask = agentRuleMask[a]
                while mask != 0 {
                    let r = mask.trailingZeroBitCount
                    ruleAvailable[r] += delta
                    if delta > 0 && ruleAvailable[r] == rules[r].keepFree + 1 { openedRules |= 1 << UInt64(r) }
                    mask &= mask - 1
                }
            }
        }
        if staffed != r.pointee.staffed {
            r.pointee.staffed = staffed
            let delta: Int32 = staffed ? 1 : -1
            for ref in topology.agentBuckets.list(a) {
                bucketStaffed[Int(ref.bucket)] += delta
            }
        }
    }

    /// Tries to give the waiting contact in `slot` an agent, through its own
    /// queue first, then its interflow queue. Returns whether it did.
    @discardableResult
    mutating func routeContact<R: RandomNumberGenerator>(_ slot: Int, _ rng: inout R) -> Bool {
        guard case .waiting(let w) = state[slot] else { return false }
        let q = Int(info[slot].queue)
        if let a = pickAgent(bucket: Int(queues[q].firstBucket + w.phase), &rng) {
            assign(slot, to: a, from: q)
            return true
        }
        if w.secondQueue >= 0, let a = pickAgent(bucket: Int(queues[Int(w.secondQueue)].firstBucket + w.secondPhase), &rng) {
            assign(slot, to: a, from: Int(w.secondQueue))
            return true
        }
        return false
    }

    /// Agent selection among the bucket's pools whose gates are open.
    @inline(__always) func pickAgent<R: RandomNumberGenerator>(bucket b: Int, _ rng: inout R) -> Int? {
        let refs = topology.bucketPools.list(b)
        if queues[Int(bucketQueue[b])].selection == .weightedRandom {
            var total: Int64 = 0
            for ref in refs {
                if !pools[Int(ref.pool)].isEmpty && gatePasses(ref.gate) {
                    total += pools[Int(ref.pool)].totalWeight
                }
            }
            guard total > 0 else { return nil }
            var r = Int64(rng.next(upperBound: UInt64(total)))
            for ref in refs {
                let p = Int(ref.pool)
                guard !pools[p].isEmpty && gatePasses(ref.gate) else { continue }
                let weight = pools[p].totalWeight
                if r < weight { return Int(pools[p].members[Int(pools[p].member(atWeight: r))]) }
                r -= weight
            }
            preconditionFailure("weighted draw out of range")
        }
        var best: PoolKey?
        for ref in refs {
            guard !pools[Int(ref.pool)].isEmpty && gatePasses(ref.gate) else { continue }
            let key = pools[Int(ref.pool)].top.key
            if best == nil || key < best! { best = key }
        }
        return best.map { Int($0.agent) }
    }

    /// Contact selection for agent `a`: while it can take work, assigns it
    /// the best head among the buckets it serves. O(buckets of a) per pick.
    /// Returns whether it assigned any.
    @discardableResult @inline(__always)
    mutating func fillAgent<R: RandomNumberGenerator>(_ a: Int, _ rng: inout R) -> Bool {
        // Most often every bucket the agent serves is empty: say so at once.
        for ref in topology.agentBuckets.list(a) where !buckets[Int(ref.bucket)].isEmpty {
            return pickContacts(for: a, &rng)
        }
        return false
    }

    /// `fillAgent`'s work, once some bucket of agent `a` holds a contact.
    private mutating func pickContacts<R: RandomNumberGenerator>(for a: Int, _ rng: inout R) -> Bool {
        let profile = Int(agentModels[a].profile)
        let policy = profile >= 0 ? profiles[profile].contactSelection : contactSelection
        let capacity = agentCapacity[a]
        var assigned = false
        while agents[a].loggedIn, case let li = agents[a].work, li.takesWork {
            var bestRef: Int32 = -1
            var bestBucket = -1
            for ref in topology.agentBuckets.list(a) {
                let b = Int(ref.bucket)
                if buckets[b].isEmpty { continue }
                let q = Int(bucketQueue[b])
                let channel = queues[q].channel
                guard li.fits(channel, exclusive: queues[q].exclusive, capacity: capacity[channel]),
                      ref.gate == 0 || gatePasses(ref.gate) else { continue }
                let head = buckets[b].head
                if bestBucket < 0 || prefers(head, q, over: buckets[bestBucket].head, Int(bucketQueue[bestBucket]), policy) {
                    bestBucket = b
                    bestRef = head.ref
                }
            }
            guard bestBucket >= 0 else { break }
            let slot = Int(bestRef >> 1)
            let q = bestRef & 1 == 0 ? Int(info[slot].queue) : Int(waitingState(slot).secondQueue)
            assign(slot, to: a, from: q)
            assigned = true
        }
        return assigned
    }

    @inline(__always) func waitingState(_ slot: Int) -> Waiting {
        guard case .waiting(let w) = state[slot] else { preconditionFailure("contact not waiting") }
        return w
    }

    /// Whether head `x` of queue `qx` beats head `y` of queue `qy` under `policy`.
    private func prefers(_ x: ContactBucket.Entry, _ qx: Int, over y: ContactBucket.Entry, _ qy: Int,
                         _ policy: ContactSelectionPolicy) -> Bool {
        let ix = info[Int(x.ref >> 1)], iy = info[Int(y.ref >> 1)]
        switch policy {
        case .queuePriority:
            if queues[qx].priority != queues[qy].priority { return queues[qx].priority > queues[qy].priority }
            if ix.priority != iy.priority { return ix.priority > iy.priority }
        case .agedPriority:
            let sx = Double(ix.priority) + queues[qx].agingPerMicro * Double(clock - ix.arrival)
            let sy = Double(iy.priority) + queues[qy].agingPerMicro * Double(clock - iy.arrival)
            if sx != sy { return sx > sy }
        case .weightedWait:
            let sx = queues[qx].weight * Double(clock - ix.arrival)
            let sy = queues[qy].weight * Double(clock - iy.arrival)
            if sx != sy { return sx > sy }
        }
        if ix.arrival != iy.arrival { return ix.arrival < iy.arrival }
        return ix.sequence < iy.sequence
    }

    /// Offers or connects the waiting contact in `slot` to agent `a`, from queue `q`.
    mutating func assign(_ slot: Int, to a: Int, from q: Int) {
        let w = waitingState(slot)
        removeFromBuckets(slot, w)
        engage(slot, a, q, phase: q == Int(info[slot].queue) ? w.phase : w.secondPhase, w, inLine: true)
    }

    /// Gives the contact in `slot`, out of every bucket, to agent `a` from
    /// queue `q` at `phase`: an offer, or a connection (which takes it out of
    /// its queue's line when `inLine`).
    // `@_transparent`: see `RoutingCore.apply`.
    @_transparent
    mutating func engage(_ slot: Int, _ a: Int, _ q: Int, phase: Int32, _ w: Waiting, inLine: Bool) {
        if checksInvariants {
            let requirement = queues[q].requirements[Int(queues[q].phaseStep[Int(phase)])]
            precondition(requirement.admits(levels: agentModels[a].levels, groups: agentModels[a].groups),
                         "contact offered to an agent lacking the required skill")
        }
        let r = agents.address(a)
        precondition(r.pointee.loggedIn, "agent not logged in")
        r.pointee.work.add(queues[q].channel, 1, exclusive: queues[q].exclusive)
        r.pointee.lastAssigned = nextAssignment
        nextAssignment += 1
        decisions += 1
        var e = Engaged(agent: Int32(a), servedQueue: Int32(q), until: 0, answered: 0,
                        phase: phase, ticket: w.ticket,
                        secondQueue: w.secondQueue, entered: w.entered, nextOverflow: w.nextOverflow)
        if let timeout = queues[q].offerTimeout {
            r.pointee.work.offered += 1
            e.until = clock + timeout
            state[slot] = .offered(e)
            engaged.insert(slot)
            out.append(.offer(handleOf(slot), AgentID(a), deadline: e.until))
            armTimer(slot)
        } else {
            r.pointee.work.connected += 1
            e.answered = clock
            state[slot] = .connected(e)
            engaged.insert(slot)
            if inLine { lines[Int(info[slot].queue)].leave(w.ticket) }
            recordAnswer(q, wait: clock - info[slot].arrival)
            out.append(.assign(handleOf(slot), AgentID(a)))
            // Connected: no deadline, and any timer it had is void.
            timerStamp[slot] &+= 1
        }
        updateStatus(a, r)
        refreshPools(a, r)
    }

    /// Routes the heads of buckets whose reservation gate just opened.
    mutating func drainOpenedGates<R: RandomNumberGenerator>(_ rng: inout R) {
        while openedRules != 0 {
            let r = openedRules.trailingZeroBitCount
            openedRules &= openedRules - 1
            for b in topology.ruleBuckets[r] {
                while !buckets[Int(b)].isEmpty {
                    guard routeContact(Int(buckets[Int(b)].head.ref >> 1), &rng) else { break }
                }
            }
        }
    }
}
