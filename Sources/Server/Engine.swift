import Foundation
import Logging
import Prometheus
import RoutingCore

/// Microseconds since the Unix epoch, from the wall clock.
public func wallClockMicros() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
}

/// The one serial owner of the routing core in production.
///
/// Every accepted event goes: validate → `EngineState.apply` (the core, in
/// memory) → the response is computed → the event goes to the
/// `JournalWriter` → once its batch is committed (durable), the response is
/// sent and the offers it caused are pushed to agents. Events that arrive
/// while a commit is in progress are applied at once and committed together
/// in the next transaction (group commit: one fsync per batch), in the order
/// they were applied. Reads wait likewise until what they saw is durable, so no
/// client sees state a crash could lose. On start the journal is replayed
/// through `EngineState.apply`, the same code path, before any request. The
/// core's wake-up requests become one timer task that delivers `.timePassed`
/// (journaled like any event).
public actor Engine {
    public private(set) var state: EngineState
    let journal: Journal
    let clock: @Sendable () -> Int64
    let metrics: ServerMetrics
    let logger: Logger
    let timersEnabled: Bool
    var timerTask: Task<Void, Never>?
    var timerDeadline: Int64?
    var gauges: (configuration: String, waiting: [Gauge], agents: [Gauge]) = ("", [], [])
    /// Contact counters by queue name (looked up once per queue, not per event).
    var queueCounters: [String: ServerMetrics.QueueCounters] = [:]
    var offerSubscribers: [String: [Int: OfferSubscriber]] = [:]
    var nextSubscriber = 0
    /// Changes whenever state changes (for the stats stream).
    public private(set) var version = 0
    public private(set) var closed = false
    /// Records replayed from the journal at start.
    public let recovered: Int

    // Group commit.
    /// Events applied so far, and how many of them the engine knows are durable.
    var appliedCount = 0
    var durableCount = 0
    /// Commits applied events, batch by batch, off the engine.
    let writer: JournalWriter
    /// Where requests wait, off the actor, for the events they saw to be durable.
    let gate: DurabilityGate
    /// Messages for agents' offer streams, held until their event is durable.
    var heldPushes: [(event: Int, agent: String, message: String)] = []
    /// Set when a commit failed: the in-memory state is ahead of the journal,
    /// so the engine refuses everything until restarted from the journal.
    var journalFailure: String?

    // Compaction.
    /// Records between snapshots (0: never).
    let snapshotEvery: Int
    /// Journal sequence number of the last record before the first event applied here.
    let baseSeq: Int64
    var sinceSnapshot = 0
    var compaction: Task<Void, Never>?

    /// Opens the engine on `journal`: starts from its latest snapshot (if
    /// any) and replays the records after it, or starts it with
    /// `defaultConfig` (scenario YAML) when it is empty. Every
    /// `snapshotEvery` records (0: never) it compacts the journal.
    public init(journal: Journal, defaultConfig: String, seed: UInt64 = 2026, offerTimeoutSeconds: Double? = 15,
                snapshotEvery: Int = 100_000,
                clock: @escaping @Sendable () -> Int64 = wallClockMicros,
                metrics: ServerMetrics = ServerMetrics(), logger: Logger = Logger(label: "acd.engine"),
                timers: Bool = true) throws {
        self.journal = journal
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        self.snapshotEvery = snapshotEvery
        timersEnabled = timers
        let gate = DurabilityGate()
        self.gate = gate
        writer = JournalWriter(journal: journal, gate: gate, metrics: metrics)
        var state: EngineState
        var entries: [Journal.Entry]
        if let (seq, snapshot) = try Self.readableSnapshot(journal, logger: logger) {
            state = try EngineState(snapshot: snapshot)
            entries = try journal.entries(after: seq)
        } else if case let all = try Self.allRecords(journal), let first = all.first {
            guard let config = first.record.config else {
                throw APIError(.internalServerError, "journal \(journal.path) does not start with a configuration record")
            }
            state = try EngineState(config: config, seed: first.record.seed ?? seed,
                                    offerTimeoutSeconds: first.record.offerTimeoutSeconds)
            entries = Array(all.dropFirst())
        } else {
            state = try EngineState(config: defaultConfig, seed: seed, offerTimeoutSeconds: offerTimeoutSeconds)
            let now = clock()
            try journal.append([Journal.Write(JournalRecord(config: defaultConfig, seed: seed, offerTimeoutSeconds: offerTimeoutSeconds),
                                              at: now, actions: [])])
            _ = try state.apply(JournalRecord(), at: now)
            entries = []
        }
        for entry in entries { _ = try state.apply(entry.record, at: entry.at) }
        if state.configText != defaultConfig {
            logger.warning("journal has its own configuration; the configuration given at start is ignored (use POST /v1/config/reload)")
        }
        baseSeq = journal.lastSeq
        logger.info("engine ready", metadata: ["recovered": "\(entries.count)", "liveContacts": "\(state.liveContacts)"])
        self.state = state
        recovered = entries.count
        writer.listen { [weak self] durable, failure in
            Task { await self?.committed(upTo: durable, failure) }
        }
    }

    /// The latest snapshot, if there is one and it reads. An unreadable one
    /// (damaged on disk) is set aside when every record since the first is
    /// still kept (archive and journal): the state is then rebuilt from them.
    /// Otherwise starting fails, naming the file.
    private static func readableSnapshot(_ journal: Journal, logger: Logger) throws -> (seq: Int64, EngineState.Snapshot)? {
        let problem: any Error
        do {
            guard let (seq, data) = try journal.latestSnapshot() else { return nil }
            return (seq, try JSONDecoder().decode(EngineState.Snapshot.self, from: data))
        } catch {
            problem = error
        }
        let whole = try journal.history().entries
        guard !whole.isEmpty, whole.enumerated().allSatisfy({ $0.element.seq == Int64($0.offset + 1) }) else {
            throw APIError(.internalServerError, """
                \(journal.snapshotPath) cannot be read (\(problem)) and the records before it are not all kept \
                (\(journal.archivePath)): restore the snapshot from a backup
                """)
        }
        logger.error("snapshot unreadable; rebuilding the state from the archive and the journal",
                     metadata: ["snapshot": "\(journal.snapshotPath)", "error": "\(problem)", "records": "\(whole.count)"])
        return nil
    }

    /// Every record kept, oldest first: the archive's and the journal's.
    private static func allRecords(_ journal: Journal) throws -> [Journal.Entry] {
        FileManager.default.fileExists(atPath: journal.archivePath) ? try journal.history().entries : try journal.entries()
    }

    /// Starts the timer for the core's next wake-up (call once after init).
    public func start() {
        updateGauges()
        scheduleTimer()
    }

    var now: Int64 { max(clock(), state.lastTime) }

    // MARK: The one path for events

    /// Applies `record` and queues it for the journal; returns what the core
    /// did. Not yet durable: what answers a client goes through `durably`.
    @discardableResult
    private func apply(_ record: JournalRecord, at time: Int64? = nil) throws -> EngineState.Applied {
        try checkOpen()
        let at = time ?? now
        // Configuration records are checked before they get here, so only a
        // bug makes this throw; nothing has been applied or queued then.
        let applied = try state.apply(record, at: at)
        appliedCount += 1
        writer.submit(Journal.Write(record, at: at, actions: applied.actions))
        sideEffects(record, applied)
        sinceSnapshot += 1
        if snapshotEvery > 0, sinceSnapshot >= snapshotEvery, compaction == nil { compact() }
        return applied
    }

    /// Applies `record` and computes the response from the state right after
    /// it (`durably` returns it once the event is durable).
    func submit<T>(_ record: JournalRecord, at time: Int64? = nil, respond: (EngineState.Applied) throws -> T) throws -> T {
        try respond(try apply(record, at: time))
    }

    /// Runs `body` on the engine, then returns its result (or error) once
    /// every event applied so far, its own included, is durable. The wait
    /// does not hold the engine: it goes on applying other requests, whose
    /// events join the next commit.
    nonisolated func durably<T: Sendable>(_ body: @Sendable (isolated Engine) throws -> T) async throws -> T {
        let (result, count) = await perform(body)
        try await gate.wait(for: count)
        return try result.get()
    }

    private func perform<T: Sendable>(_ body: @Sendable (isolated Engine) throws -> T) -> (Result<T, any Error>, Int) {
        (Result { try body(self) }, appliedCount)
    }

    private func checkOpen() throws {
        if journalFailure != nil { throw APIError(.serviceUnavailable, "journal unavailable; restart the server") }
        if closed { throw APIError(.serviceUnavailable, "the server is shutting down") }
    }

    /// The writer made the first `count` events durable, or failed.
    private func committed(upTo count: Int, _ failure: (any Error)?) {
        if let failure {
            guard journalFailure == nil else { return }
            logger.critical("journal append failed; refusing all requests until restarted", metadata: ["error": "\(failure)"])
            journalFailure = "\(failure)"
            closed = true
            timerTask?.cancel()
            heldPushes.removeAll()
            endStreams()
            return
        }
        guard count > durableCount else { return }
        durableCount = count
        deliverHeldPushes()
    }

    // MARK: Compaction

    /// Takes a snapshot of the state as it is now and, once the records it
    /// covers are durable, compacts the journal with it (see `Journal`). The
    /// snapshot is encoded off the actor (the state is a value) and the
    /// journal work is done beside the appends, so requests go on meanwhile.
    private func compact() {
        sinceSnapshot = 0
        let copy = state, count = appliedCount, seq = baseSeq + Int64(appliedCount)
        let journal = journal, logger = logger
        compaction = Task {
            let start = ContinuousClock.now
            let background = DispatchQueue(label: "acd.compaction", qos: .utility)
            do {
                let data = try await run(on: background) { try JSONEncoder().encode(copy.snapshot) }
                try await gate.wait(for: count)
                try await run(on: background) {
                    try journal.archive(through: seq)
                    try journal.writeSnapshot(data, after: seq)
                }
                while try await run(on: background, { try journal.deleteRecords(through: seq, limit: 2_000) }) > 0 {}
                logger.info("journal compacted", metadata: [
                    "throughRecord": "\(seq)", "snapshotBytes": "\(data.count)",
                    "seconds": "\((ContinuousClock.now - start) / .seconds(1))"])
            } catch {
                logger.error("journal compaction failed; the journal keeps its records", metadata: ["error": "\(error)"])
            }
            compaction = nil
        }
    }

    private func sideEffects(_ record: JournalRecord, _ applied: EngineState.Applied) {
        version += 1
        if case .contactArrived(let q, _)? = record.event, case .admitted = applied.outcome {
            counters(state.queueName(q)).arrived.increment()
        }
        if case .offerAccepted? = record.event, applied.outcome == .applied,
           let id = applied.contact, let c = state.contacts[id] { counters(c.originalQueue).answered.increment() }
        if case .contactAbandoned? = record.event, applied.outcome == .applied,
           let id = applied.contact, let c = state.contacts[id] { counters(c.originalQueue).abandoned.increment() }
        for action in applied.actions {
            switch action {
            case .assign(let h, let a), .offer(let h, let a, _):
                guard let id = state.contact(handle: h), let c = state.contacts[id] else { continue }
                if case .assign = action { counters(c.originalQueue).answered.increment() }
                hold(state.agentName(a), offerMessage(c, action))
            case .offerTimedOut(let h, let a):
                let id = state.contact(handle: h) ?? ""
                hold(state.agentName(a), #"{"type":"offer-withdrawn","contact":"\#(id)"}"#)
            default: continue
            }
        }
        updateGauges()
        scheduleTimer()
    }

    private func counters(_ queue: String) -> ServerMetrics.QueueCounters {
        if let c = queueCounters[queue] { return c }
        let c = metrics.counters(queue)
        queueCounters[queue] = c
        return c
    }

    /// Sets the gauges (handles looked up once per configuration, not per event).
    private func updateGauges() {
        if gauges.configuration != state.configText {
            gauges = (state.configText, state.queueNames.map(metrics.waiting), AgentStatus.allCases.map { metrics.agents(statusName($0)) })
        }
        for (i, gauge) in gauges.waiting.enumerated() { gauge.set(Int64(state.core.waitingCount(in: QueueID(i)))) }
        for (s, gauge) in zip(AgentStatus.allCases, gauges.agents) { gauge.set(Int64(state.core.agentCount(s))) }
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
            do { try apply(JournalRecord(event: .timePassed)) } catch {
                logger.error("timer event not accepted", metadata: ["error": "\(error)"])
            }
        }
        scheduleTimer()
    }

    /// Delivers `.timePassed` now (tests drive time by hand).
    public nonisolated func tick() async throws { try await durably { try $0.submit(JournalRecord(event: .timePassed)) { _ in } } }

    // MARK: Contacts

    /// A contact arrives: its id, state, place in line and expected wait.
    public nonisolated func arrive(_ r: ArrivalRequest) async throws -> ContactView { try await durably { try $0.applyArrival(r) } }

    private func applyArrival(_ r: ArrivalRequest) throws -> ContactView {
        guard let q = state.core.queueID(named: r.queue) else { throw APIError(.badRequest, "queue: unknown queue '\(r.queue)'") }
        let channel = state.core.configuration.queues[Int(q.index)].channel
        if let c = r.channel, c != channel {
            throw APIError(.badRequest, "channel: queue '\(r.queue)' takes \(channel.rawValue) contacts, not \(c.rawValue)")
        }
        let record = JournalRecord(event: .contactArrived(queue: q, priority: r.priority),
                                   contact: state.upcomingContactID, attributes: r.attributes.isEmpty ? nil : r.attributes)
        return try submit(record) { applied in
            guard case .admitted = applied.outcome, let id = applied.contact else {
                throw APIError(.conflict, "contact not admitted")
            }
            return try contactView(id, attributes: false)
        }
    }

    /// A contact's state, place in line and expected wait.
    public nonisolated func view(_ id: String) async throws -> ContactView { try await durably { try $0.contactView(id) } }

    private func contactView(_ id: String, attributes: Bool = true) throws -> ContactView {
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
    public nonisolated func contact(_ id: String, _ command: ContactCommand, by principal: Principal) async throws -> ContactView {
        try await durably { try $0.applyContactCommand(id, command, by: principal) }
    }

    private func applyContactCommand(_ id: String, _ command: ContactCommand, by principal: Principal) throws -> ContactView {
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
        return try submit(JournalRecord(event: event, contact: id)) { applied in
            if case .rejected(let r) = applied.outcome { throw APIError(.conflict, rejectionMessage(r)) }
            return try contactView(id)
        }
    }

    // MARK: Agents

    public enum AgentCommand: Sendable {
        case login, logout(whenDone: Bool), ready, notReady(reason: Int32)
    }

    func agentID(_ name: String) throws -> AgentID {
        guard let a = state.core.agentID(named: name) else { throw APIError(.notFound, "unknown agent '\(name)'") }
        return a
    }

    /// Applies an agent command (log in or out, ready, not ready).
    public nonisolated func agent(_ name: String, _ command: AgentCommand) async throws -> AgentView {
        try await durably { try $0.applyAgentCommand(name, command) }
    }

    private func applyAgentCommand(_ name: String, _ command: AgentCommand) throws -> AgentView {
        let a = try agentID(name)
        let event: RoutingEvent
        switch command {
        case .login: event = .agentLoggedIn(a)
        case .logout(let whenDone): event = whenDone ? .agentLogOutWhenDone(a) : .agentLoggedOut(a)
        case .ready: event = .agentReady(a)
        case .notReady(let reason): event = .agentNotReady(a, reason: reason)
        }
        return try submit(JournalRecord(event: event)) { applied in
            if case .rejected(let r) = applied.outcome { throw APIError(.conflict, rejectionMessage(r)) }
            return try currentAgentView(name)
        }
    }

    /// An agent's state and not-ready reason.
    public nonisolated func agentView(_ name: String) async throws -> AgentView { try await durably { try $0.currentAgentView(name) } }

    private func currentAgentView(_ name: String) throws -> AgentView {
        let a = try agentID(name)
        return AgentView(id: name, state: statusName(state.core.status(of: a)), notReadyReason: state.core.notReadyReason(of: a))
    }

    /// Replaces an agent's skills and levels.
    public nonisolated func setSkills(_ name: String, _ skills: [SkillsRequest.Skill]) async throws -> AgentView {
        try await durably { try $0.applySkills(name, skills) }
    }

    private func applySkills(_ name: String, _ skills: [SkillsRequest.Skill]) throws -> AgentView {
        let a = try agentID(name)
        var seen = Set<String>()
        let mapped = try skills.enumerated().map { i, s in
            guard let id = state.core.skillID(named: s.skill) else { throw APIError(.badRequest, "skills[\(i)].skill: unknown skill '\(s.skill)'") }
            guard (1...10).contains(s.level) else { throw APIError(.badRequest, "skills[\(i)].level: must be 1...10") }
            guard seen.insert(s.skill).inserted else { throw APIError(.badRequest, "skills[\(i)].skill: '\(s.skill)' given twice") }
            return AgentSkill(id, level: s.level)
        }
        return try submit(JournalRecord(event: .agentSkillsChanged(a, mapped))) { applied in
            if case .rejected(let r) = applied.outcome { throw APIError(.conflict, rejectionMessage(r)) }
            return try currentAgentView(name)
        }
    }

    /// One open offer stream. It starts with the offers pending when it
    /// opened (sent once the events that made them are durable), then gets
    /// each later offer, withdrawal or assignment once its event is durable.
    struct OfferSubscriber {
        var continuation: AsyncStream<String>.Continuation
        /// Events applied when the stream opened: the pending offers reflect them.
        var openedAt: Int
        var pending: [String]?
    }

    /// Offers (and assignments) to one agent as server-sent event payloads:
    /// the ones pending now first, then each new one.
    public func subscribeOffers(_ name: String) throws -> (Int, AsyncStream<String>) {
        try checkOpen()
        _ = try agentID(name)
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        let pending = state.contacts.values.sorted { $0.arrival < $1.arrival }
            .filter { $0.agent == name && $0.state == .offered }
            .map { offerMessage($0, nil) }
        var subscriber = OfferSubscriber(continuation: continuation, openedAt: appliedCount, pending: pending)
        if subscriber.openedAt <= durableCount { subscriber.sendPending() }
        nextSubscriber += 1
        offerSubscribers[name, default: [:]][nextSubscriber] = subscriber
        return (nextSubscriber, stream)
    }

    public func unsubscribe(_ name: String, _ id: Int) {
        offerSubscribers[name]?[id]?.continuation.finish()
        offerSubscribers[name]?[id] = nil
    }

    private func hold(_ agent: String, _ message: String) {
        guard offerSubscribers[agent] != nil else { return }
        heldPushes.append((appliedCount, agent, message))
    }

    /// Sends what became durable to the offer streams, in event order.
    private func deliverHeldPushes() {
        for (name, subs) in offerSubscribers {
            for (id, var s) in subs where s.pending != nil && s.openedAt <= durableCount {
                s.sendPending()
                offerSubscribers[name]?[id] = s
            }
        }
        let ready = heldPushes.prefix { $0.event <= durableCount }
        for push in ready {
            for s in offerSubscribers[push.agent]?.values ?? [:].values where s.openedAt < push.event {
                s.continuation.yield(push.message)
            }
        }
        heldPushes.removeFirst(ready.count)
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

    /// Live queue and agent figures.
    public nonisolated func stats() async throws -> StatsView { try await durably { $0.currentStats() } }

    private func currentStats() -> StatsView {
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

    /// Replaces the routing configuration (scenario YAML) without dropping
    /// any contact (`EngineState.reconfigure`). 400 when it does not parse or
    /// validate; 409 when a queue that holds live contacts, or a logged-in
    /// agent, is not in it (or the queue changes channel).
    public nonisolated func reload(_ yaml: String) async throws -> StatsView { try await durably { try $0.applyReload(yaml) } }

    private func applyReload(_ yaml: String) throws -> StatsView {
        let routing: RoutingConfiguration
        do {
            (routing, _) = try EngineState.parseConfiguration(yaml, file: "reload",
                                                              offerTimeoutSeconds: state.offerTimeoutSeconds)
            _ = try RoutingCore(configuration: routing)
        } catch {
            throw APIError(.badRequest, "configuration: \(error)".split(separator: "\n").first.map(String.init) ?? "invalid configuration")
        }
        // Timers due now fire first, so the check sees the state the reload meets.
        let at = now
        try apply(JournalRecord(event: .timePassed), at: at)
        if let conflict = state.reloadConflict(routing) { throw APIError(.conflict, conflict) }
        let stats = try submit(JournalRecord(config: yaml), at: at) { _ in currentStats() }
        logger.info("configuration reloaded", metadata: ["queues": "\(routing.queues.count)", "agents": "\(routing.agents.count)"])
        return stats
    }

    // MARK: Shutdown

    /// Refuses new events, waits for the last commit, stops timers and ends streams.
    public func shutdown() async {
        guard !closed else { return }
        closed = true
        timerTask?.cancel()
        do { try await gate.wait(for: appliedCount) } catch {
            logger.error("the last events could not be journaled", metadata: ["error": "\(error)"])
        }
        await compaction?.value
        endStreams()
        logger.info("engine stopped")
    }

    private func endStreams() {
        for subs in offerSubscribers.values { for s in subs.values { s.continuation.finish() } }
        offerSubscribers.removeAll()
    }
}

extension Engine.OfferSubscriber {
    mutating func sendPending() {
        for message in pending ?? [] { continuation.yield(message) }
        pending = nil
    }
}

/// Runs blocking `body` on `queue`, off the cooperative thread pool.
func run<T: Sendable>(on queue: DispatchQueue, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { done in queue.async { done.resume(with: Result(catching: body)) } }
}

/// Where requests wait, off the engine actor, until the events they saw are
/// durable (or the journal failed).
final class DurabilityGate: @unchecked Sendable {
    private let lock = NSLock()
    private var durable = 0
    private var failure: (any Error)?
    private var waiters: [(count: Int, continuation: CheckedContinuation<Void, any Error>)] = []

    /// Returns once the first `count` events are durable.
    func wait(for count: Int) async throws {
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
            lock.lock()
            if let failure {
                lock.unlock()
                waiter.resume(throwing: failure)
            } else if count <= durable {
                lock.unlock()
                waiter.resume()
            } else {
                waiters.append((count, waiter))
                lock.unlock()
            }
        }
    }

    /// The first `count` events are durable.
    func open(through count: Int) {
        lock.lock()
        durable = count
        var ready: [CheckedContinuation<Void, any Error>] = []
        waiters.removeAll { w in
            guard w.count <= count else { return false }
            ready.append(w.continuation)
            return true
        }
        lock.unlock()
        for w in ready { w.resume() }
    }

    /// No more events will become durable: every wait, now and later, throws `error`.
    func fail(_ error: any Error) {
        lock.lock()
        failure = error
        let all = waiters
        waiters.removeAll()
        lock.unlock()
        for w in all { w.continuation.resume(throwing: error) }
    }
}
