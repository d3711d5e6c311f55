/// Who may serve which bucket: the agent pools of each (queue, phase) bucket
/// and, per agent, the buckets and pools it belongs to. Derived from the
/// static configuration and the agents' skills; rebuilt (O(buckets x
/// agents)) when skills change or an agent is added, never per event.
///
/// Requirements on one skill (`allOf` with one entry, or `anyOf` entries
/// only, no groups) are served by shared *level bands*: one pool per
/// (channel, policy, skill, exact level), so an agent sits in one pool per
/// skill, and a bucket's selection takes the best top among the bands at or
/// above its minimum level. Other requirements (and `weightedRandom` over
/// several skills, which must not count an agent twice) get a pool of
/// exactly their members. Pools
/// are further split by the reservation rules and routing profile of their
/// members, so that a pool is either wholly usable by a bucket or not.
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

    /// An agent's place in a pool, with what re-indexing the agent needs
    /// of the pool (its channel, whether that is exclusive, and its policy;
    /// the agent's capacity on the channel and proficiency in its
    /// requirement), so that it need not look anywhere else to decide.
    struct Membership {
        var pool: Int32
        var local: Int32
        var capacity: Int32
        var channel: Int8
        var exclusive: Bool
        var policy: AgentSelectionPolicy
        var proficiency: Int8
    }

    /// Per bucket, the pools that serve it (indices into the pools the
    /// initialiser built).
    let bucketPools: FlatLists<PoolRef>
    /// Per agent, its pools and its place in each.
    let agentPools: FlatLists<Membership>
    /// Per agent, the buckets it may serve.
    let agentBuckets: FlatLists<BucketRef>
    /// Buckets whose use some rule gates, per rule.
    let ruleBuckets: FlatLists<Int32>

    /// The topology of the given model; its pools, all empty, go into `pools`
    /// (the core keeps them in its store, as they change with every event).
    init(queues: [QueueModel], agents: [AgentModel], profiles: [ProfileModel], rules: [ReservationModel],
         ruleMasks: [UInt64], pools: inout [AgentPool]) {
        let bucketCount = queues.last.map { Int($0.firstBucket) + $0.phaseStart.count } ?? 0
        var bucketPools = [[PoolRef]](repeating: [], count: bucketCount)
        var agentPools = [[Membership]](repeating: [], count: agents.count)
        var agentBuckets = [[BucketRef]](repeating: [], count: agents.count)
        var ruleBuckets = [[Int32]](repeating: [], count: rules.count)
        var built: [AgentPool] = []

        /// Agents sharing reservation rules and profile: a pool's partition key.
        struct Partition: Hashable {
            var rules: UInt64
            var profile: Int32
        }
        struct Band: Hashable {
            var channel: Int
            var policy: AgentSelectionPolicy
            var skill: Int32
            var level: Int8
        }
        struct Exact: Hashable {
            var channel: Int
            var policy: AgentSelectionPolicy
            var members: [Int32]
            var proficiency: [Int8]
        }
        var bands: [Band: [(Partition, Int32)]] = [:]
        var exact: [Exact: Int32] = [:]

        func delay(_ a: Int, _ q: Int) -> Int64 {
            agents[a].profile >= 0 ? profiles[Int(agents[a].profile)].delays[q] : 0
        }
        func partitions(_ list: [Int32]) -> [(Partition, [Int32])] {
            var keys: [Partition] = []
            var members: [[Int32]] = []
            for a in list {
                let key = Partition(rules: ruleMasks[Int(a)], profile: agents[Int(a)].profile)
                if let i = keys.firstIndex(of: key) { members[i].append(a) } else {
                    keys.append(key)
                    members.append([a])
                }
            }
            return Array(zip(keys, members))
        }
        func addPool(_ pool: AgentPool) -> Int32 {
            let index = Int32(built.count)
            for (local, a) in pool.members.enumerated() {
                agentPools[Int(a)].append(Membership(pool: index, local: Int32(local),
                                                     capacity: agents[Int(a)].capacity[pool.channel],
                                                     channel: Int8(pool.channel), exclusive: pool.exclusive,
                                                     policy: pool.policy, proficiency: pool.proficiency[local]))
            }
            built.append(pool)
            return index
        }

        for (q, queue) in queues.enumerated() {
            var unprotected: UInt64 = 0
            for (r, rule) in rules.enumerated() where !rule.protects[q] { unprotected |= 1 << UInt64(r) }
            for phase in queue.phaseStart.indices {
                let bucket = queue.firstBucket + Int32(phase)
                let start = queue.phaseStart[phase]
                let requirement = queue.requirements[Int(queue.phaseStep[phase])]
                var qualified: [Int32] = []
                for (a, agent) in agents.enumerated()
                where delay(a, q) <= start && requirement.admits(levels: agent.levels, groups: agent.groups) {
                    qualified.append(Int32(a))
                    agentBuckets[a].append(BucketRef(bucket: bucket, gate: ruleMasks[a] & unprotected))
                }
                var refs: [PoolRef] = []
                if let bandList = requirement.bands, queue.selection != .weightedRandom || bandList.count == 1 {
                    for (skill, minimum) in bandList {
                        for level in minimum...10 {
                            let band = Band(channel: queue.channel, policy: queue.selection, skill: skill, level: level)
                            if bands[band] == nil {
                                let members = agents.indices.filter { agents[$0].levels[Int(skill)] == level }
                                bands[band] = partitions(members.map { Int32($0) }).map { key, list in
                                    (key, addPool(AgentPool(channel: queue.channel, policy: queue.selection,
                                                            exclusive: queue.exclusive, members: list,
                                                            proficiency: Array(repeating: level, count: list.count))))
                                }
                            }
                            for (key, pool) in bands[band]! {
                                let d = key.profile >= 0 ? profiles[Int(key.profile)].delays[q] : 0
                                if d <= start { refs.append(PoolRef(pool: pool, gate: key.rules & unprotected)) }
                            }
                        }
                    }
                } else {
                    for (key, list) in partitions(qualified) {
                        let proficiency = list.map { requirement.proficiency(levels: agents[Int($0)].levels) }
                        let signature = Exact(channel: queue.channel, policy: queue.selection, members: list,
                                              proficiency: proficiency)
                        let pool: Int32
                        if let existing = exact[signature] { pool = existing } else {
                            pool = addPool(AgentPool(channel: queue.channel, policy: queue.selection,
                                                     exclusive: queue.exclusive, members: list, proficiency: proficiency))
                            exact[signature] = pool
                        }
                        refs.append(PoolRef(pool: pool, gate: key.rules & unprotected))
                    }
                }
                bucketPools[Int(bucket)] = refs
                for r in rules.indices where refs.contains(where: { $0.gate & (1 << UInt64(r)) != 0 }) {
                    ruleBuckets[r].append(bucket)
                }
            }
        }
        pools = built
        self.bucketPools = FlatLists(bucketPools)
        self.agentPools = FlatLists(agentPools)
        self.agentBuckets = FlatLists(agentBuckets)
        self.ruleBuckets = FlatLists(ruleBuckets)
    }
}
