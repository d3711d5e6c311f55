import RoutingCore
import Scenario

/// Where a contact is, as the API reports it.
public enum ContactState: String, Codable, Sendable {
    case waiting, offered, connected
    case wrapUp = "wrap-up"
    case completed, abandoned
}

/// The server's view of one contact (the core knows it only by handle).
public struct ContactRecord: Codable, Sendable, Equatable {
    public var id: String
    public var handle: ContactHandle
    public var queue: String
    public var originalQueue: String
    public var channel: Channel
    public var priority: Int32
    public var attributes: [String: String]
    public var state: ContactState
    public var agent: String?
    public var arrival: Int64
    public var answered: Int64?
    public var ended: Int64?
    public var callback = false
    /// Last announcement from the core (place, expected wait in µs).
    public var announcedPosition: Int32?
    public var announcedWait: Int64?

    public var isLive: Bool { state != .completed && state != .abandoned }
}

/// A queue's figures since midnight (UTC) of the last event's day.
public struct QueueDay: Sendable, Equatable, Codable {
    public var offered = 0
    public var answered = 0
    public var answeredWithinTarget = 0
    public var abandoned = 0
    /// Sum of waits of answered contacts, µs.
    public var answeredWaitMicros: Int64 = 0
    public init() {}
}

/// Everything the server derives from its journal: the routing core and
/// the bookkeeping around it. `apply` is the one code path for live events,
/// crash recovery and `acd replay`: the same records give the same state and
/// the same decisions.
public struct EngineState: Sendable {
    public private(set) var core: RoutingCore
    public private(set) var configText: String
    /// Offer time-out the server applies to queues without one (see `JournalRecord`).
    public private(set) var offerTimeoutSeconds: Double?
    /// Service-level threshold per queue (µs), from the scenario's `target`.
    public private(set) var targetMicros: [Int64]
    var random: SplitMix64
    var buffer = ActionBuffer(capacity: 64)
    public private(set) var contacts: [String: ContactRecord] = [:]
    var byHandle: [ContactHandle: String] = [:]
    public private(set) var nextContact = 1
    public private(set) var today: [String: QueueDay] = [:]
    /// Figures since the journal began, per (original) queue.
    public private(set) var totals: [String: QueueDay] = [:]
    public private(set) var day: Int64 = 0
    /// Time of the last applied record (µs since the Unix epoch).
    public private(set) var lastTime: Int64 = 0
    public private(set) var digest = DecisionDigest()
    /// How many finished contacts are kept for `GET /v1/contacts/{id}`.
    public var finishedRetention = 100_000
    var finishedOrder: [String] = []
    var finishedHead = 0

    /// Parses a scenario's routing sections and builds a core (agents logged out).
    /// Arrival profiles are not opened: the server needs no arrivals, and a
    /// configuration (from a journal, or a reload over the network) must not
    /// depend on, nor read, files on this machine.
    public static func parseConfiguration(_ yaml: String, file: String = "config", offerTimeoutSeconds: Double? = nil)
        throws -> (RoutingConfiguration, [Int64]) {
        var scenario = try Scenario.parse(yaml, file: file, profiles: .skip)
        if let t = offerTimeoutSeconds, t > 0 {
            for i in scenario.model.routing.queues.indices where scenario.model.routing.queues[i].offerTimeoutSeconds == nil {
                scenario.model.routing.queues[i].offerTimeoutSeconds = t
            }
        }
        let targets = scenario.model.queues.map { q in
            Int64(((q.target?.withinSeconds ?? 20) * 1_000_000).rounded())
        }
        return (scenario.model.routing, targets)
    }

    /// A state for the configuration record that opens a journal.
    public init(config: String, seed: UInt64, offerTimeoutSeconds: Double? = nil) throws {
        let (routing, targets) = try Self.parseConfiguration(config, offerTimeoutSeconds: offerTimeoutSeconds)
        self.offerTimeoutSeconds = offerTimeoutSeconds
        core = try RoutingCore(configuration: routing)
        configText = config
        targetMicros = targets
        random = SplitMix64(seed: seed)
    }

    public var queueNames: [String] { core.configuration.queues.map(\.id) }
    /// Agent names by `AgentID` index.
    public var agentNames: [String] { core.configuration.agents.map(\.id) }

    public func agentName(_ a: AgentID) -> String {
        let i = Int(a.index)
        return i < core.configuration.agents.count ? core.configuration.agents[i].id : "agent-\(i)"
    }

