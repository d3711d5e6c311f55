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

/// Contacts per agent and channel, used as the default for every agent and as
/// a per-agent override. Each value must be at least 1.
public struct ChannelCapacity: Codable, Sendable, Equatable {
    public var voice: Int
    public var chat: Int
    public var email: Int
    public var callback: Int

    /// Default: one voice call, three chats, one e-mail, one callback.
    public init(voice: Int = 1, chat: Int = 3, email: Int = 1, callback: Int = 1) {
        self.voice = voice
        self.chat = chat
        self.email = email
        self.callback = callback
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        voice = try c.decodeIfPresent(Int.self, forKey: .voice) ?? 1
        chat = try c.decodeIfPresent(Int.self, forKey: .chat) ?? 3
        email = try c.decodeIfPresent(Int.self, forKey: .email) ?? 1
        callback = try c.decodeIfPresent(Int.self, forKey: .callback) ?? 1
    }

    /// Capacity of one channel.
    public subscript(channel: Channel) -> Int {
        switch channel {
        case .voice: voice
        case .chat: chat
        case .email: email
        case .callback: callback
        }
    }
}

/// How many contacts of each channel an agent may hold, and which channels
/// exclude all others.
public struct ChannelRules: Codable, Sendable, Equatable {
    /// Default capacity of every agent (key `channels.capacity`).
    public var capacity: ChannelCapacity
    /// Channels whose contacts exclude every other contact: an agent holding
    /// one takes nothing else, and an agent holding anything is not offered
    /// one. Default: voice and callback.
    public var exclusive: [Channel]

    public init(capacity: ChannelCapacity = .init(), exclusive: [Channel] = [.voice, .callback]) {
        self.capacity = capacity
        self.exclusive = exclusive
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        capacity = try c.decodeIfPresent(ChannelCapacity.self, forKey: .capacity) ?? .init()
        exclusive = try c.decodeIfPresent([Channel].self, forKey: .exclusive) ?? [.voice, .callback]
    }
}

/// A skill with a level: on an agent, its proficiency; in a requirement, the
/// minimum level. Levels run from 1 (lowest) to 10.
public struct SkillLevel: Codable, Sendable, Equatable {
    public var skill: String
    public var level: Int
    public init(_ skill: String, _ level: Int) {
        self.skill = skill
        self.level = level
    }
}

/// Which agents may take a contact. An agent qualifies when it is a member of
/// one of `groups`, or when it meets every entry of `allOf` and (if `anyOf`
/// is not empty) at least one entry of `anyOf`. At least one of the three
/// lists must be non-empty.
public struct SkillRequirement: Codable, Sendable, Equatable {
    public var allOf: [SkillLevel]
    public var anyOf: [SkillLevel]
    public var groups: [String]

    public init(allOf: [SkillLevel] = [], anyOf: [SkillLevel] = [], groups: [String] = []) {
        self.allOf = allOf
        self.anyOf = anyOf
        self.groups = groups
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        allOf = try c.decodeIfPresent([SkillLevel].self, forKey: .allOf) ?? []
        anyOf = try c.decodeIfPresent([SkillLevel].self, forKey: .anyOf) ?? []
        groups = try c.decodeIfPresent([String].self, forKey: .groups) ?? []
    }
}

/// A skill-expansion step: once a contact has waited `afterSeconds` (from
/// its original arrival), `requirement` replaces the queue's requirement.
/// Steps are listed with strictly increasing `afterSeconds`; normally each
/// relaxes the previous one.
public struct ExpansionStep: Codable, Sendable, Equatable {
    public var afterSeconds: Double
    public var requirement: SkillRequirement
    public init(afterSeconds: Double, requirement: SkillRequirement) {
        self.afterSeconds = afterSeconds
        self.requirement = requirement
    }
}

