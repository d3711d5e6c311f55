/// The dynamic state of a core (agents, live contacts, queue figures,
/// timers, counters) as plain values, to write down and rebuild a core from.
///
/// - `RoutingCore(configuration:restoring:)` with the configuration the
///   snapshot was taken under gives a core that takes exactly the decisions
///   this one would from here on: the same handles, places in line, timers
///   (and their order), estimates and agent ordering. The production server
///   writes its journal's snapshots with it.
/// - `reconfigured(_:random:into:)` carries the live state over to another
///   configuration by queue and agent name (a configuration reload).
///
/// Lines are rebuilt in the same order, not with the same ticket numbers,
/// so two snapshots of equal cores may differ in those numbers.
public struct RoutingSnapshot: Codable, Sendable {
    struct Agent: Codable {
        var loggedIn: Bool
        var notReadyReason: Int32?
        var logOutWhenDone: Bool
        var idleSince: Int64
        var lastAssigned: Int64
        var busyCurrent: Int64
        var busyPrevious: Int64
        /// Level per skill index: skill changes at runtime included.
        var levels: [Int8]
        var skillCount: Int32
    }

    struct Contact: Codable {
        var slot: Int32
        var info: ContactInfo
        var state: ContactState
    }

    struct Timer: Codable {
        /// A contact slot, or `TimerQueue.occupancyWindow`.
        var target: Int32
        var deadline: Int64
    }

    /// Names by index when the snapshot was taken.
    var queues: [String]
    var agentNames: [String]
    var skills: [String]
    var clock: Int64
    var nextSequence: Int64
    var nextAssignment: Int64
    var decisions: Int
    var windowEnd: Int64?
    var agents: [Agent]
    var figures: [QueueStatistics]
    /// Recent arrivals per queue (for wait estimates).
    var arrivalRates: [ArrivalRate]
    /// Generation of every slot, and the free slots in the order they will be reused.
    var generations: [UInt32]
    var freeSlots: [Int32]
    /// Live contacts, by slot.
    var contacts: [Contact]
    /// Live timers, in firing order.
    var timers: [Timer]
}

extension RoutingCore {
    /// The core's dynamic state. O(contacts + agents + timers).
    public func snapshot() -> RoutingSnapshot {
        let agentStates = agents.indices.map { a in
            let r = agents[a]
            let li = r.loggedIn ? r.work : LoggedIn()
            return RoutingSnapshot.Agent(
                loggedIn: r.status != .loggedOut, notReadyReason: li.notReadyReason, logOutWhenDone: li.logOutWhenDone,
                idleSince: r.idleSince, lastAssigned: r.lastAssigned, busyCurrent: r.busyCurrent,
                busyPrevious: r.busyPrevious, levels: agentModels[a].levels, skillCount: agentModels[a].skillCount)
        }
        var free: [Int32] = []
        var f = freeSlot
        while f >= 0 {
            free.append(f)
            guard case .free(let next) = state[Int(f)] else { preconditionFailure("free list corrupt") }
            f = next
        }
        var contacts: [RoutingSnapshot.Contact] = []
        for slot in state.indices {
            if case .free = state[slot] { continue }
            contacts.append(.init(slot: Int32(slot), info: info[slot], state: state[slot]))
        }
        let live = timers.pending.filter { t in
            t.target == TimerQueue.occupancyWindow ? t.stamp == windowStamp : timerStamp[Int(t.target)] == t.stamp
        }
        return RoutingSnapshot(
            queues: configuration.queues.map(\.id), agentNames: names.agents.sorted { $0.value < $1.value }.map(\.key),
            skills: configuration.skills, clock: clock, nextSequence: nextSequence, nextAssignment: nextAssignment,
            decisions: decisions, windowEnd: windowEnd, agents: agentStates, figures: Array(queueStats),
            arrivalRates: Array(arrivalRates),
            generations: Array(generation), freeSlots: free, contacts: contacts,
            timers: live.map { .init(target: $0.target, deadline: $0.deadline) })
    }

    /// The core `snapshot` was taken of; `configuration` must be the one it
    /// was taken under (same queues, agents and skills, in the same order).
    public init(configuration: RoutingConfiguration, restoring snapshot: RoutingSnapshot) throws(ConfigurationError) {
        try self.init(configuration: configuration)
        guard snapshot.queues == configuration.queues.map(\.id), snapshot.skills == configuration.skills,
              snapshot.agentNames == configuration.agents.map(\.id) else {
            throw ConfigurationError("snapshot", .invalidValue("taken under another configuration"))
        }
        var skillsChanged = false
        for a in agents.indices where agentModels[a].levels != snapshot.agents[a].levels {
            agentModels[a].levels = snapshot.agents[a].levels
            agentModels[a].skillCount = snapshot.agents[a].skillCount
            skillsChanged = true
        }
        if skillsChanged { rebuildTopology() }
        install(snapshot, exact: true)
        windowEnd = snapshot.windowEnd
        for t in snapshot.timers {
            let stamp = t.target == TimerQueue.occupancyWindow ? windowStamp : timerStamp[Int(t.target)]
            timers.schedule(at: t.deadline, now: clock, target: t.target, stamp: stamp)
        }
        dropStaleTimers()
        openedRules = 0
    }

