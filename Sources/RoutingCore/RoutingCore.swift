/// The skill-based routing state machine shared by the production server and
/// the simulator: `(state, event, now) -> (state, actions)`.
///
/// - Time is passed in with every call as `Int64` microseconds from an epoch
///   the shell chooses, and must not go backwards. The core never reads a
///   clock; it exposes its next deadline as `nextWakeup`, and timers due at
///   or before an event's `now` fire (at their own deadlines, in order)
///   before the event.
/// - Randomness (only `AgentSelectionPolicy.weightedRandom` needs it) comes
///   from the generator the caller passes.
/// - Actions are appended to a caller-owned `ActionBuffer`.
/// - Same events at the same times give byte-identical actions.
///
/// Cost per decision: O(log n) in waiting contacts and available agents,
/// times the number of pools a bucket has (reservation partitions) or the
/// number of buckets an agent serves (a configuration constant). No
/// allocation per event in steady state (arrays grow, then are reused).
public struct RoutingCore: Sendable {
    // Static model.
    /// The configuration the core was built from (agents added at runtime
    /// are not in it).
    public let configuration: RoutingConfiguration
    var names: Names
    let queues: FrozenArray<QueueModel>
    let profiles: [ProfileModel]
    let rules: [ReservationModel]
    var agentModels: [AgentModel]
    /// `agentModels[a].capacity`, flat for the hot path.
    var agentCapacity: [ChannelSlots]
    let ringNoAnswerReason: Int32
    let contactSelection: ContactSelectionPolicy
    let handleSmoothing: Double
    let occupancyWindow: Int64
    let usesOccupancy: Bool
    /// Whether each channel (by index) excludes all others.
    let exclusiveChannel: [Bool]

    // Routing indexes.
    var topology: Topology
    var buckets: [ContactBucket]
    var bucketQueue: [Int32]
    /// Start of each bucket's phase, microseconds of waiting.
    var bucketStart: [Int64]
    var bucketStaffed: [Int32]
    /// Agent classes for the routing-state wait estimate.
    var estimatorIndex = EstimatorIndex()
    /// Per contact slot, the estimates behind its last announcement or
    /// callback offer, for `waitEstimates(of:at:)` at the same instant.
    var announcedEstimates: [AnnouncedEstimates] = []
    /// Agents of each rule's group currently available.
    var ruleAvailable: [Int32]
    /// Rules whose gate opened during the current event, to drain.
    var openedRules: UInt64 = 0
    var agentRuleMask: [UInt64]

    /// What every event changes: agent records, contact slots, the engaged
    /// bits, queue figures, arrival rates and agent pools (the views under
    /// "Storage" below).
    var store: CoreStore
    /// Contact slots in use (free or live): the first of the store's.
    var slotCount = 0

    // Agents.
    var statusCounts: StatusCounts

    // Contacts.
    var freeSlot: Int32 = -1
    var nextSequence: Int64 = 0
    var nextAssignment: Int64 = 0

    // Queues.
    var lines: [QueueLine]

    // Time.
    var timers = TimerQueue()
    var clock: Int64 = .min
    var windowEnd: Int64?
    var windowStamp: UInt32 = 0

    var out = ActionBuffer(capacity: 0)
    /// Routing decisions taken so far (assignments and offers).
    public internal(set) var decisions: Int = 0

    /// When set, `checkInvariants()` runs after every event (traps on a
    /// violation). Tests always set it; keep it off in hot paths.
    public var checksInvariants = false

