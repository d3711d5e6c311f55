#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BasicContainers
import RoutingCore
import Stochastics

/// `seconds` in whole microseconds, rounded half away from zero: what
/// `Int64((seconds * 1e6).rounded())` gives, without the call into libm's
/// `round` (`y - Double(whole)` is exact, as the two are within 1 of each
/// other). Traps, as that does, outside the range of `Int64`. The rounding
/// step is arithmetic, not a branch (whether a time's fraction reaches one
/// half is a coin toss no branch predictor guesses): twice the fraction,
/// exact and in (-2, 2), truncates to the -1, 0 or 1 to add. That cannot
/// overflow, as a double past 2^53 is whole.
@inline(__always) func wholeMicroseconds(_ seconds: Double) -> Int64 {
    let y = seconds * 1e6
    let whole = Int64(y)
    return whole &+ Int64(2 * (y - Double(whole)))
}

/// One replication: drives a `RoutingCore` through simulated time and counts
/// what happens. All times in the core are microseconds; here, seconds.
/// Noncopyable, as its calendar is.
struct Replication: ~Copyable {
    let model: SimulationModel
    var core: RoutingCore
    /// Arrivals use one lane per queue, the earliest patience deadline the
    /// lane after them (`patienceLane`); everything else the calendar queue.
    var calendar: EventCalendar<SimulationEvent>
    var patienceDeadlines = PatienceDeadlines()
    let patienceLane: Int
    var actions = ActionBuffer(capacity: 64)
    var counters: ReplicationCounters
    /// The per-interval counts while running; into `counters` at the end.
    var cells: CounterCells

    let arrivals: [ArrivalProcess]
    /// Per queue, hoisted out of the model for the hot path.
    let talkTime: QueueSamplers
    let wrapUp: QueueSamplers
    let patience: QueueSamplers
    let urgentShare: [Double]
    let urgentPriority: [Int32]
    /// Per queue, the service-level threshold T in microseconds (-1: no target).
    let targetMicros: [Int64]
    var arrivalSegment: UniqueArray<Int>
    /// The per-queue streams, owned here for the views below, which draw
    /// from them without reference counting.
    let queueStreams: [RandomStream]
    let arrivalStream: [StreamView]
    let talkStream: [StreamView]
    let wrapUpStream: [StreamView]
    let patienceStream: [StreamView]
    let priorityStream: [StreamView]
    let toleranceStream: [StreamView]
    let callbackStream: [StreamView]
    let reactions: [CallerReactions]
    /// Per queue, `reactions[q].isActive`, hoisted for the hot path.
    let reacts: [Bool]
    var routingStream: RandomStream
    /// Whether the core draws from `routingStream` (see `route`).
    let routesAtRandom: Bool

    /// Noncopyable arrays (as the replication is) for what changes with
    /// every contact: no copy-on-write checks.
    var contacts = UniqueArray<ContactRecord>()
    /// Per agent: its group, contacts held and since when it has been busy
    /// (together: the end of a talk reads all three), since when it has been
    /// staffed, whether it is logged in and whether it is leaving.
    var tallies: UniqueArray<AgentTally>
    var staffedSince: [Double]
    var loggedIn: [Bool]
    var leaving: [Bool]
    /// Per group, agents on duty per interval after absence; empty for a
    /// group staffed by shifts (see `Roster`).
    let headcounts: [[Int]]
    /// The shift agents' log-ins and log-outs, in time order.
    let shiftChanges: [ShiftChange]

