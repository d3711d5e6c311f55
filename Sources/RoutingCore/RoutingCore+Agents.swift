/// Agent life cycle: login, readiness, logout, skill changes, runtime additions.
extension RoutingCore {
    @inline(__always) private func agentIndex(_ a: AgentID) -> Int? {
        let i = Int(a.index)
        return i >= 0 && i < agents.count ? i : nil
    }

    /// After a change that may free agent `a`: re-index it and let it take work.
    private mutating func agentChanged<R: RandomNumberGenerator>(_ a: Int, _ rng: inout R) {
        reindexAgent(a)
        fillAgent(a, &rng)
    }

    mutating func logIn<R: RandomNumberGenerator>(_ id: AgentID, _ rng: inout R) -> RoutingRejection? {
        guard let a = agentIndex(id) else { return .unknownAgent }
        guard !agents[a].loggedIn else { return .wrongAgentState }
        agents[a].loggedIn = true
        agents[a].work = LoggedIn()
        agents[a].idleSince = clock
        agentChanged(a, &rng)
        return nil
    }

    mutating func logOut(_ id: AgentID) -> RoutingRejection? {
        guard let a = agentIndex(id) else { return .unknownAgent }
        guard agents[a].loggedIn else { return .wrongAgentState }
        guard agents[a].work.total == 0 else { return .agentHasContacts }
        agents[a].loggedIn = false
        reindexAgent(a)
        return nil
    }

    mutating func logOutWhenDone(_ id: AgentID) -> RoutingRejection? {
        guard let a = agentIndex(id) else { return .unknownAgent }
        guard agents[a].loggedIn else { return .wrongAgentState }
        if agents[a].work.total == 0 {
            agents[a].loggedIn = false
            out.append(.agentLoggedOut(id))
        } else {
            agents[a].work.logOutWhenDone = true
        }
        reindexAgent(a)
        return nil
    }

    mutating func ready<R: RandomNumberGenerator>(_ id: AgentID, _ rng: inout R) -> RoutingRejection? {
        guard let a = agentIndex(id) else { return .unknownAgent }
        guard agents[a].loggedIn else { return .wrongAgentState }
        let wasWorking = agents[a].work.takesWork
        agents[a].work.notReadyReason = nil
        agents[a].work.logOutWhenDone = false
        if !wasWorking && agents[a].work.total == 0 { agents[a].idleSince = clock }
        agentChanged(a, &rng)
        return nil
    }

    mutating func notReady(_ id: AgentID, reason: Int32) -> RoutingRejection? {
        guard let a = agentIndex(id) else { return .unknownAgent }
        guard agents[a].loggedIn else { return .wrongAgentState }
        agents[a].work.notReadyReason = reason
        reindexAgent(a)
        return nil
    }

    mutating func changeSkills<R: RandomNumberGenerator>(_ id: AgentID, _ skills: [AgentSkill], _ rng: inout R)
        -> RoutingRejection? {
        guard let a = agentIndex(id) else { return .unknownAgent }
        var levels = [Int8](repeating: 0, count: configuration.skills.count)
        for s in skills {
            guard s.skill.index >= 0, Int(s.skill.index) < levels.count, (1...10).contains(s.level),
                  levels[Int(s.skill.index)] == 0 else { return .invalidSkills }
            levels[Int(s.skill.index)] = s.level
        }
        agentModels[a].levels = levels
        agentModels[a].skillCount = Int32(skills.count)
        rebuildTopology()
        for b in agents.indices { fillAgent(b, &rng) }
        return nil
    }

    /// Adds an agent at runtime (logged out), validated like a configured
    /// one; returns its id. Rebuilds the routing indexes: O(queues x steps x
    /// agents). The server journals it with the configuration.
    public mutating func addAgent(_ agent: AgentConfiguration) throws(ConfigurationError) -> AgentID {
        makeUnique()
        let path = "agents[\(agents.count)]"
        if names.agents[agent.id] != nil { throw ConfigurationError("\(path).id", .duplicateID(agent.id)) }
        if agent.id.isEmpty { throw ConfigurationError("\(path).id", .invalidValue("empty id")) }
        try RoutingConfiguration.check(agent: agent, path: path, skills: names.skills, groups: names.groups,
                                       profiles: names.profiles)
        let a = agents.count
        names.agents[agent.id] = a
        let model = configuration.agentModel(agent, names)
        agentModels.append(model)
        agentCapacity.append(model.capacity)
        agentRuleMask.append(reservationMask(model, rules))
        store = store.copy(slotCapacity: store.slotCapacity, agentCount: a + 1)
        statusCounts[.loggedOut] += 1
        rebuildTopology()
        return AgentID(a)
    }

    /// Rebuilds pools and eligibility from the agent models and re-indexes
    /// every agent in its current state.
    mutating func rebuildTopology() {
        var pools: [AgentPool] = []
        topology = Topology(queues: Array(queues), agents: agentModels, profiles: profiles, rules: rules,
                            ruleMasks: agentRuleMask, pools: &pools)
        store = store.copy(slotCapacity: store.slotCapacity, agentCount: store.agentCount, pools: pools)
        estimatorIndex = EstimatorIndex(topology: topology, queues: Array(queues), capacity: agentCapacity)
        for b in bucketStaffed.indices { bucketStaffed[b] = 0 }
        for a in agents.indices {
            if agents[a].staffed {
                for ref in topology.agentBuckets[a] { bucketStaffed[Int(ref.bucket)] += 1 }
            }
            refreshPools(a)
        }
    }
}
