/// Policy choices and tuning shared by the whole core.
public struct RoutingPolicies: Codable, Sendable, Equatable {
    /// Default agent selection. Default `.longestIdle`.
    public var agentSelection: AgentSelectionPolicy
    /// Default contact selection. Default `.queuePriority`.
    public var contactSelection: ContactSelectionPolicy
    /// Window of `.leastOccupied`, seconds. Default 3600.
    public var occupancyWindowSeconds: Double
    /// Not-ready reason code given to an agent after ring-no-answer or a
    /// rejected offer. Default 1.
    public var ringNoAnswerReason: Int32
    /// Smoothing factor (0...1] of the recent handle time used by the
    /// queue-length estimator. Default 0.05.
    public var handleTimeSmoothing: Double

    public init(agentSelection: AgentSelectionPolicy = .longestIdle,
                contactSelection: ContactSelectionPolicy = .queuePriority,
                occupancyWindowSeconds: Double = 3600, ringNoAnswerReason: Int32 = 1,
                handleTimeSmoothing: Double = 0.05) {
        self.agentSelection = agentSelection
        self.contactSelection = contactSelection
        self.occupancyWindowSeconds = occupancyWindowSeconds
        self.ringNoAnswerReason = ringNoAnswerReason
        self.handleTimeSmoothing = handleTimeSmoothing
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        agentSelection = try c.decodeIfPresent(AgentSelectionPolicy.self, forKey: .agentSelection) ?? .longestIdle
        contactSelection = try c.decodeIfPresent(ContactSelectionPolicy.self, forKey: .contactSelection) ?? .queuePriority
        occupancyWindowSeconds = try c.decodeIfPresent(Double.self, forKey: .occupancyWindowSeconds) ?? 3600
        ringNoAnswerReason = try c.decodeIfPresent(Int32.self, forKey: .ringNoAnswerReason) ?? 1
        handleTimeSmoothing = try c.decodeIfPresent(Double.self, forKey: .handleTimeSmoothing) ?? 0.05
    }
}