    /// Builds a core with every agent logged out and no contact waiting.
    /// Throws the configuration's first validation error.
    public init(configuration: RoutingConfiguration) throws(ConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        let names = try configuration.names()
        self.names = names
        profiles = configuration.profileModels(names)
        let queues = configuration.queueModels(names, profiles: profiles)
        self.queues = FrozenArray(queues)
        let rules = configuration.reservations.map { r in
            ReservationModel(group: Int32(names.groups[r.group]!), keepFree: Int32(r.keepFree),
                             protects: configuration.queues.map { r.protectedQueues.contains($0.id) })
        }
        self.rules = rules
        let agentModels = configuration.agents.map { configuration.agentModel($0, names) }
        self.agentModels = agentModels
        agentCapacity = agentModels.map(\.capacity)
        ringNoAnswerReason = configuration.policies.ringNoAnswerReason
        contactSelection = configuration.policies.contactSelection
        handleSmoothing = configuration.policies.handleTimeSmoothing
        occupancyWindow = micros(configuration.policies.occupancyWindowSeconds)
        usesOccupancy = queues.contains { $0.selection == .leastOccupied }
        exclusiveChannel = Channel.allCases.map { configuration.channels.exclusive.contains($0) }

        let ruleMasks = agentModels.map { reservationMask($0, rules) }
        agentRuleMask = ruleMasks
        var pools: [AgentPool] = []
        topology = Topology(queues: queues, agents: agentModels, profiles: profiles, rules: rules, ruleMasks: ruleMasks,
                            pools: &pools)
        let bucketCount = topology.bucketPools.count
        buckets = Array(repeating: ContactBucket(), count: bucketCount)
        bucketQueue = Array(repeating: 0, count: bucketCount)
        bucketStart = Array(repeating: 0, count: bucketCount)
        for (q, queue) in queues.enumerated() {
            for p in queue.phaseStart.indices {
                bucketQueue[Int(queue.firstBucket) + p] = Int32(q)
                bucketStart[Int(queue.firstBucket) + p] = queue.phaseStart[p]
            }
        }
        bucketStaffed = Array(repeating: 0, count: bucketCount)
        ruleAvailable = Array(repeating: 0, count: rules.count)
        store = CoreStore(slotCapacity: 0, agentCount: agentModels.count,
                          queueStats: queues.map { QueueStatistics(averageHandle: Double($0.expectedHandle)) }, pools: pools)
        statusCounts = StatusCounts()
        statusCounts[.loggedOut] = agentModels.count
        lines = queues.map { _ in QueueLine() }
        estimatorIndex = EstimatorIndex(topology: topology, queues: queues, capacity: agentCapacity)
    }

    /// The earliest instant at which the core wants a `.timePassed` event
    /// (an offer time-out, wrap-up end, expansion step, overflow,
    /// announcement or window roll), or nil.
    /// Kept up to date as timers change (a stored value: reading it costs nothing).
    public private(set) var nextWakeup: Int64?

    /// Applies one event at `now`, writing actions into `actions` (appended;
    /// the caller clears the buffer). The one entry point for replay and
    /// journaling. O(log n) per decision; see the type's documentation.
    @inline(__always)
    public mutating func handle<R: RandomNumberGenerator>(
        _ event: RoutingEvent, at now: Int64, random: inout R, into actions: inout ActionBuffer
    ) -> RoutingOutcome {
        guard now >= clock else { return .rejected(.timeWentBackwards) }
        makeUnique()
        swap(&out, &actions)
        defer { swap(&out, &actions) }
        if usesOccupancy && windowEnd == nil {
            windowEnd = (now / occupancyWindow + 1) * occupancyWindow
            timers.schedule(at: windowEnd!, now: now, target: TimerQueue.occupancyWindow, stamp: windowStamp)
        }
        fireTimers(upTo: now, &random)
        clock = now
        let outcome = apply(event, &random)
        if openedRules != 0 { drainOpenedGates(&random) }
        dropStaleTimers()
        if checksInvariants { checkInvariants() }
        return outcome
    }

    /// Whether any queue selects agents at random (`weightedRandom`): only
    /// then does `handle` need a generator.
    public var drawsRandomNumbers: Bool { queues.contains { $0.selection == .weightedRandom } }

    /// `handle` for configurations that draw no random numbers (no queue
    /// uses `weightedRandom`); traps if one is needed.
    public mutating func handle(_ event: RoutingEvent, at now: Int64, into actions: inout ActionBuffer)
        -> RoutingOutcome {
        var none = NoRandomness()
        return handle(event, at: now, random: &none, into: &actions)
    }