    let warmup: Double
    let end: Double
    let interval: Double
    let grid: ReportingGrid
    /// Simulated seconds processed, for progress reports.
    var now: Double = 0
    /// `now` in microseconds, exactly as the core was told it.
    var nowMicros: Int64 = 0
    /// Contacts arrived so far.
    var arrived: Int64 = 0
    /// Contacts connected to an agent and not yet released.
    var engaged = 0
    /// Every routing decision, when the caller asked for them.
    var decisions: [Decision]?
    /// Announcements awaiting realised waits, with a free list.
    var announcements: [PendingAnnouncement] = []
    var freeAnnouncement: Int32 = -1
    /// Per queue, abandoners with pending announcements, by arrival time.
    var abandoners: [[PendingAbandoner]]
    /// Abandoners in `abandoners`, all queues together.
    var pendingAbandoners = 0
    /// Scratch for `applyActions`: offers accepted, callbacks taken and
    /// callers who balk, answered after the core's actions are read.
    var acceptedOffers: [ContactHandle] = []
    var callbackRequests: [ContactHandle] = []
    var balks: [ContactHandle] = []
    /// Agents that may have been left idle by the actions being applied
    /// (the first `idleCandidateCount`).
    var idleCandidates = UniqueArray<Int32>()
    var idleCandidateCount = 0
    /// Per agent and queue (agent x queues + queue): the wait after which the
    /// agent may serve the queue's contacts, seconds (infinite: never).
    let qualifyingWait: [Double]
    /// Per queue, its IVR's containment share (nil: no IVR); empty when no
    /// queue has an IVR. The IVR's times and draws (see `Replication+IVR`).
    let ivrContainment: [Double?]
    let ivrTime: QueueSamplers
    let ivrStream: [StreamView]
    /// Callers in an IVR, by slot, and the free slots.
    var ivrCallers: [Caller] = []
    var freeIVRSlots: [Int32] = []
    /// Per agent and queue (agent x queues + queue): the factor on the talk
    /// times of the queue's contacts; empty when no queue has factors.
    let talkFactor: [Double]

    /// Replication `replication` of `model`, starting from `core`, the
    /// model's routing core before its first event.
    init(model: SimulationModel, core: RoutingCore, replication: Int, recordDecisions: Bool = false) {
        self.model = model
        decisions = recordDecisions ? [] : nil
        abandoners = Array(repeating: [], count: model.queues.count)
        self.core = core
        routesAtRandom = core.drawsRandomNumbers
        calendar = EventCalendar(lanes: model.queues.count + 1)
        patienceLane = model.queues.count
        qualifyingWait = model.routing.agents.indices.flatMap { a in
            model.queues.indices.map { q in
                core.qualifyingWait(agent: AgentID(a), queue: QueueID(q)).map { Double($0) * 1e-6 } ?? .infinity
            }
        }
        warmup = model.warmupSeconds
        end = model.durationSeconds
        interval = model.intervalSeconds
        grid = ReportingGrid(start: warmup, end: end, intervalSeconds: interval)
        counters = ReplicationCounters(queueCount: model.queues.count, groupCount: model.groups.count,
                                       intervalCount: grid.count)
        cells = CounterCells(queueCount: model.queues.count, groupCount: model.groups.count,
                             intervalCount: grid.count)
        var owners: [RandomStream] = []
        func streams(_ key: (Int) -> StreamKey) -> [StreamView] {
            model.queues.indices.map {
                owners.append(RandomStream(masterSeed: model.seed, replication: replication, key: key($0)))
                return owners[owners.count - 1].view
            }
        }
        arrivalStream = streams { StreamKey(.arrivals, index: $0) }
        talkStream = streams { StreamKey(.handleTime, index: $0) }
        wrapUpStream = streams { StreamKey(.wrapUp, index: $0) }
        patienceStream = streams { StreamKey(.patience, index: $0) }
        toleranceStream = streams { StreamKey(.tolerance, index: $0) }
        callbackStream = streams { StreamKey(.callback, index: $0) }
        priorityStream = streams { StreamKey(name: "priority/\($0)") }
        let anyIVR = model.queues.contains { $0.ivr != nil }
        ivrStream = anyIVR ? streams { StreamKey(.ivr, index: $0) } : []
        queueStreams = owners
        ivrContainment = anyIVR ? model.queues.map { $0.ivr?.containment } : []
        ivrTime = QueueSamplers(model.queues.map { $0.ivr?.time })
        talkFactor = model.queues.contains { $0.handleTimeFactors != nil }
            ? model.routing.agents.flatMap { agent in
                model.queues.map { queue in
                    queue.handleTimeFactors?.factor(level: agent.skills.first { $0.skill == queue.name }?.level) ?? 1
                }
            }
            : []
        reactions = model.queues.map(\.reactions)
        reacts = reactions.map(\.isActive)
        routingStream = RandomStream(masterSeed: model.seed, replication: replication, key: StreamKey(.routing))
        let volume = model.queues.indices.map {
            RandomStream(masterSeed: model.seed, replication: replication, key: StreamKey(.volume, index: $0))
        }
        arrivals = model.queues.enumerated().map { q, queue in
            var scale = 1.0
            if queue.volumeCV > 0 {
                // Gamma day factor with mean 1 and the given CV.
                scale = (try? Distribution.gamma(mean: 1, cv: queue.volumeCV))?.sample(volume[q]) ?? 1
            }
            return ArrivalProcess(ratesPerSecond: queue.ratesPerSecond, intervalSeconds: queue.arrivalIntervalSeconds,
                                  scale: scale, surges: queue.surges, end: model.durationSeconds)
        }
        arrivalSegment = UniqueArray(repeating: 0, count: model.queues.count)
        talkTime = QueueSamplers(model.queues.map(\.talkTime))
        wrapUp = QueueSamplers(model.queues.map(\.wrapUp))
        patience = QueueSamplers(model.queues.map(\.patience))
        urgentShare = model.queues.map(\.urgentShare)
        urgentPriority = model.queues.map(\.urgentPriority)
        targetMicros = model.queues.map { $0.target.map { wholeMicroseconds($0.withinSeconds) } ?? -1 }
        let agentCount = model.routing.agents.count
        var groupOf = Array(repeating: Int32(-1), count: agentCount)
        for (g, group) in model.groups.enumerated() {
            for a in group.agents { groupOf[a] = Int32(g) }
        }
        tallies = UniqueArray(capacity: agentCount)
        for g in groupOf { tallies.append(AgentTally(group: g)) }
        staffedSince = Array(repeating: 0, count: agentCount)
        loggedIn = Array(repeating: false, count: agentCount)
        leaving = Array(repeating: false, count: agentCount)
        let roster = Roster(model: model, replication: replication)
        headcounts = roster.headcounts
        shiftChanges = roster.changes
    }

