/// Which available agent takes a contact when several qualify. Ties always
/// go to fewer contacts in progress first and finally to the lower `AgentID`.
public enum AgentSelectionPolicy: String, Codable, Sendable, CaseIterable {
    /// The agent idle for longest (since login, ready, or last release).
    case longestIdle
    /// Highest level in the requirement's first skill (for `anyOf`: best
    /// matching skill), then longest idle.
    case mostProficient
    /// Least busy time over the occupancy window (the current and the
    /// previous window of `occupancyWindowSeconds`), then longest idle.
    case leastOccupied
    /// The agent assigned least recently (never-assigned agents first).
    case roundRobin
    /// Random, weighted by the agent's proficiency in the requirement, with
    /// the generator the caller passes in (contacts in progress are not
    /// considered).
    case weightedRandom
    /// The agent with the fewest skills, then longest idle.
    case fewestSkills
}

/// Which waiting contact a freed agent takes when several queues it serves
/// have contacts. Ties always go to the earlier arrival, then the earlier
/// entry into the core.
public enum ContactSelectionPolicy: String, Codable, Sendable, CaseIterable {
    /// Queue priority, then contact priority, then longest wait.
    case queuePriority
    /// Highest aged priority: priority + agingPerSecond x seconds waited.
    case agedPriority
    /// Highest queue weight x seconds waited.
    case weightedWait
}

/// Expected-wait estimators. All can be read at any moment for any waiting
/// contact through `RoutingCore.waitEstimates(of:at:)`.
public enum WaitEstimator: String, Codable, Sendable, CaseIterable {
    /// Ibrahim & Whitt (2009) queue-length estimator with abandonment,
    /// E[V] = sum over i = 0...j of 1 / (s mu + i theta) with j contacts
    /// ahead, s busy qualified agents, mu from the recent handle time and
    /// theta the estimated abandonment rate, taken from the routing state in
    /// multi-skill settings: the contacts the contact-selection policy serves
    /// first (in other queues too), the agents that may serve the contact now
    /// and after each expansion step, known wrap-up ends. See
    /// `RoutingCore.routingStateWait`.
    case queueLength
    /// Head-of-line delay: the current wait of the oldest contact in line,
    /// less what this contact has already waited.
    case headOfLine
    /// Last-to-enter-service delay: the wait of the last contact answered
    /// from the queue, less what this contact has already waited.
    case lastToEnterService
    /// Asterisk's smoothed hold time, (3 old + new) / 4 over answered waits,
    /// less what this contact has already waited.
    case smoothedHoldTime
}
