/// Live statistics, all O(1) (amortised for `longestWait`), and lookups.
extension RoutingCore {
    /// Contacts waiting in a queue (including ones being offered), by their current queue.
    public func waitingCount(in queue: QueueID) -> Int { lines[Int(queue.index)].count }

    /// Longest current wait in a queue at `now`: the wait since arrival of
    /// the contact that entered the queue first among those still waiting
    /// (0 when none).
    public func longestWait(in queue: QueueID, at now: Int64) -> Int64 {
        lines[Int(queue.index)].oldest.map { now - info[Int($0)].arrival } ?? 0
    }

    /// Agents currently in `status`.
    public func agentCount(_ status: AgentStatus) -> Int { statusCounts[status] }

    /// An agent's status.
    public func status(of agent: AgentID) -> AgentStatus { agents[Int(agent.index)].status }

    /// The reason code of a logged-in agent that is not ready, else nil.
    public func notReadyReason(of agent: AgentID) -> Int32? {
        let r = agents[Int(agent.index)]
        return r.loggedIn ? r.work.notReadyReason : nil
    }

    /// Number of agents (configured and added).
    public var agentCount: Int { agents.count }

    /// Answered and abandoned contacts of a queue so far.
    public func outcomes(of queue: QueueID) -> (answered: Int, abandoned: Int) {
        (queueStats[Int(queue.index)].answered, queueStats[Int(queue.index)].abandoned)
    }

    /// Routing facts about a live contact; nil for a stale handle.
    public func facts(of contact: ContactHandle) -> ContactFacts? {
        guard let slot = live(contact) else { return nil }
        let i = info[slot]
        var f = ContactFacts(queue: QueueID(Int(i.queue)), originalQueue: QueueID(Int(i.originalQueue)),
                             arrival: i.arrival, priority: i.priority, agent: nil, agentLevel: 0,
                             answered: nil, callback: i.callback)
        switch state[slot] {
        case .offered(let e), .connected(let e), .wrapUp(let e):
            f.queue = QueueID(Int(e.servedQueue))
            f.agent = AgentID(Int(e.agent))
            let q = Int(e.servedQueue)
            let requirement = queues[q].requirements[Int(queues[q].phaseStep[Int(e.phase)])]
            f.agentLevel = Int(requirement.proficiency(levels: agentModels[Int(e.agent)].levels))
            if case .offered = state[slot] {} else { f.answered = e.answered }
        case .waiting, .free: break
        }
        return f
    }

    public func queueID(named name: String) -> QueueID? { names.queues[name].map(QueueID.init) }
    public func skillID(named name: String) -> SkillID? { names.skills[name].map(SkillID.init) }
    public func agentID(named name: String) -> AgentID? { names.agents[name].map(AgentID.init) }
}
