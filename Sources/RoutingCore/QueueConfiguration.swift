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
    /// Announce this percentile (0 < p < 1) of the wait instead of its mean,
    /// when the queue's estimator is the queue-length method (the others
    /// give no distribution). Default: the mean.
    public var percentile: Double?

    public init(atEntry: Bool = true, everySeconds: Double? = nil, changeAboveSeconds: Double? = nil,
                percentile: Double? = nil) {
        self.atEntry = atEntry
        self.everySeconds = everySeconds
        self.changeAboveSeconds = changeAboveSeconds
        self.percentile = percentile
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        atEntry = try c.decodeIfPresent(Bool.self, forKey: .atEntry) ?? true
        everySeconds = try c.decodeIfPresent(Double.self, forKey: .everySeconds)
        changeAboveSeconds = try c.decodeIfPresent(Double.self, forKey: .changeAboveSeconds)
        percentile = try c.decodeIfPresent(Double.self, forKey: .percentile)
    }
}