    // `@_transparent` here and on `engage`, `reindexAgent` and
    // `refreshPools(_:_:)`: in the code specialised for a generator, the
    // optimiser leaves calls to them in place despite `@inline(__always)`;
    // inlined, they save about 90 instructions per mmn-plus-m call (of
    // 3,400). The cost: a trap inside one reports the caller's line.
    @_transparent
    private mutating func apply<R: RandomNumberGenerator>(_ event: RoutingEvent, _ rng: inout R) -> RoutingOutcome {
        switch event {
        case .contactArrived(let queue, let priority):
            guard queue.index >= 0 && Int(queue.index) < queues.count else { return .rejected(.unknownQueue) }
            return .admitted(arrive(queue: queue.index, priority: priority, &rng))
        case .contactAbandoned(let c): return outcome(abandon(c, &rng))
        case .callbackRequested(let c): return outcome(requestCallback(c))
        case .announcementRequested(let c):
            guard let slot = live(c) else { return .rejected(.staleContact) }
            guard case .waiting = state[slot] else { return .rejected(.wrongContactState) }
            announce(slot)
            return .applied
        case .offerAccepted(let c): return outcome(accept(c))
        case .offerRejected(let c): return outcome(declineOffer(c, timedOut: false, &rng))
        case .contactFinished(let c, let wrap): return outcome(finish(c, wrapUp: wrap, &rng))
        case .wrapUpDone(let c):
            guard let slot = live(c) else { return .rejected(.staleContact) }
            guard case .wrapUp(let e) = state[slot] else { return .rejected(.wrongContactState) }
            release(slot, e, &rng)
            return .applied
        case .agentLoggedIn(let a): return outcome(logIn(a, &rng))
        case .agentLoggedOut(let a): return outcome(logOut(a))
        case .agentLogOutWhenDone(let a): return outcome(logOutWhenDone(a))
        case .agentReady(let a): return outcome(ready(a, &rng))
        case .agentNotReady(let a, let reason): return outcome(notReady(a, reason: reason))
        case .agentSkillsChanged(let a, let skills): return outcome(changeSkills(a, skills, &rng))
        case .timePassed: return .applied
        }
    }

    @inline(__always) private func outcome(_ rejection: RoutingRejection?) -> RoutingOutcome {
        rejection.map { .rejected($0) } ?? .applied
    }

    /// The slot of a live contact handle, or nil when stale.
    @inline(__always) func live(_ c: ContactHandle) -> Int? {
        let s = Int(c.slot)
        guard s >= 0 && s < generation.count && generation[s] == c.generation else { return nil }
        if case .free = state[s] { return nil }
        return s
    }

    // MARK: Storage

