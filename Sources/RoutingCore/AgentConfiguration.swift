/// One agent: skills with proficiency, groups, routing profile, capacity.
public struct AgentConfiguration: Codable, Sendable, Equatable {
    public var id: String
    /// Skills with proficiency 1...10; a skill appears at most once.
    public var skills: [SkillLevel]
    /// Group names. Default none.
    public var groups: [String]
    /// Routing profile id; `nil` (default): no delays, global contact selection.
    public var profile: String?
    /// Capacity override; `nil` (default): `channels.capacity`.
    public var capacity: ChannelCapacity?

    public init(id: String, skills: [SkillLevel], groups: [String] = [],
                profile: String? = nil, capacity: ChannelCapacity? = nil) {
        self.id = id
        self.skills = skills
        self.groups = groups
        self.profile = profile
        self.capacity = capacity
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        skills = try c.decodeIfPresent([SkillLevel].self, forKey: .skills) ?? []
        groups = try c.decodeIfPresent([String].self, forKey: .groups) ?? []
        profile = try c.decodeIfPresent(String.self, forKey: .profile)
        capacity = try c.decodeIfPresent(ChannelCapacity.self, forKey: .capacity)
    }
}

/// A routing profile shared by agents: per-queue delays and an optional
/// contact-selection policy that overrides `policies.contactSelection`.
public struct RoutingProfile: Codable, Sendable, Equatable {
    public var id: String
    public var delays: [QueueDelay]
    public var contactSelection: ContactSelectionPolicy?

    public init(id: String, delays: [QueueDelay] = [], contactSelection: ContactSelectionPolicy? = nil) {
        self.id = id
        self.delays = delays
        self.contactSelection = contactSelection
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        delays = try c.decodeIfPresent([QueueDelay].self, forKey: .delays) ?? []
        contactSelection = try c.decodeIfPresent(ContactSelectionPolicy.self, forKey: .contactSelection)
    }
}

/// A queue an agent serves only with delay: the agent takes from `queue`
/// only contacts that have waited at least `delaySeconds`.
public struct QueueDelay: Codable, Sendable, Equatable {
    public var queue: String
    public var delaySeconds: Double
    public init(queue: String, delaySeconds: Double) {
        self.queue = queue
        self.delaySeconds = delaySeconds
    }
}