    // MARK: - Running

    /// Runs the replication and returns its counts. Arrivals stop at the end
    /// of the horizon; contacts still in the system then are played out (no
    /// censoring of their waits), while time-based figures stop at the end.
    /// Past the horizon, the core's own deadlines (wrap-ups, the routing
    /// steps of waiting contacts) count while events are pending or agents
    /// are engaged: a contact no agent will ever free up for ends the run
    /// waiting, instead of announcements to it running forever.
    /// `progress` is told the simulated seconds done, now and then.
    mutating func run(progress: (Double) -> Void = { _ in }) -> ReplicationCounters {
        for q in model.queues.indices { scheduleArrival(queue: q, after: 0) }
        if model.groups.contains(where: \.shifts.isEmpty) { calendar.schedule(.staffing(interval: 0), at: 0) }
        if let first = shiftChanges.first { calendar.schedule(.shiftChange(0), at: first.time) }
        let horizon = micros(end)
        var sinceReport = 0
        while true {
            if let wake = core.nextWakeup, case let next = calendar.nextTime ?? Int64.max,
               wake <= next, wake <= horizon || next != Int64.max || engaged > 0 {
                now = seconds(wake)
                nowMicros = wake
                _ = route(.timePassed, at: wake)
                applyActions()
                continue
            }
            guard let (time, event) = calendar.next() else { break }
            now = seconds(time)
            nowMicros = time
            switch event {
            case .arrival(let q): arrive(queue: Int(q), at: time)
            case .talkEnd(let h): finishTalk(h, at: time)
            case .patienceEnd(let h): abandon(h, at: time)
            case .staffing(let i): staff(interval: Int(i), at: time)
            case .ivrEnd(let slot): leaveIVR(slot: slot, at: time)
            case .shiftChange(let k): changeShifts(from: Int(k), at: time)
            }
            sinceReport &+= 1
            if sinceReport == 65_536 {
                sinceReport = 0
                progress(Swift.min(now, end))
            }
        }
        closeBooks()
        progress(end)
        counters.arrivals = Int(arrived)
        cells.copy(into: &counters)
        counters.decisions = decisions
        return counters
    }