    /// A core on `configuration` that carries this one's live state over by
    /// queue and agent name: logged-in agents keep their state (not ready
    /// with its reason, pending log-out) and the contacts they hold; live
    /// contacts keep their handles, arrival times, priorities and places in
    /// line; queue figures and recent arrival rates (for estimates) follow their
    /// queue. Agent skills are the new configuration's. Contacts waiting
    /// take their phases (and overflow and announcement schedules) afresh
    /// under the new rules, then are routed in order of arrival; the offers
    /// and assignments that makes are written into `actions`.
    ///
    /// Every queue holding a live contact must exist in `configuration` with
    /// the same channel, and every logged-in agent must exist in it
    /// (`reconfigurationConflicts` says which do not); otherwise this traps.
    public func reconfigured<R: RandomNumberGenerator>(
        _ configuration: RoutingConfiguration, random: inout R, into actions: inout ActionBuffer
    ) throws(ConfigurationError) -> RoutingCore {
        precondition(reconfigurationConflicts(configuration).isEmpty, "live state does not fit the configuration")
        var core = try RoutingCore(configuration: configuration)
        core.install(snapshot(), exact: false)
        swap(&core.out, &actions)
        defer { swap(&core.out, &actions) }
        var waiting: [Int] = []
        for slot in core.state.indices {
            switch core.state[slot] {
            case .free: continue
            case .waiting: waiting.append(slot)
            default: core.armTimer(slot)
            }
        }
        waiting.sort { (core.info[$0].arrival, core.info[$0].sequence) < (core.info[$1].arrival, core.info[$1].sequence) }
        for slot in waiting where !core.routeContact(slot, &random) { core.armTimer(slot) }
        if core.openedRules != 0 { core.drainOpenedGates(&random) }
        core.dropStaleTimers()
        return core
    }

    /// Why the live state cannot move to `configuration`: queues holding live
    /// contacts that it lacks (or gives another channel), logged-in agents it
    /// lacks. Empty when it can.
    public func reconfigurationConflicts(_ configuration: RoutingConfiguration) -> [String] {
        let newQueues = Dictionary(configuration.queues.map { ($0.id, $0.channel) }, uniquingKeysWith: { a, _ in a })
        var held = Set<Int32>()
        for slot in state.indices {
            switch state[slot] {
            case .free: continue
            case .waiting(let w):
                held.insert(info[slot].queue)
                if w.secondQueue >= 0 { held.insert(w.secondQueue) }
            case .offered(let e), .connected(let e), .wrapUp(let e):
                held.insert(info[slot].queue)
                held.insert(e.servedQueue)
            }
        }
        var conflicts: [String] = []
        for q in held.sorted() {
            let queue = self.configuration.queues[Int(q)]
            if newQueues[queue.id] == nil {
                conflicts.append("queue \(queue.id) has live contacts but is not in the new configuration")
            } else if newQueues[queue.id] != queue.channel {
                conflicts.append("queue \(queue.id) has live contacts but changes channel")
            }
        }
        let newAgents = Set(configuration.agents.map(\.id))
        for (name, a) in names.agents.sorted(by: { $0.value < $1.value })
        where agents[a].status != .loggedOut && !newAgents.contains(name) {
            conflicts.append("agent \(name) is logged in but not in the new configuration")
        }
        return conflicts
    }

    /// A waiting contact's phases and schedules afresh under this core's
    /// rules, keeping its line ticket, queue entry time and last announcement.
    private func rescheduled(_ w: Waiting, _ slot: Int) -> Waiting {
        let q = Int(info[slot].queue)
        let wait = clock - info[slot].arrival
        var n = Waiting(phase: phase(q, wait: wait), ticket: w.ticket, entered: w.entered)
        n.secondQueue = w.secondQueue
        if w.secondQueue >= 0 { n.secondPhase = phase(Int(w.secondQueue), wait: wait) }
        if let every = queues[q].announceEvery { n.nextAnnounce = clock + every }
        if let recheck = queues[q].recheck { n.nextRecheck = clock + recheck }
        n.lastAnnounced = w.lastAnnounced
        return n
    }