/// Overflow (move) or interflow (also eligible) of a waiting contact to
/// another queue, when it has waited `afterSeconds` or when its expected wait
/// exceeds `expectedWaitAboveSeconds` (checked at entry and at every
/// re-check, see `QueueConfiguration.recheckSeconds`). At least one trigger
/// must be set. The contact keeps its original arrival time.
public struct OverflowRule: Codable, Sendable, Equatable {
    public var afterSeconds: Double?
    public var expectedWaitAboveSeconds: Double?
    /// Target queue id.
    public var target: String
    /// `true`: the contact stays in its queue and also becomes eligible in
    /// `target` (interflow). `false` (default): it moves to `target`.
    public var keepOriginal: Bool

    public init(afterSeconds: Double? = nil, expectedWaitAboveSeconds: Double? = nil,
                target: String, keepOriginal: Bool = false) {
        self.afterSeconds = afterSeconds
        self.expectedWaitAboveSeconds = expectedWaitAboveSeconds
        self.target = target
        self.keepOriginal = keepOriginal
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        afterSeconds = try c.decodeIfPresent(Double.self, forKey: .afterSeconds)
        expectedWaitAboveSeconds = try c.decodeIfPresent(Double.self, forKey: .expectedWaitAboveSeconds)
        target = try c.decode(String.self, forKey: .target)
        keepOriginal = try c.decodeIfPresent(Bool.self, forKey: .keepOriginal) ?? false
    }
}

/// Wait-time announcements for contacts of one queue.
public struct AnnouncementSettings: Codable, Sendable, Equatable {
    /// Announce place and expected wait when the contact enters. Default true.
    public var atEntry: Bool
    /// Announce again every this many seconds of waiting. Default: never.
    public var everySeconds: Double?
    /// At each re-check, announce when the estimate moved by more than this
    /// many seconds since the last announcement. Default: never.
    public var changeAboveSeconds: Double?

    public init(atEntry: Bool = true, everySeconds: Double? = nil, changeAboveSeconds: Double? = nil) {
        self.atEntry = atEntry
        self.everySeconds = everySeconds
        self.changeAboveSeconds = changeAboveSeconds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        atEntry = try c.decodeIfPresent(Bool.self, forKey: .atEntry) ?? true
        everySeconds = try c.decodeIfPresent(Double.self, forKey: .everySeconds)
        changeAboveSeconds = try c.decodeIfPresent(Double.self, forKey: .changeAboveSeconds)
    }
}

/// One queue: what it requires, how its contacts age, expand, overflow, are
/// offered, wrapped up and told their wait.
public struct QueueConfiguration: Codable, Sendable, Equatable {
    public var id: String
    /// Channel of the queue's contacts. Default voice.
    public var channel: Channel
    /// Queue priority, higher first, for `ContactSelectionPolicy.queuePriority`. Default 0.
    public var priority: Int
    /// Requirement before the first expansion step.
    public var requirement: SkillRequirement
    /// Skill-expansion steps, strictly increasing `afterSeconds`. Default none.
    public var expansion: [ExpansionStep]
    /// Priority units gained per second of waiting (aging). Default 0.
    public var agingPerSecond: Double
    /// Weight for `ContactSelectionPolicy.weightedWait`. Default 1.
    public var weight: Double
    /// After-contact work per contact, seconds; the shell may override it per
    /// contact on `contactFinished`. Default 0.
    public var wrapUpSeconds: Double
    /// Offer time-out (ring-no-answer), seconds; `nil` (default) assigns
    /// directly without an offer phase (auto-answer).
    public var offerTimeoutSeconds: Double?
    /// Agent-selection policy for this queue; `nil`: `policies.agentSelection`.
    public var agentSelection: AgentSelectionPolicy?
    /// Overflow and interflow rules, tried in order. Default none.
    public var overflow: [OverflowRule]
    /// Announcements; `nil` (default): none.
    public var announcements: AnnouncementSettings?
    /// Offer a callback when the expected wait exceeds this many seconds
    /// (at entry and at re-checks), once per contact. Default: never.
    public var callbackOfferAboveSeconds: Double?
    /// How often a waiting contact's estimate is re-evaluated for change
    /// announcements, estimate-triggered overflow and callback offers,
    /// seconds. Default: only at entry.
    public var recheckSeconds: Double?
    /// The estimator used for announcements, overflow and callback offers.
    /// Default `.queueLength`.
    public var waitEstimator: WaitEstimator
    /// Handle time (talk and wrap-up) assumed before any contact finished, seconds. Default 180.
    public var expectedHandleSeconds: Double