    /// Hands `event` to the core, its actions into `actions`. A core that
    /// draws no random numbers runs its variant without a generator, which
    /// the core's module specializes (a generator from here would run its
    /// generic code).
    @inline(__always) mutating func route(_ event: RoutingEvent, at time: Int64) -> RoutingOutcome {
        routesAtRandom ? core.handle(event, at: time, random: &routingStream, into: &actions)
            : core.handle(event, at: time, into: &actions)
    }

    @inline(__always) func micros(_ s: Double) -> Int64 { wholeMicroseconds(s) }
    @inline(__always) func seconds(_ us: Int64) -> Double { Double(us) * 1e-6 }

    @inline(__always)
    mutating func scheduleArrival(queue q: Int, after t: Double) {
        let e = -log(arrivalStream[q].uniform())
        if let next = arrivals[q].nextArrival(after: t, exponential: e, segment: &arrivalSegment[q]) {
            calendar.schedule(.arrival(queue: Int32(q)), at: micros(next), lane: q)
        }
    }

    // MARK: - Events

    mutating func arrive(queue q: Int, at time: Int64) {
        let t = seconds(time)
        scheduleArrival(queue: q, after: t)
        if !ivrContainment.isEmpty, let containment = ivrContainment[q] {
            enterIVR(queue: q, containment: containment, at: t)
        } else {
            enter(drawCaller(queue: q), at: time)
        }
    }

    /// Every random choice of a new contact of queue `q`, from the queue's
    /// own streams (common random numbers), and its arrival number.
    @inline(__always) mutating func drawCaller(queue q: Int) -> Caller {
        let talk = talkTime.sample(q, talkStream[q])!
        let wrap = wrapUp.sample(q, wrapUpStream[q]).map { micros(ScenarioLimits.capped($0)) } ?? 0
        let patience = patience.sampleLater(q, patienceStream[q])
        let urgent = urgentShare[q] > 0 && priorityStream[q].uniform() < urgentShare[q]
        var tolerance = Double.infinity, accepts = false, answers = true
        if reacts[q] {
            let r = reactions[q]
            if let distribution = r.balkTolerance, r.balkShare > 0 {
                let balker = toleranceStream[q].uniform() < r.balkShare
                let drawn = distribution.sample(toleranceStream[q])
                if balker { tolerance = drawn }
            }
            if r.callbackAccept > 0 {
                accepts = callbackStream[q].uniform() < r.callbackAccept
                answers = callbackStream[q].uniform() < r.callbackAnswer
            }
        }
        defer { arrived += 1 }
        return Caller(sequence: arrived, queue: Int32(q), talk: ScenarioLimits.capped(talk),
                      wrapUpMicros: wrap, patience: patience,
                      urgent: urgent, tolerance: tolerance, acceptsCallback: accepts, answersCallback: answers)
    }

