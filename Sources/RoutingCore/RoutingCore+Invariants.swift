/// Whole-state consistency checks, run after every event when
/// `checksInvariants` is set. O(state size); traps on a violation.
extension RoutingCore {
    public func checkInvariants() {
        // Contacts: each is with at most one agent, in the right buckets and lines.
        var agentContacts = [Int32](repeating: 0, count: agents.count)
        var loads = [[Int32]](repeating: [0, 0, 0, 0], count: agents.count)
        var waiting = [Int](repeating: 0, count: queues.count)
        var inBuckets = 0
        var engagedCount = 0
        for slot in state.indices {
            let i = info[slot]
            switch state[slot] {
            case .offered, .connected, .wrapUp:
                precondition(engaged.contains(slot), "held contact missing from the engaged set")
                engagedCount += 1
            case .free, .waiting: precondition(!engaged.contains(slot), "contact no agent holds in the engaged set")
            }
            switch state[slot] {
            case .free: continue
            case .waiting(let w):
                waiting[Int(i.queue)] += 1
                check(slot, membership: 0, queue: Int(i.queue), phase: w.phase)
                inBuckets += 1
                if w.secondQueue >= 0 {
                    check(slot, membership: 1, queue: Int(w.secondQueue), phase: w.secondPhase)
                    inBuckets += 1
                }
                precondition(w.phase == phase(Int(i.queue), wait: clock - i.arrival)
                             || nextDeadline(slot, w) <= clock, "contact in a stale phase")
            case .offered(let e), .connected(let e), .wrapUp(let e):
                if case .offered = state[slot] { waiting[Int(i.queue)] += 1 }
                agentContacts[Int(e.agent)] += 1
                loads[Int(e.agent)][queues[Int(e.servedQueue)].channel] += 1
                precondition(bucketPosition[slot * 2] < 0 && bucketPosition[slot * 2 + 1] < 0,
                             "engaged contact still in a bucket")
            }
        }
        precondition(engaged.count == engagedCount, "engaged set population")
        precondition(buckets.reduce(0) { $0 + $1.count } == inBuckets, "bucket population")
        for (q, line) in lines.enumerated() {
            line.checkInvariants()
            precondition(line.count == waiting[q], "line count of queue \(q)")
        }
        for b in buckets { b.checkInvariants(positions: bucketPosition) }

        // Agents: capacity, mixing, counters, pool membership.
        var counts = StatusCounts()
        var available = [Int32](repeating: 0, count: rules.count)
        for a in agents.indices {
            let r = agents[a]
            counts[r.status] += 1
            if r.status == .available {
                for (k, rule) in rules.enumerated() where agentModels[a].groups.contains(rule.group) { available[k] += 1 }
            }
            if !r.loggedIn {
                precondition(agentContacts[a] == 0, "logged-out agent holds contacts")
            } else {
                let li = r.work
                precondition(li.offered + li.connected + li.wrapping == agentContacts[a], "agent contact count")
                precondition(!li.logOutWhenDone || li.total > 0, "idle agent left pending log-out")
                var exclusive: Int32 = 0
                for c in 0..<4 {
                    precondition(li.load(c) == loads[a][c], "agent load")
                    precondition(li.load(c) <= agentCapacity[a][c], "agent over channel capacity")
                    if exclusiveChannel[c] { exclusive += li.load(c) }
                }
                precondition(li.exclusiveLoad == exclusive, "exclusive load")
                precondition(exclusive == 0 || li.total == 1, "exclusive contact mixed with others")
            }
            for m in topology.agentPools[a] {
                let pool = pools[Int(m.pool)]
                var should = false
                if r.loggedIn, r.work.takesWork {
                    let li = r.work
                    should = li.fits(pool.channel, exclusive: exclusiveChannel[pool.channel],
                                     capacity: agentCapacity[a][pool.channel])
                }
                precondition(pool.contains(m.local) == should, "pool membership of agent \(a)")
            }
        }
        precondition(counts == statusCounts, "status counters")
        precondition(available == ruleAvailable, "reservation counters")
        for pool in pools { pool.checkInvariants() }

        // Work conservation: no waiting contact has an open pool with an available agent.
        for (b, bucket) in buckets.enumerated() where !bucket.isEmpty {
            for ref in topology.bucketPools[b] where gatePasses(ref.gate) {
                precondition(pools[Int(ref.pool)].isEmpty, "contact waits while a qualified agent is free")
            }
        }
    }

    private func check(_ slot: Int, membership m: Int, queue q: Int, phase: Int32) {
        let b = Int(queues[q].firstBucket + phase)
        let p = Int(bucketPosition[slot * 2 + m])
        precondition(p >= 0 && p < buckets[b].count && buckets[b].heap[p].ref == Int32(slot * 2 + m),
                     "contact not at its bucket position")
    }
}