    /// Copies the store if another core shares it. Every public mutating
    /// entry point calls this before changing anything.
    @inline(__always) mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&store) {
            store = store.copy(slotCapacity: store.slotCapacity, agentCount: store.agentCount)
        }
    }

    // Views of the store. Writing through one needs `_modify`, so only
    // mutating methods (after `makeUnique`) can.

    var agents: Column<AgentRecord> {
        @inline(__always) get { Column(store.agents, count: store.agentCount) }
        @inline(__always) _modify { var c = Column(store.agents, count: store.agentCount); yield &c }
    }
    /// Per contact slot: its facts, state, generation (for handles), timer
    /// stamp (lazy timer cancellation) and bucket positions (two per slot).
    var info: Column<ContactInfo> {
        @inline(__always) get { Column(store.info, count: slotCount) }
        @inline(__always) _modify { var c = Column(store.info, count: slotCount); yield &c }
    }
    var state: Column<ContactState> {
        @inline(__always) get { Column(store.state, count: slotCount) }
        @inline(__always) _modify { var c = Column(store.state, count: slotCount); yield &c }
    }
    var generation: Column<UInt32> {
        @inline(__always) get { Column(store.generation, count: slotCount) }
        @inline(__always) _modify { var c = Column(store.generation, count: slotCount); yield &c }
    }
    var timerStamp: Column<UInt32> {
        @inline(__always) get { Column(store.timerStamp, count: slotCount) }
        @inline(__always) _modify { var c = Column(store.timerStamp, count: slotCount); yield &c }
    }
    var bucketPosition: Column<Int32> {
        @inline(__always) get { Column(store.bucketPosition, count: 2 * slotCount) }
        @inline(__always) _modify { var c = Column(store.bucketPosition, count: 2 * slotCount); yield &c }
    }

    /// Slots of the contacts agents hold (offered, connected, wrap-up).
    var engaged: SlotSet {
        @inline(__always) get { SlotSet(Column(store.engaged, count: CoreStore.words(slotCount))) }
        @inline(__always) _modify { var c = SlotSet(Column(store.engaged, count: CoreStore.words(slotCount))); yield &c }
    }
    /// Per queue: its figures, and its recent arrival rates (for the wait estimate).
    var queueStats: Column<QueueStatistics> {
        @inline(__always) get { Column(store.queueStats, count: store.queueCount) }
        @inline(__always) _modify { var c = Column(store.queueStats, count: store.queueCount); yield &c }
    }
    var arrivalRates: Column<ArrivalRate> {
        @inline(__always) get { Column(store.arrivalRates, count: store.queueCount) }
        @inline(__always) _modify { var c = Column(store.arrivalRates, count: store.queueCount); yield &c }
    }
    /// The topology's agent pools.
    var pools: Column<AgentPool> {
        @inline(__always) get { Column(store.pools, count: store.poolCount) }
        @inline(__always) _modify { var c = Column(store.pools, count: store.poolCount); yield &c }
    }

    @inline(__always) func handleOf(_ slot: Int) -> ContactHandle {
        ContactHandle(slot: Int32(slot), generation: generation[slot])
    }

    // MARK: Timers

    @inline(__always)
    private mutating func fireTimers<R: RandomNumberGenerator>(upTo now: Int64, _ rng: inout R) {
        while let t = timers.first, t.deadline <= now {
            timers.removeFirst()
            if t.target == TimerQueue.occupancyWindow {
                guard t.stamp == windowStamp else { continue }
                clock = t.deadline
                rollOccupancyWindow(upTo: now)
            } else {
                guard timerStamp[Int(t.target)] == t.stamp else { continue }
                clock = t.deadline
                contactDeadline(Int(t.target), &rng)
                if openedRules != 0 { drainOpenedGates(&rng) }
            }
            dropStaleTimers()
        }
    }

    /// Pops cancelled timers off the top and sets `nextWakeup` to the live
    /// deadline left there.
    @inline(__always)
    mutating func dropStaleTimers() {
        while let t = timers.first,
              t.target == TimerQueue.occupancyWindow ? t.stamp != windowStamp : timerStamp[Int(t.target)] != t.stamp {
            timers.removeFirst()
        }
        nextWakeup = timers.first?.deadline
    }

    /// Re-arms a contact's single timer for its current state. Inline for
    /// the common case, a contact with no deadline (connected or free).
    @inline(__always)
    mutating func armTimer(_ slot: Int) {
        timerStamp[slot] &+= 1
        switch state[slot] {
        case .free, .connected: return
        default: scheduleDeadline(slot)
        }
    }

    /// `armTimer`'s work for a contact with a deadline.
    private mutating func scheduleDeadline(_ slot: Int) {
        let deadline: Int64
        switch state[slot] {
        case .free, .connected: return
        case .offered(let e), .wrapUp(let e): deadline = e.until
        case .waiting(let w): deadline = nextDeadline(slot, w)
        }
        guard deadline < .max else { return }
        timers.schedule(at: deadline, now: clock, target: Int32(slot), stamp: timerStamp[slot])
    }

    private mutating func rollOccupancyWindow(upTo now: Int64) {
        let end = windowEnd!
        if now - end >= occupancyWindow {
            for a in agents.indices {
                agents[a].busyPrevious = 0
                agents[a].busyCurrent = 0
            }
            windowEnd = (now / occupancyWindow + 1) * occupancyWindow
        } else {
            for a in agents.indices {
                agents[a].busyPrevious = agents[a].busyCurrent
                agents[a].busyCurrent = 0
            }
            windowEnd = end + occupancyWindow
        }
        for p in pools.indices where pools[p].policy == .leastOccupied {
            var keys: [PoolKey] = []
            for member in pools[p].members {
                let a = Int(member)
                keys.append(poolKey(a, agents.address(a), .leastOccupied, proficiency: 0))
            }
            pools[p].reorder(keys: keys)
        }
        windowStamp &+= 1
        timers.schedule(at: windowEnd!, now: clock, target: TimerQueue.occupancyWindow, stamp: windowStamp)
    }
}
