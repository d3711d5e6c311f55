/// The whole routing set-up as plain Codable values: skills, channels, queues,
/// agents, routing profiles, reservations and policy choices.
///
/// Ids are strings here, referenced by name; the core numbers skills, queues
/// and agents densely in the order they are listed (`SkillID`, `QueueID`,
/// `AgentID`). Durations are `Double` seconds, rounded once to microseconds
/// when the core is built. Keys that are absent when decoding take the
/// defaults documented on each property. `validate()` names the field path of
/// the first problem it finds.
public struct RoutingConfiguration: Codable, Sendable, Equatable {
    /// Skill names. Order defines `SkillID`.
    public var skills: [String]
    /// Agent group names (for requirements that admit a whole group, and for
    /// reservations). Default: none.
    public var groups: [String]
    /// Channel capacities and mixing rules. Default: `ChannelRules()`.
    public var channels: ChannelRules
    /// Queues. Order defines `QueueID`.
    public var queues: [QueueConfiguration]
    /// Configured agents. Order defines `AgentID`.
    public var agents: [AgentConfiguration]
    /// Named routing profiles that agents refer to. Default: none.
    public var routingProfiles: [RoutingProfile]
    /// Threshold-routing reservations. Default: none.
    public var reservations: [ReservationRule]
    /// Policy choices shared by all queues and agents unless overridden.
    public var policies: RoutingPolicies

    public init(
        skills: [String], groups: [String] = [], channels: ChannelRules = .init(),
        queues: [QueueConfiguration], agents: [AgentConfiguration],
        routingProfiles: [RoutingProfile] = [], reservations: [ReservationRule] = [],
        policies: RoutingPolicies = .init()
    ) {
        self.skills = skills
        self.groups = groups
        self.channels = channels
        self.queues = queues
        self.agents = agents
        self.routingProfiles = routingProfiles
        self.reservations = reservations
        self.policies = policies
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        skills = try c.decode([String].self, forKey: .skills)
        groups = try c.decodeIfPresent([String].self, forKey: .groups) ?? []
        channels = try c.decodeIfPresent(ChannelRules.self, forKey: .channels) ?? .init()
        queues = try c.decode([QueueConfiguration].self, forKey: .queues)
        agents = try c.decodeIfPresent([AgentConfiguration].self, forKey: .agents) ?? []
        routingProfiles = try c.decodeIfPresent([RoutingProfile].self, forKey: .routingProfiles) ?? []
        reservations = try c.decodeIfPresent([ReservationRule].self, forKey: .reservations) ?? []
        policies = try c.decodeIfPresent(RoutingPolicies.self, forKey: .policies) ?? .init()
    }
}