    public func queueName(_ q: QueueID) -> String { core.configuration.queues[Int(q.index)].id }

    public func contact(handle: ContactHandle) -> String? { byHandle[handle] }

    /// The id the next arrival gets.
    public var upcomingContactID: String { "c\(nextContact)" }

    /// Number of contacts that are waiting, offered, connected or in wrap-up.
    public var liveContacts: Int { byHandle.count }

    /// What applying one record did.
    public struct Applied: Sendable {
        public var outcome: RoutingOutcome
        public var actions: [RoutingAction]
        public var contact: String?
    }

    /// Applies one journal record at `now`. Never throws for events (a core
    /// rejection is an outcome); a configuration record that cannot be built
    /// throws (the live server checks it before journaling).
    public mutating func apply(_ record: JournalRecord, at now: Int64) throws -> Applied {
        let now = max(now, lastTime)
        rollDay(now)
        lastTime = now
        if let config = record.config {
            return try reconfigure(config, at: now)
        }
        guard let event = record.event else { return Applied(outcome: .applied, actions: [], contact: nil) }
        buffer.removeAll()
        let outcome = core.handle(event, at: now, random: &random, into: &buffer)
        var contactID = record.contact
        switch (event, outcome) {
        case (.contactArrived(let q, let priority), .admitted(let h)):
            let id = record.contact ?? upcomingContactID
            contactID = id
            nextContact += 1
            let name = queueName(q)
            contacts[id] = ContactRecord(
                id: id, handle: h, queue: name, originalQueue: name,
                channel: core.configuration.queues[Int(q.index)].channel, priority: priority,
                attributes: record.attributes ?? [:], state: .waiting, agent: nil, arrival: now)
            byHandle[h] = id
            bump(name) { $0.offered += 1 }
        case (.contactArrived, _):
            nextContact += 1
        case (.offerAccepted(let h), .applied):
            update(h) { c in
                c.state = .connected
                c.answered = now
            }
            if let id = byHandle[h], let c = contacts[id] { countAnswered(c, at: now) }
        case (.offerRejected(let h), .applied):
            update(h) { c in
                c.state = .waiting
                c.agent = nil
            }
        case (.contactFinished(let h, _), .applied):
            update(h) { $0.state = .wrapUp }
        case (.contactAbandoned(let h), .applied):
            if let id = byHandle[h], let c = contacts[id] {
                bump(c.originalQueue) { $0.abandoned += 1 }
                finish(id, .abandoned, at: now)
            }
        case (.callbackRequested(let h), .applied):
            update(h) { $0.callback = true }
        default: break
        }
        for action in buffer { note(action, at: now) }
        digest.add(buffer)
        return Applied(outcome: outcome, actions: Array(buffer), contact: contactID)
    }

    private mutating func note(_ action: RoutingAction, at now: Int64) {
        switch action {
        case .assign(let h, let a):
            let name = agentName(a)
            update(h) { c in
                c.state = .connected
                c.agent = name
                c.answered = now
            }
            if let id = byHandle[h], let c = contacts[id] { countAnswered(c, at: now) }
        case .offer(let h, let a, _):
            let name = agentName(a)
            update(h) { c in
                c.state = .offered
                c.agent = name
            }
        case .offerTimedOut(let h, _):
            update(h) { c in
                c.state = .waiting
                c.agent = nil
            }
        case .announce(let h, let position, let wait):
            update(h) { c in
                c.announcedPosition = position
                c.announcedWait = wait
            }
        case .moved(let h, _, let to):
            let name = queueName(to)
            update(h) { $0.queue = name }
        case .released(let h, _):
            if let id = byHandle[h] { finish(id, .completed, at: now) }
        case .agentNotReady, .agentLoggedOut, .offerCallback, .alsoQueued: break
        }
    }

    private mutating func countAnswered(_ c: ContactRecord, at now: Int64) {
        let wait = now - c.arrival
        let q = core.queueID(named: c.originalQueue).map { Int($0.index) }
        let within = q.map { $0 < targetMicros.count && wait <= targetMicros[$0] } ?? false
        bump(c.originalQueue) { d in
            d.answered += 1
            d.answeredWaitMicros += wait
            if within { d.answeredWithinTarget += 1 }
        }
    }

    private mutating func bump(_ queue: String, _ body: (inout QueueDay) -> Void) {
        body(&today[queue, default: QueueDay()])
        body(&totals[queue, default: QueueDay()])
    }

