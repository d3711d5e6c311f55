import Foundation
import Logging
import RoutingCore

/// Microseconds since the Unix epoch, from the wall clock.
public func wallClockMicros() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
}

/// The one serial owner of the routing core in production.
///
/// Every accepted event goes: validate → append to the journal (durable) →
/// `EngineState.apply` (the core) → side effects (metrics, offers pushed to
/// agents, the next timer) → response. On start the journal is replayed
/// through `EngineState.apply`, the same code path, before any request.
/// The core's wake-up requests become one timer task that delivers
/// `.timePassed` (journaled like any event).
public actor Engine {
    public private(set) var state: EngineState
    let journal: Journal
    let clock: @Sendable () -> Int64
    let metrics: ServerMetrics
    let logger: Logger
    let timersEnabled: Bool
    var pending: [(Int64, [RoutingAction])] = []
    var timerTask: Task<Void, Never>?
    var timerDeadline: Int64?
    var offerSubscribers: [String: [Int: AsyncStream<String>.Continuation]] = [:]
    var nextSubscriber = 0
    /// Changes whenever state changes (for the stats stream).
    public private(set) var version = 0
    public private(set) var closed = false
    /// Records replayed from the journal at start.
    public let recovered: Int

    /// Opens the engine on `journal`: replays it, or starts it with
    /// `defaultConfig` (scenario YAML) when it is empty.
    public init(journal: Journal, defaultConfig: String, seed: UInt64 = 2026, offerTimeoutSeconds: Double? = 15,
                clock: @escaping @Sendable () -> Int64 = wallClockMicros,
                metrics: ServerMetrics = ServerMetrics(), logger: Logger = Logger(label: "acd.engine"),
                timers: Bool = true) throws {
        self.journal = journal
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        timersEnabled = timers
        let entries = try journal.entries()
        var state: EngineState
        if let first = entries.first {
            guard let config = first.record.config else {
                throw APIError(.internalServerError, "journal \(journal.path) does not start with a configuration record")
            }
            state = try EngineState(config: config, seed: first.record.seed ?? seed,
                                    offerTimeoutSeconds: first.record.offerTimeoutSeconds)
            for entry in entries.dropFirst() { _ = try state.apply(entry.record, at: entry.at) }
            if state.configText != defaultConfig {
                logger.warning("journal has its own configuration; the configuration given at start is ignored (use POST /v1/config/reload)")
            }
        } else {
            state = try EngineState(config: defaultConfig, seed: seed, offerTimeoutSeconds: offerTimeoutSeconds)
            let now = clock()
            _ = try journal.append(JournalRecord(config: defaultConfig, seed: seed, offerTimeoutSeconds: offerTimeoutSeconds),
                                   at: now, decisions: [])
            _ = try state.apply(JournalRecord(), at: now)
        }
        logger.info("engine ready", metadata: ["recovered": "\(entries.count)", "liveContacts": "\(state.liveContacts)"])
        self.state = state
        recovered = entries.count
    }

    /// Starts the timer for the core's next wake-up (call once after init).
    public func start() {
        updateGauges()
        scheduleTimer()
    }

    var now: Int64 { max(clock(), state.lastTime) }

    // MARK: The one path for events

    /// Journals `record`, then applies it; returns what the core did.
    @discardableResult
    func submit(_ record: JournalRecord) throws -> EngineState.Applied {
        guard !closed else { throw APIError(.serviceUnavailable, "the server is shutting down") }
        let at = now
        let start = ContinuousClock.now
        let seq: Int64
        do {
            seq = try journal.append(record, at: at, decisions: pending)
        } catch {
            logger.error("journal append failed", metadata: ["error": "\(error)"])
            throw APIError(.serviceUnavailable, "journal unavailable; event not accepted")
        }
        metrics.journalLatency.record(ContinuousClock.now - start)
        pending.removeAll(keepingCapacity: true)
        let applied: EngineState.Applied
        do {
            applied = try state.apply(record, at: at)
        } catch {
            // Configuration records are checked before journaling; reaching
            // this means the journal holds a record the state cannot apply.
            fatalError("journaled configuration could not be applied: \(error)")
        }
        pending.append((seq, applied.actions))
        sideEffects(record, applied)
        return applied
    }

    private func sideEffects(_ record: JournalRecord, _ applied: EngineState.Applied) {
        version += 1
        if case .contactArrived(let q, _)? = record.event, case .admitted = applied.outcome {
            metrics.arrived(state.queueName(q))
        }
        if case .offerAccepted(let h)? = record.event, applied.outcome == .applied,
           let id = applied.contact, let c = state.contacts[id] { metrics.answered(c.originalQueue) }
        if case .contactAbandoned? = record.event, applied.outcome == .applied,
           let id = applied.contact, let c = state.contacts[id] { metrics.abandoned(c.originalQueue) }
        for action in applied.actions {
            switch action {
            case .assign(let h, let a), .offer(let h, let a, _):
                guard let id = state.contact(handle: h), let c = state.contacts[id] else { continue }
                if case .assign = action { metrics.answered(c.originalQueue) }
                push(to: state.agentName(a), offerMessage(c, action))
            case .offerTimedOut(let h, let a):
                let id = state.contact(handle: h) ?? ""
                push(to: state.agentName(a), #"{"type":"offer-withdrawn","contact":"\#(id)"}"#)
            default: continue
            }
        }
        updateGauges()
        scheduleTimer()
    }

    private func updateGauges() {
        for (i, name) in state.queueNames.enumerated() { metrics.waiting(name, state.core.waitingCount(in: QueueID(i))) }
        for s in AgentStatus.allCases { metrics.agents(statusName(s), state.core.agentCount(s)) }
    }

    // MARK: Timers

    private func scheduleTimer() {
        guard timersEnabled, !closed else { return }
        let next = state.core.nextWakeup
        if next == timerDeadline { return }
        timerTask?.cancel()
        timerDeadline = next
        guard let next else { return }
        let delay = max(0, next - clock())
        timerTask = Task { [weak self] in
            try? await Task.sleep(for: .microseconds(delay))
            if Task.isCancelled { return }
            await self?.timerFired(next)
        }
    }

    private func timerFired(_ deadline: Int64) {
        guard timerDeadline == deadline else { return }
        timerDeadline = nil
        if clock() >= deadline {
            do { try submit(JournalRecord(event: .timePassed)) } catch {
                logger.error("timer event not accepted", metadata: ["error": "\(error)"])
            }
        }
        scheduleTimer()
    }

    /// Delivers `.timePassed` now (tests drive time by hand).
    public func tick() throws { try submit(JournalRecord(event: .timePassed)) }

    // MARK: Contacts

    public func arrive(_ r: ArrivalRequest) throws -> ContactView {
        guard let q = state.core.queueID(named: r.queue) else { throw APIError(.badRequest, "queue: unknown queue '\(r.queue)'") }
        let channel = state.core.configuration.queues[Int(q.index)].channel
        if let c = r.channel, c != channel {
            throw APIError(.badRequest, "channel: queue '\(r.queue)' takes \(channel.rawValue) contacts, not \(c.rawValue)")
        }
        let record = JournalRecord(event: .contactArrived(queue: q, priority: r.priority),
                                   contact: state.upcomingContactID, attributes: r.attributes.isEmpty ? nil : r.attributes)
        let applied = try submit(record)
        guard case .admitted = applied.outcome, let id = applied.contact else {
            throw APIError(.conflict, "contact not admitted")
        }
        return try view(id, attributes: false)
    }

    public func view(_ id: String, attributes: Bool = true) throws -> ContactView {
        guard let c = state.contacts[id] else { throw APIError(.notFound, "unknown contact '\(id)'") }
        var v = ContactView(id: c.id, queue: c.queue, channel: c.channel, priority: c.priority, state: c.state,
                            agent: c.agent, position: nil, expectedWaitSeconds: nil, callback: c.callback,
                            attributes: attributes && !c.attributes.isEmpty ? c.attributes : nil)
        if c.state == .waiting || c.state == .offered, let e = state.core.waitEstimates(of: c.handle, at: now),
           let q = state.core.queueID(named: c.queue) {
            v.position = e.position
            let wait = e[state.core.configuration.queues[Int(q.index)].waitEstimator]
            v.expectedWaitSeconds = wait == .max ? nil : Double(wait) / 1_000_000
        }
        return v
    }

    public enum ContactCommand: Sendable {
        case abandon, callback, accept, reject, finish(wrapUpSeconds: Double?), wrapUpDone
    }

    /// Applies a contact command for `principal` (agents only on contacts offered or assigned to them).
    public func contact(_ id: String, _ command: ContactCommand, by principal: Principal) throws -> ContactView {
        guard let c = state.contacts[id] else { throw APIError(.notFound, "unknown contact '\(id)'") }
        if case .agent(let me) = principal, c.agent != me {
            throw APIError(.forbidden, "contact '\(id)' is not offered or assigned to agent \(me)")
        }
        guard c.isLive else { throw APIError(.conflict, "contact '\(id)' is \(c.state.rawValue)") }
        let event: RoutingEvent
        switch command {
        case .abandon: event = .contactAbandoned(c.handle)
        case .callback: event = .callbackRequested(c.handle)
        case .accept: event = .offerAccepted(c.handle)
        case .reject: event = .offerRejected(c.handle)
        case .finish(let seconds):
            if let seconds, !(seconds >= 0 && seconds <= 86_400) {
                throw APIError(.badRequest, "wrapUpSeconds: must be between 0 and 86400")
            }
            event = .contactFinished(c.handle, wrapUpMicroseconds: seconds.map { Int64(($0 * 1_000_000).rounded()) })
        case .wrapUpDone: event = .wrapUpDone(c.handle)
        }
        let applied = try submit(JournalRecord(event: event, contact: id))
        if case .rejected(let r) = applied.outcome { throw APIError(.conflict, rejectionMessage(r)) }
        return try view(id)
    }

    // MARK: Agents

    public enum AgentCommand: Sendable {
        case login, logout(whenDone: Bool), ready, notReady(reason: Int32)
    }

    func agentID(_ name: String) throws -> AgentID {
        guard let a = state.core.agentID(named: name) else { throw APIError(.notFound, "unknown agent '\(name)'") }
        return a
    }

    public func agent(_ name: String, _ command: AgentCommand) throws -> AgentView {
        let a = try agentID(name)
        let event: RoutingEvent
        switch command {
        case .login: event = .agentLoggedIn(a)
        case .logout(let whenDone): event = whenDone ? .agentLogOutWhenDone(a) : .agentLoggedOut(a)
        case .ready: event = .agentReady(a)
        case .notReady(let reason): event = .agentNotReady(a, reason: reason)
        }
        let applied = try submit(JournalRecord(event: event))
        if case .rejected(let r) = applied.outcome { throw APIError(.conflict, rejectionMessage(r)) }
        return try agentView(name)
    }

    public func agentView(_ name: String) throws -> AgentView {
        let a = try agentID(name)
        return AgentView(id: name, state: statusName(state.core.status(of: a)), notReadyReason: state.core.notReadyReason(of: a))
    }

    public func setSkills(_ name: String, _ skills: [SkillsRequest.Skill]) throws -> AgentView {
        let a = try agentID(name)
        var seen = Set<String>()
        let mapped = try skills.enumerated().map { i, s in
            guard let id = state.core.skillID(named: s.skill) else { throw APIError(.badRequest, "skills[\(i)].skill: unknown skill '\(s.skill)'") }
            guard (1...10).contains(s.level) else { throw APIError(.badRequest, "skills[\(i)].level: must be 1...10") }
            guard seen.insert(s.skill).inserted else { throw APIError(.badRequest, "skills[\(i)].skill: '\(s.skill)' given twice") }
            return AgentSkill(id, level: s.level)
        }
        let applied = try submit(JournalRecord(event: .agentSkillsChanged(a, mapped)))
        if case .rejected(let r) = applied.outcome { throw APIError(.conflict, rejectionMessage(r)) }
        return try agentView(name)
    }

    /// Offers (and assignments) to one agent as server-sent event payloads:
    /// the ones pending now first, then each new one.
    public func subscribeOffers(_ name: String) throws -> (Int, AsyncStream<String>) {
        _ = try agentID(name)
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        for c in state.contacts.values.sorted(by: { $0.arrival < $1.arrival }) where c.agent == name && c.isLive {
            if c.state == .offered { continuation.yield(offerMessage(c, nil)) }
        }
        if closed { continuation.finish() }
        nextSubscriber += 1
        offerSubscribers[name, default: [:]][nextSubscriber] = continuation
        return (nextSubscriber, stream)
    }

    public func unsubscribe(_ name: String, _ id: Int) {
        offerSubscribers[name]?[id]?.finish()
        offerSubscribers[name]?[id] = nil
    }

    private func push(to agent: String, _ message: String) {
        guard let subs = offerSubscribers[agent] else { return }
        for c in subs.values { c.yield(message) }
    }

    private func offerMessage(_ c: ContactRecord, _ action: RoutingAction?) -> String {
        struct Message: Encodable {
            var type: String
            var contact: String
            var queue: String
            var channel: Channel
            var priority: Int32
            var deadline: Double?
            var attributes: [String: String]
        }
        var m = Message(type: "offer", contact: c.id, queue: c.queue, channel: c.channel, priority: c.priority,
                        deadline: nil, attributes: c.attributes)
        if case .assign? = action { m.type = "assigned" }
        if case .offer(_, _, let deadline)? = action { m.deadline = Double(deadline) / 1_000_000 }
        return String(decoding: (try? apiEncoder.encode(m)) ?? Data(), as: UTF8.self)
    }

    // MARK: Supervisor

    public func stats() -> StatsView {
        let t = now
        let queues = state.queueNames.enumerated().map { i, name in
            let q = QueueID(i)
            let d = state.today[name] ?? QueueDay()
            let left = d.answered + d.abandoned
            return QueueStatsView(
                queue: name, waiting: state.core.waitingCount(in: q),
                longestWaitSeconds: Double(state.core.longestWait(in: q, at: t)) / 1_000_000,
                offeredToday: d.offered, answeredToday: d.answered, abandonedToday: d.abandoned,
                serviceLevelToday: left > 0 ? Double(d.answeredWithinTarget) / Double(left) : nil,
                targetSeconds: Double(state.targetMicros[i]) / 1_000_000,
                averageSpeedOfAnswerSeconds: d.answered > 0 ? Double(d.answeredWaitMicros) / Double(d.answered) / 1_000_000 : nil)
        }
        var agents: [String: Int] = [:]
        for s in AgentStatus.allCases { agents[statusName(s)] = state.core.agentCount(s) }
        return StatsView(time: Double(t) / 1_000_000, queues: queues, agents: agents, liveContacts: state.liveContacts)
    }

    /// Replaces the routing configuration (scenario YAML). 400 when it does
    /// not parse or validate; 409 when live state cannot be carried over.
    public func reload(_ yaml: String) throws -> StatsView {
        let routing: RoutingConfiguration
        do {
            (routing, _) = try EngineState.parseConfiguration(yaml, file: "reload",
                                                              offerTimeoutSeconds: state.offerTimeoutSeconds)
            _ = try RoutingCore(configuration: routing)
        } catch {
            throw APIError(.badRequest, "configuration: \(error)".split(separator: "\n").first.map(String.init) ?? "invalid configuration")
        }
        if let conflict = state.reloadConflict(routing) { throw APIError(.conflict, conflict) }
        try submit(JournalRecord(config: yaml))
        logger.info("configuration reloaded", metadata: ["queues": "\(routing.queues.count)", "agents": "\(routing.agents.count)"])
        return stats()
    }

    // MARK: Shutdown

    /// Writes the decisions not yet written, stops timers and ends streams.
    public func shutdown() {
        guard !closed else { return }
        closed = true
        timerTask?.cancel()
        do { try journal.writeDecisions(pending) } catch {
            logger.error("could not write the last decisions", metadata: ["error": "\(error)"])
        }
        pending.removeAll()
        for subs in offerSubscribers.values { for c in subs.values { c.finish() } }
        offerSubscribers.removeAll()
        logger.info("engine stopped")
    }
}