    /// Puts a snapshot's agents, figures, slots and contacts into this fresh
    /// core, mapping queues and agents by name. `exact`: the snapshot's own
    /// configuration (phases and schedules kept); otherwise waiting contacts
    /// take phases afresh and the caller arms their timers.
    private mutating func install(_ s: RoutingSnapshot, exact: Bool) {
        clock = s.clock
        nextSequence = s.nextSequence
        nextAssignment = s.nextAssignment
        decisions = s.decisions
        let queueMap = s.queues.map { names.queues[$0].map(Int32.init) }
        let agentMap = s.agentNames.map { names.agents[$0].map(Int32.init) }
        for (old, q) in queueMap.enumerated() {
            guard let q = q.map(Int.init) else { continue }
            queueStats[q] = s.figures[old]
            arrivalRates[q] = s.arrivalRates[old]
        }
        for (old, a) in agentMap.enumerated() {
            guard let a = a.map(Int.init) else { continue }
            let r = s.agents[old]
            agents[a].idleSince = r.idleSince
            agents[a].lastAssigned = r.lastAssigned
            agents[a].busyCurrent = r.busyCurrent
            agents[a].busyPrevious = r.busyPrevious
            if r.loggedIn {
                agents[a].loggedIn = true
                agents[a].work = LoggedIn(notReadyReason: r.notReadyReason, logOutWhenDone: r.logOutWhenDone)
            }
        }

        let n = s.generations.count
        store = store.copy(slotCapacity: max(store.slotCapacity, n), agentCount: store.agentCount)
        slotCount = n
        for (slot, g) in s.generations.enumerated() { generation[slot] = g }
        freeSlot = s.freeSlots.first ?? -1
        for (i, slot) in s.freeSlots.enumerated() {
            state[Int(slot)] = .free(next: i + 1 < s.freeSlots.count ? s.freeSlots[i + 1] : -1)
        }
        var inLine: [(queue: Int32, ticket: Int64, slot: Int)] = []
        for c in s.contacts {
            let slot = Int(c.slot)
            var i = c.info
            i.queue = queueMap[Int(i.queue)]!
            i.originalQueue = queueMap[Int(i.originalQueue)] ?? i.queue
            info[slot] = i
            switch c.state {
            case .free: continue
            case .waiting(var w):
                w.secondQueue = w.secondQueue >= 0 ? queueMap[Int(w.secondQueue)] ?? -1 : -1
                if !exact { w = rescheduled(w, slot) }
                state[slot] = .waiting(w)
                inLine.append((i.queue, w.ticket, slot))
            case .offered(var e), .connected(var e), .wrapUp(var e):
                e.agent = agentMap[Int(e.agent)]!
                e.servedQueue = queueMap[Int(e.servedQueue)]!
                e.secondQueue = e.secondQueue >= 0 ? queueMap[Int(e.secondQueue)] ?? -1 : -1
                e.phase = min(e.phase, Int32(queues[Int(e.servedQueue)].phaseStart.count - 1))
                let a = Int(e.agent)
                precondition(agents[a].loggedIn, "contact with logged-out agent")
                var li = agents[a].work
                let q = queues[Int(e.servedQueue)]
                li.add(q.channel, 1, exclusive: q.exclusive)
                engaged.insert(slot)
                switch c.state {
                case .offered:
                    li.offered += 1
                    state[slot] = .offered(e)
                    inLine.append((i.queue, e.ticket, slot))
                case .connected:
                    li.connected += 1
                    state[slot] = .connected(e)
                default:
                    li.wrapping += 1
                    state[slot] = .wrapUp(e)
                }
                agents[a].work = li
            }
        }
        // Lines in their old order; then buckets, agent states and pools.
        for entry in inLine.sorted(by: { ($0.queue, $0.ticket) < ($1.queue, $1.ticket) }) {
            let ticket = lines[Int(entry.queue)].enter(Int32(entry.slot))
            switch state[entry.slot] {
            case .waiting(var w):
                w.ticket = ticket
                state[entry.slot] = .waiting(w)
                insertInBucket(entry.slot, membership: 0, queue: Int(entry.queue), phase: w.phase)
                if w.secondQueue >= 0 {
                    insertInBucket(entry.slot, membership: 1, queue: Int(w.secondQueue), phase: w.secondPhase)
                }
            case .offered(var e):
                e.ticket = ticket
                state[entry.slot] = .offered(e)
            default: preconditionFailure("only waiting and offered contacts are in line")
            }
        }
        for a in agents.indices {
            reindexAgent(a)
        }
    }
}
