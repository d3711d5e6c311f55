/// Who may serve which bucket: the agent pools of each (queue, phase) bucket
/// and, per agent, the buckets and pools it belongs to. Derived from the
/// static configuration and the agents' skills; rebuilt (O(buckets x
/// agents)) when skills change or an agent is added, never per event.
struct Topology {
    /// A sub-pool serving a bucket, with the reservation rules (bit set)
    /// that must have more than `keepFree` available agents to use it.
    struct PoolRef {
        var pool: Int32
        var gate: UInt64
    }

    /// A bucket an agent may serve, with its reservation gate.
    struct BucketRef {
        var bucket: Int32
        var gate: UInt64
    }

    struct Membership {
        var pool: Int32
        var local: Int32
    }

    var pools: [AgentPool] = []
    var bucketPools: [[PoolRef]]
    var agentPools: [[Membership]]
    var agentBuckets: [[BucketRef]]
    /// Buckets whose use some rule gates, per rule.
    var ruleBuckets: [[Int32]]

    init(queues: [QueueModel], agents: [AgentModel], profiles: [ProfileModel], rules: [ReservationModel]) {
        let bucketCount = queues.last.map { Int($0.firstBucket) + $0.phaseStart.count } ?? 0
        bucketPools = Array(repeating: [], count: bucketCount)
        agentPools = Array(repeating: [], count: agents.count)
        agentBuckets = Array(repeating: [], count: agents.count)
        ruleBuckets = Array(repeating: [], count: rules.count)
        let ruleMask = agents.map { a in
            var m: UInt64 = 0
            for (r, rule) in rules.enumerated() where a.groups.contains(rule.group) { m |= 1 << UInt64(r) }
            return m
        }
        struct Signature: Hashable {
            var channel: Int
            var policy: AgentSelectionPolicy
            var members: [Int32]
            var proficiency: [Int8]
        }
        var known: [Signature: Int32] = [:]
        for (q, queue) in queues.enumerated() {
            var unprotected: UInt64 = 0
            for (r, rule) in rules.enumerated() where !rule.protects[q] { unprotected |= 1 << UInt64(r) }
            for phase in queue.phaseStart.indices {
                let bucket = queue.firstBucket + Int32(phase)
                let requirement = queue.requirements[Int(queue.phaseStep[phase])]
                // Partition qualified agents by the gate that applies to them, in agent order.
                var gates: [UInt64] = []
                var members: [[Int32]] = []
                for (a, agent) in agents.enumerated() {
                    let delay = agent.profile >= 0 ? profiles[Int(agent.profile)].delays[q] : 0
                    guard delay <= queue.phaseStart[phase],
                          requirement.admits(levels: agent.levels, groups: agent.groups) else { continue }
                    let gate = ruleMask[a] & unprotected
                    agentBuckets[a].append(BucketRef(bucket: bucket, gate: gate))
                    if let i = gates.firstIndex(of: gate) {
                        members[i].append(Int32(a))
                    } else {
                        gates.append(gate)
                        members.append([Int32(a)])
                    }
                }
                for (gate, list) in zip(gates, members) {
                    let proficiency = list.map { requirement.proficiency(levels: agents[Int($0)].levels) }
                    let signature = Signature(channel: queue.channel, policy: queue.selection,
                                              members: list, proficiency: proficiency)
                    let pool: Int32
                    if let existing = known[signature] {
                        pool = existing
                    } else {
                        pool = Int32(pools.count)
                        known[signature] = pool
                        pools.append(AgentPool(channel: queue.channel, policy: queue.selection,
                                               members: list, proficiency: proficiency))
                        for (local, a) in list.enumerated() {
                            agentPools[Int(a)].append(Membership(pool: pool, local: Int32(local)))
                        }
                    }
                    bucketPools[Int(bucket)].append(PoolRef(pool: pool, gate: gate))
                    for r in rules.indices where gate & (1 << UInt64(r)) != 0
                        && ruleBuckets[r].last != bucket {
                        ruleBuckets[r].append(bucket)
                    }
                }
            }
        }
    }
}