    public init(
        id: String, channel: Channel = .voice, priority: Int = 0, requirement: SkillRequirement,
        expansion: [ExpansionStep] = [], agingPerSecond: Double = 0, weight: Double = 1,
        wrapUpSeconds: Double = 0, offerTimeoutSeconds: Double? = nil,
        agentSelection: AgentSelectionPolicy? = nil, overflow: [OverflowRule] = [],
        announcements: AnnouncementSettings? = nil, callbackOfferAboveSeconds: Double? = nil,
        recheckSeconds: Double? = nil, waitEstimator: WaitEstimator = .queueLength,
        expectedHandleSeconds: Double = 180
    ) {
        self.id = id
        self.channel = channel
        self.priority = priority
        self.requirement = requirement
        self.expansion = expansion
        self.agingPerSecond = agingPerSecond
        self.weight = weight
        self.wrapUpSeconds = wrapUpSeconds
        self.offerTimeoutSeconds = offerTimeoutSeconds
        self.agentSelection = agentSelection
        self.overflow = overflow
        self.announcements = announcements
        self.callbackOfferAboveSeconds = callbackOfferAboveSeconds
        self.recheckSeconds = recheckSeconds
        self.waitEstimator = waitEstimator
        self.expectedHandleSeconds = expectedHandleSeconds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        channel = try c.decodeIfPresent(Channel.self, forKey: .channel) ?? .voice
        priority = try c.decodeIfPresent(Int.self, forKey: .priority) ?? 0
        requirement = try c.decode(SkillRequirement.self, forKey: .requirement)
        expansion = try c.decodeIfPresent([ExpansionStep].self, forKey: .expansion) ?? []
        agingPerSecond = try c.decodeIfPresent(Double.self, forKey: .agingPerSecond) ?? 0
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        wrapUpSeconds = try c.decodeIfPresent(Double.self, forKey: .wrapUpSeconds) ?? 0
        offerTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .offerTimeoutSeconds)
        agentSelection = try c.decodeIfPresent(AgentSelectionPolicy.self, forKey: .agentSelection)
        overflow = try c.decodeIfPresent([OverflowRule].self, forKey: .overflow) ?? []
        announcements = try c.decodeIfPresent(AnnouncementSettings.self, forKey: .announcements)
        callbackOfferAboveSeconds = try c.decodeIfPresent(Double.self, forKey: .callbackOfferAboveSeconds)
        recheckSeconds = try c.decodeIfPresent(Double.self, forKey: .recheckSeconds)
        waitEstimator = try c.decodeIfPresent(WaitEstimator.self, forKey: .waitEstimator) ?? .queueLength
        expectedHandleSeconds = try c.decodeIfPresent(Double.self, forKey: .expectedHandleSeconds) ?? 180
    }
}

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

/// Threshold routing: keep `keepFree` agents of `group` available for the
/// `protectedQueues`; contacts of any other queue get an agent of `group`
/// only while more than `keepFree` of the group's agents are available
/// (counting the agent that would take the contact).
public struct ReservationRule: Codable, Sendable, Equatable {
    public var group: String
    public var keepFree: Int
    public var protectedQueues: [String]
    public init(group: String, keepFree: Int, protectedQueues: [String]) {
        self.group = group
        self.keepFree = keepFree
        self.protectedQueues = protectedQueues
    }
}

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
