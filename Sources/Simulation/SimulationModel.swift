import RoutingCore
import Stochastics

/// Everything the simulator needs to run a scenario, as plain validated
/// values (the `Scenario` module builds it from YAML). Times in seconds.
public struct SimulationModel: Sendable {
    public var name: String
    /// Simulated time per replication, warm-up included.
    public var durationSeconds: Double
    /// Discarded start of each replication.
    public var warmupSeconds: Double
    public var replications: Int
    public var seed: UInt64
    /// Length of an arrival-profile, staffing and reporting interval.
    public var intervalSeconds: Double
    public var queues: [QueueModel]
    public var groups: [AgentGroupModel]
    /// Routing as the production ACD runs it; queue `q` and group `g` of this
    /// model are queue `q` and the agents of group `g` there.
    public var routing: RoutingConfiguration

    public init(name: String, durationSeconds: Double, warmupSeconds: Double, replications: Int,
                seed: UInt64, intervalSeconds: Double, queues: [QueueModel], groups: [AgentGroupModel],
                routing: RoutingConfiguration) {
        self.name = name
        self.durationSeconds = durationSeconds
        self.warmupSeconds = warmupSeconds
        self.replications = replications
        self.seed = seed
        self.intervalSeconds = intervalSeconds
        self.queues = queues
        self.groups = groups
        self.routing = routing
    }
}

/// A queue's traffic: arrivals, handle times, patience and target.
public struct QueueModel: Sendable {
    public var name: String
    /// Arrivals per second in each arrival interval (the profile repeats if
    /// the run is longer).
    public var ratesPerSecond: [Double]
    /// Length of an arrival interval, seconds.
    public var arrivalIntervalSeconds: Double
    /// Day-level volume uncertainty: the coefficient of variation of a gamma
    /// factor (mean 1) drawn once per replication; 0 for plain Poisson.
    public var volumeCV: Double
    public var surges: [Surge]
    public var talkTime: Distribution
    /// After-contact work, nil for none.
    public var wrapUp: Distribution?
    /// Time a caller waits before abandoning; nil for infinitely patient callers.
    public var patience: Distribution?
    /// Service-level target: share answered within `withinSeconds`.
    public var target: (serviceLevel: Double, withinSeconds: Double)?
    /// Abandons within this many seconds are short abandons (excluded from SL).
    public var shortAbandonSeconds: Double
    /// Share of contacts that are urgent (safety-critical, VIP), entering
    /// with `urgentPriority` instead of priority 0.
    public var urgentShare: Double
    public var urgentPriority: Int32
    /// Balking, callbacks and patience updates on announcements.
    public var reactions: CallerReactions
    /// Further targets for staffing: maximum ASA (seconds), abandonment and
    /// occupancy (shares); nil for none.
    public var maxASASeconds: Double?
    public var maxAbandon: Double?
    public var maxOccupancy: Double?
    /// Self-service before the queue; nil for none.
    public var ivr: IVRStage?
    /// Talk-time factors by the serving agent's proficiency; nil for none.
    public var handleTimeFactors: HandleTimeFactors?

    public init(name: String, ratesPerSecond: [Double], arrivalIntervalSeconds: Double, volumeCV: Double = 0,
                surges: [Surge] = [], talkTime: Distribution, wrapUp: Distribution? = nil,
                patience: Distribution? = nil, target: (serviceLevel: Double, withinSeconds: Double)? = nil,
                shortAbandonSeconds: Double = 0, urgentShare: Double = 0, urgentPriority: Int32 = 0,
                reactions: CallerReactions = CallerReactions()) {
        self.reactions = reactions
        self.name = name
        self.ratesPerSecond = ratesPerSecond
        self.arrivalIntervalSeconds = arrivalIntervalSeconds
        self.urgentShare = urgentShare
        self.urgentPriority = urgentPriority
        self.volumeCV = volumeCV
        self.surges = surges
        self.talkTime = talkTime
        self.wrapUp = wrapUp
        self.patience = patience
        self.target = target
        self.shortAbandonSeconds = shortAbandonSeconds
    }
}

/// A group of agents with the same skills, and how many are on duty when.
public struct AgentGroupModel: Sendable {
    public var name: String
    /// Agents scheduled per interval (the profile repeats if the run is
    /// longer); empty when `shifts` staff the group.
    public var headcount: [Int]
    /// The shifts staffing the group instead of `headcount`; empty for none.
    public var shifts: [Shift] = []
    /// Queues this group's agents can serve (for per-queue occupancy).
    public var serves: [Int]
    /// Share of scheduled agents absent, [0, 1): in simulation each is absent
    /// for the whole replication with this probability (agent `k` of a
    /// headcount works the intervals whose headcount exceeds `k`); `acd
    /// staff` schedules required / (1 − shrinkage).
    public var shrinkage: Double = 0
    /// Cost of one agent-hour of this group (multi-skilled agents cost more).
    public var costPerHour: Double = 1
    /// The group's agents in `SimulationModel.routing.agents` (indices): with
    /// a headcount, at least `maxHeadcount` plus room for agents still
    /// finishing a contact after their shift ended while others log in; with
    /// shifts, one per agent of each shift, shift by shift.
    public var agents: Range<Int>
    /// What each of the group's agents is (skills, groups, profile,
    /// capacity), also when it has none; nil: as its first agent.
    public var template: AgentConfiguration?

    public init(name: String, headcount: [Int], serves: [Int], agents: Range<Int>) {
        self.name = name
        self.headcount = headcount
        self.serves = serves
        self.agents = agents
    }

    /// The most agents ever on duty.
    public var maxHeadcount: Int { headcount.max() ?? 0 }

    /// The group's template: `template`, or its first agent.
    public func agentTemplate(in routing: RoutingConfiguration) -> AgentConfiguration {
        template ?? routing.agents[agents.lowerBound]
    }
}

extension SimulationModel {
    /// Staffing intervals in a run: ⌈duration / interval⌉, the reporting
    /// grid of a run without warm-up.
    public var staffingIntervalCount: Int {
        ReportingGrid(start: 0, end: durationSeconds, intervalSeconds: intervalSeconds).count
    }

    /// The staffing interval of reporting interval 0 (reports start after the warm-up).
    public var firstReportedInterval: Int {
        ReportingGrid(start: warmupSeconds, end: durationSeconds, intervalSeconds: intervalSeconds).firstGridInterval
    }
}