    private mutating func update(_ h: ContactHandle, _ body: (inout ContactRecord) -> Void) {
        guard let id = byHandle[h], var c = contacts[id] else { return }
        body(&c)
        contacts[id] = c
    }

    private mutating func finish(_ id: String, _ state: ContactState, at now: Int64) {
        guard var c = contacts[id] else { return }
        byHandle[c.handle] = nil
        c.state = state
        c.ended = now
        contacts[id] = c
        finishedOrder.append(id)
        if finishedOrder.count - finishedHead > finishedRetention {
            contacts[finishedOrder[finishedHead]] = nil
            finishedHead += 1
            if finishedHead > 4096 {
                finishedOrder.removeFirst(finishedHead)
                finishedHead = 0
            }
        }
    }

    private mutating func rollDay(_ now: Int64) {
        let d = now / 86_400_000_000
        if d != day {
            day = d
            today = [:]
        }
    }

    /// Everything an `EngineState` holds, as written into the journal by
    /// compaction: the server starts from the latest one instead of
    /// replaying the records it replaced.
    public struct Snapshot: Codable, Sendable {
        var configText: String
        var offerTimeoutSeconds: Double?
        var core: RoutingSnapshot
        var random: SplitMix64
        /// Live contacts and the finished ones still kept.
        var contacts: [ContactRecord]
        /// The finished contacts kept, oldest first.
        var finished: [String]
        var nextContact: Int
        var today: [String: QueueDay]
        var totals: [String: QueueDay]
        var day: Int64
        var lastTime: Int64
        var digest: DecisionDigest
    }

    /// The state as a snapshot. O(contacts kept).
    public var snapshot: Snapshot {
        Snapshot(configText: configText, offerTimeoutSeconds: offerTimeoutSeconds, core: core.snapshot(), random: random,
                 contacts: contacts.values.sorted { $0.arrival < $1.arrival }, finished: Array(finishedOrder[finishedHead...]),
                 nextContact: nextContact, today: today, totals: totals, day: day, lastTime: lastTime, digest: digest)
    }

    /// The state `snapshot` was taken of: it takes the same decisions from here on.
    public init(snapshot s: Snapshot) throws {
        let (routing, targets) = try Self.parseConfiguration(s.configText, offerTimeoutSeconds: s.offerTimeoutSeconds)
        core = try RoutingCore(configuration: routing, restoring: s.core)
        configText = s.configText
        offerTimeoutSeconds = s.offerTimeoutSeconds
        targetMicros = targets
        random = s.random
        for c in s.contacts {
            contacts[c.id] = c
            if c.isLive { byHandle[c.handle] = c.id }
        }
        finishedOrder = s.finished
        nextContact = s.nextContact
        today = s.today
        totals = s.totals
        day = s.day
        lastTime = s.lastTime
        digest = s.digest
    }

    /// Why a configuration cannot replace the current one with live state
    /// (queues holding live contacts or logged-in agents it lacks), or nil
    /// when it can.
    public func reloadConflict(_ routing: RoutingConfiguration) -> String? {
        let conflicts = core.reconfigurationConflicts(routing)
        return conflicts.isEmpty ? nil : conflicts.joined(separator: "; ")
    }

    /// Replaces the core with one built from `config` that carries the live
    /// state over (`RoutingCore.reconfigured`): contacts keep their ids,
    /// handles, arrival times, places and priorities, agents their states;
    /// contacts waiting are routed under the new rules. Only valid when
    /// `reloadConflict` is nil (checked before journaling).
    private mutating func reconfigure(_ config: String, at now: Int64) throws -> Applied {
        let (routing, targets) = try Self.parseConfiguration(config, offerTimeoutSeconds: offerTimeoutSeconds)
        if let conflict = reloadConflict(routing) { throw ReloadConflict(description: conflict) }
        buffer.removeAll()
        _ = core.handle(.timePassed, at: now, random: &random, into: &buffer)  // timers due first, at their times
        core = try core.reconfigured(routing, random: &random, into: &buffer)
        configText = config
        targetMicros = targets
        for action in buffer { note(action, at: now) }
        digest.add(buffer)
        return Applied(outcome: .applied, actions: Array(buffer), contact: nil)
    }
}

/// A configuration record whose reload the live state does not allow.
struct ReloadConflict: Error, CustomStringConvertible {
    var description: String
}