    /// `caller` enters its queue, and the routing core, at `time`: the
    /// queue's counts and waits start here.
    @inline(__always) mutating func enter(_ caller: Caller, at time: Int64) {
        let q = Int(caller.queue)
        let t = seconds(time)
        actions.removeAll()
        let arrival = RoutingEvent.contactArrived(queue: QueueID(q), priority: caller.urgent ? urgentPriority[q] : 0)
        guard case .admitted(let h) = route(arrival, at: time) else {
            preconditionFailure("the core refused an arrival at a configured queue")
        }
        let slot = Int(h.slot)
        while slot >= contacts.count { contacts.append(ContactRecord()) }
        // Those entering after the end (from an IVR) are outside every interval, like the warm-up's.
        let interval = t >= warmup && t < end ? grid.index(t) : -1
        contacts[slot] = ContactRecord(generation: h.generation, sequence: caller.sequence, queue: caller.queue,
                                       arrivalMicros: time, talk: caller.talk, wrapUpMicros: caller.wrapUpMicros, answered: 0,
                                       waiting: true, interval: Int32(interval), tolerance: caller.tolerance,
                                       acceptsCallback: caller.acceptsCallback,
                                       answersCallback: caller.answersCallback)
        if interval >= 0 { cells[queue: q, interval: interval].offered += 1 }
        applyActions()
        // Unless an announcement during the actions reset its patience.
        if contacts[slot].waiting, !contacts[slot].onCallback, let patience = caller.patience,
           !patienceDeadlines.contains(slot) {
            setPatience(slot, at: time + micros(ScenarioLimits.capped(patience.value)))
        }
    }

    mutating func finishTalk(_ h: ContactHandle, at time: Int64) {
        let record = contacts[Int(h.slot)]
        actions.removeAll()
        _ = route(.contactFinished(h, wrapUpMicroseconds: record.wrapUpMicros), at: time)
        applyActions()
    }

    mutating func abandon(_ h: ContactHandle, at time: Int64) {
        actions.removeAll()
        hangUp(h, at: time)
        applyActions()
    }

    /// The caller leaves the queue: patience ran out, or it balked.
    mutating func hangUp(_ h: ContactHandle, at time: Int64, balked: Bool = false) {
        let slot = Int(h.slot)
        guard case .applied = route(.contactAbandoned(h), at: time) else {
            preconditionFailure("the core refused the abandonment of a waiting contact")
        }
        let t = seconds(time)
        let record = contacts[slot]
        contacts[slot].waiting = false
        cancelPatience(slot)
        if record.firstAnnouncement >= 0 { keepForResolution(queue: Int(record.queue), record) }
        addWaiting(queue: Int(record.queue), from: record.arrival, to: t)
        if record.counted {
            let i = Int(record.interval)
            cells[queue: Int(record.queue), interval: i].abandoned += 1
            if time - record.arrivalMicros <= wholeMicroseconds(model.queues[Int(record.queue)].shortAbandonSeconds)
                && model.queues[Int(record.queue)].shortAbandonSeconds > 0 {
                cells[queue: Int(record.queue), interval: i].shortAbandoned += 1
            }
            if balked { cells[queue: Int(record.queue), interval: i].balked += 1 }
        }
    }

    /// Logs agents in or out so that each group staffed by a headcount has
    /// that of interval `i`.
    mutating func staff(interval i: Int, at time: Int64) {
        let t = seconds(time)
        actions.removeAll()
        for (g, group) in model.groups.enumerated() where !headcounts[g].isEmpty {
            let target = headcounts[g][i % headcounts[g].count]
            var onDuty = 0
            for a in group.agents where loggedIn[a] && !leaving[a] { onDuty += 1 }
            if onDuty < target {
                for a in group.agents where !loggedIn[a] && onDuty < target {
                    _ = route(.agentLoggedIn(AgentID(a)), at: time)
                    loggedIn[a] = true
                    noteIdleCandidate(a)
                    staffedSince[a] = t
                    onDuty += 1
                }
                // Every agent of the group still busy (contacts outlasting
                // several drops and rises): those finishing after their end
                // stay on duty instead, as an agent back from a break does.
                for a in group.agents where leaving[a] && onDuty < target {
                    leaving[a] = false
                    _ = route(.agentReady(AgentID(a)), at: time)
                    onDuty += 1
                }
                assert(onDuty == target, "a group has at least its largest headcount of agents")
            } else if onDuty > target {
                for a in group.agents.reversed() where loggedIn[a] && !leaving[a] && onDuty > target {
                    leaving[a] = true
                    onDuty -= 1
                    _ = route(.agentLogOutWhenDone(AgentID(a)), at: time)
                }
            }
        }
        applyActions()
        let nextStart = Double(i + 1) * interval
        if nextStart < end { calendar.schedule(.staffing(interval: Int32(i + 1)), at: micros(nextStart)) }
    }

    // MARK: - Actions

    /// Applies the core's decisions to the simulated world, then empties the
    /// buffer. Offers are accepted at once (simulated agents always answer).
    mutating func applyActions() {
        while !actions.isEmpty {
            // Whether an action asked for a reply to the core.
            var replies = false
            var i = 0
            while i < actions.count {
                switch actions[i] {
                case .assign(let h, let agent):
                    connect(h, agent)
                case .offer(let h, let agent, _):
                    connect(h, agent)
                    acceptedOffers.append(h)
                    replies = true
                case .released(let h, let agent):
                    release(h, agent)
                case .agentLoggedOut(let agent):
                    let a = Int(agent.index)
                    addStaffed(agent: a, from: staffedSince[a], to: now)
                    loggedIn[a] = false
                    leaving[a] = false
                case .announce(let h, _, let expectedWait):
                    recordAnnouncement(h, announced: expectedWait)
                    if react(to: h, announced: expectedWait) {
                        balks.append(h)
                        replies = true
                    }
                case .offerCallback(let h, _):
                    if acceptCallback(h) {
                        callbackRequests.append(h)
                        replies = true
                    }
                case .moved, .alsoQueued, .offerTimedOut, .agentNotReady:
                    break
                }
                i += 1
            }
            actions.removeAll()
            if !replies { break }
            for h in acceptedOffers {
                _ = route(.offerAccepted(h), at: nowMicros)
            }
            for h in callbackRequests where contacts[Int(h.slot)].waiting {
                _ = route(.callbackRequested(h), at: nowMicros)
            }
            for h in balks where contacts[Int(h.slot)].waiting && contacts[Int(h.slot)].generation == h.generation {
                hangUp(h, at: nowMicros, balked: true)
            }
            acceptedOffers.removeAll(keepingCapacity: true)
            callbackRequests.removeAll(keepingCapacity: true)
            balks.removeAll(keepingCapacity: true)
        }
        if idleCandidateCount > 0 {
            if pendingAbandoners > 0 { resolveAbandonersAtIdleAgents() } else { idleCandidateCount = 0 }
        }
    }

    @inline(__always)
    mutating func connect(_ h: ContactHandle, _ agent: AgentID) {
        let slot = Int(h.slot)
        let record = contacts[slot]
        let q = Int(record.queue)
        let waitMicros = nowMicros - record.arrivalMicros, wait = seconds(waitMicros)
        contacts[slot].waiting = false
        cancelPatience(slot)
        contacts[slot].answered = now
        if record.firstAnnouncement >= 0 || (pendingAbandoners > 0 && !abandoners[q].isEmpty) {
            judgeAnnouncements(of: record, servedAt: now)
        }
        let decision = Decision(timeMicros: nowMicros, contact: record.sequence, agent: agent.index, queue: record.queue)
        counters.decisionDigest.add(decision)
        decisions?.append(decision)
        if wait > 0 { addWaiting(queue: q, from: record.arrival, to: now) }
        // A callback the customer does not pick up costs the agent an attempt.
        let unanswered = record.onCallback && !record.answersCallback
        if record.counted {
            let i = Int(record.interval)
            if unanswered {
                cells[queue: q, interval: i].callbacksUnanswered += 1
            } else {
                cells[queue: q, interval: i].answered += 1
                cells[queue: q, interval: i].answeredWaitSeconds += wait
                if wait > 0 { cells[queue: q, interval: i].delayed += 1 }
                if waitMicros <= targetMicros[q] { cells[queue: q, interval: i].answeredWithinTarget += 1 }
            }
        }
        let a = Int(agent.index)
        // The attempt's time, without wrap-up; or the talk time drawn at
        // arrival, times the agent's factor.
        var talk = record.talk
        if unanswered {
            talk = reactions[q].callbackAttemptSeconds
            contacts[slot].wrapUpMicros = 0
        } else if !talkFactor.isEmpty {
            talk = ScenarioLimits.capped(talk * talkFactor[a * model.queues.count + q])
        }
        if tallies[a].contacts == 0 { tallies[a].busySince = now }
        // Wrapping: both are bounded by the contacts in the system.
        tallies[a].contacts &+= 1
        engaged &+= 1
        calendar.schedule(.talkEnd(h), at: micros(now + talk))
    }

    mutating func release(_ h: ContactHandle, _ agent: AgentID) {
        let record = contacts[Int(h.slot)]
        if record.counted && !(record.onCallback && !record.answersCallback) {
            let q = Int(record.queue)
            let i = Int(record.interval)
            cells[queue: q, interval: i].handled += 1
            cells[queue: q, interval: i].handleSeconds += now - record.answered
        }
        let a = Int(agent.index)
        tallies[a].contacts &-= 1
        engaged &-= 1
        if tallies[a].contacts == 0 {
            addBusy(agent: a, from: tallies[a].busySince, to: now)
            noteIdleCandidate(a)
        }
    }

    // MARK: - Patience

    /// Sets the patience deadline of the contact in `slot` to `time`, in the
    /// calendar's order as if scheduled now.
    mutating func setPatience(_ slot: Int, at time: Int64) {
        if patienceDeadlines.set(slot, calendar.key(at: time)) { syncPatienceLane() }
    }

    /// Cancels the patience deadline of the contact in `slot`, if any.
    @inline(__always) mutating func cancelPatience(_ slot: Int) {
        if patienceDeadlines.remove(slot) { syncPatienceLane() }
    }

    /// Puts the earliest patience deadline in the calendar's patience lane.
    mutating func syncPatienceLane() {
        if let (key, slot) = patienceDeadlines.first {
            let h = ContactHandle(slot: Int32(slot), generation: contacts[slot].generation)
            calendar.setLane(patienceLane, .patienceEnd(h), key: key)
        } else {
            calendar.clearLane(patienceLane)
        }
    }

    // MARK: - Time accounting

    mutating func addWaiting(queue q: Int, from: Double, to: Double) {
        grid.forEachSpan(from: from, to: to) { cells[queue: q, interval: $0].waitingContactSeconds += $1 }
    }

    @inline(__always)
    mutating func addBusy(agent a: Int, from: Double, to: Double) {
        let g = Int(tallies[a].group)
        guard g >= 0 else { return }
        grid.forEachSpan(from: from, to: to) { cells[group: g, interval: $0].busySeconds += $1 }
    }

    mutating func addStaffed(agent a: Int, from: Double, to: Double) {
        let g = Int(tallies[a].group)
        guard g >= 0 else { return }
        grid.forEachSpan(from: from, to: to) { cells[group: g, interval: $0].staffedSeconds += $1 }
    }

    /// At the end of the run: agents still busy or logged in, and contacts
    /// still waiting, count up to the end.
    mutating func closeBooks() {
        now = end
        nowMicros = micros(end)
        for a in loggedIn.indices {
            if tallies[a].contacts > 0 { addBusy(agent: a, from: tallies[a].busySince, to: end) }
            if loggedIn[a] { addStaffed(agent: a, from: staffedSince[a], to: end) }
        }
        for slot in 0..<contacts.count where contacts[slot].waiting {
            addWaiting(queue: Int(contacts[slot].queue), from: contacts[slot].arrival, to: end)
            if contacts[slot].counted || contacts[slot].arrival >= end {
                counters.unresolved[Int(contacts[slot].queue)] += 1
            }
        }
        for (q, pending) in abandoners.enumerated() {
            for abandoner in pending {
                var k = abandoner.firstAnnouncement
                while k >= 0 {
                    counters.waitAccuracy[q].censored += 1
                    k = announcements[Int(k)].next
                }
            }
        }
    }
}
