/// What happened to the contacts that arrived in one interval at one queue,
/// within one replication. Contacts count in the interval they arrived in
/// (behind an IVR: the interval in which they left it), whenever they are
/// answered or abandon.
public struct QueueCounters: Sendable, Equatable {
    /// Contacts that entered the queue.
    public var offered = 0
    /// Contacts the queue's IVR resolved by self-service: never offered.
    public var ivrContained = 0
    /// Contacts that reached an agent.
    public var answered = 0
    /// Answered within the queue's service-level threshold T.
    public var answeredWithinTarget = 0
    /// Left the queue before an agent took them.
    public var abandoned = 0
    /// Abandoned within the short-abandon threshold (excluded from SL).
    public var shortAbandoned = 0
    /// Contacts that had to wait (were not answered at once on arrival).
    public var delayed = 0
    /// Abandoned on hearing an announced wait above their tolerance (also in `abandoned`).
    public var balked = 0
    /// Accepted a callback offer.
    public var callbacksAccepted = 0
    /// Callbacks the customer did not answer (neither answered nor abandoned).
    public var callbacksUnanswered = 0
    /// Sum of the waits of answered contacts, seconds.
    public var answeredWaitSeconds = 0.0
    /// Sum of talk + wrap-up of answered contacts that finished, seconds.
    public var handleSeconds = 0.0
    /// Answered contacts whose handling (talk and wrap-up) finished.
    public var handled = 0
    /// Contact-seconds spent waiting in this interval (by clock time, not by
    /// arrival), so that this / interval length is the mean number waiting.
    public var waitingContactSeconds = 0.0

    public init() {}

    /// Adds another set of counts to this one.
    public mutating func add(_ other: QueueCounters) {
        offered += other.offered
        ivrContained += other.ivrContained
        answered += other.answered
        answeredWithinTarget += other.answeredWithinTarget
        abandoned += other.abandoned
        shortAbandoned += other.shortAbandoned
        delayed += other.delayed
        balked += other.balked
        callbacksAccepted += other.callbacksAccepted
        callbacksUnanswered += other.callbacksUnanswered
        answeredWaitSeconds += other.answeredWaitSeconds
        handleSeconds += other.handleSeconds
        handled += other.handled
        waitingContactSeconds += other.waitingContactSeconds
    }
}

/// Agent time of one group in one interval, within one replication.
public struct GroupCounters: Sendable, Equatable {
    /// Agent-seconds logged in and not on a break.
    public var staffedSeconds = 0.0
    /// Agent-seconds handling a contact or in wrap-up.
    public var busySeconds = 0.0

    public init() {}

    public mutating func add(_ other: GroupCounters) {
        staffedSeconds += other.staffedSeconds
        busySeconds += other.busySeconds
    }
}

/// Everything one replication measured, per queue and group and per interval
/// (post-warm-up intervals only; interval 0 starts at the end of the warm-up).
/// Stored flat, one cell per (queue or group, interval), for the hot path.
public struct ReplicationCounters: Sendable, Equatable {
    public let queueCount: Int
    public let groupCount: Int
    public let intervalCount: Int
    /// Contacts simulated, warm-up included.
    public var arrivals = 0
    @usableFromInline var queueCells: [QueueCounters]
    @usableFromInline var groupCells: [GroupCounters]
    /// Digest of the replication's whole sequence of routing decisions.
    public var decisionDigest = DecisionDigest()
    /// The decisions themselves, when the run was asked to record them.
    public var decisions: [Decision]?
    /// Per queue: accuracy of every wait-time method on the announcements
    /// made to post-warm-up contacts.
    public var waitAccuracy: [QueueWaitAccuracy]
    /// Per queue: post-warm-up contacts (also those an IVR let into the queue
    /// after the end) still waiting when the run ended, which no agent could
    /// take and whose callers never gave up.
    public var unresolved: [Int]

    public init(queueCount: Int, groupCount: Int, intervalCount: Int) {
        self.queueCount = queueCount
        self.groupCount = groupCount
        self.intervalCount = intervalCount
        queueCells = Array(repeating: QueueCounters(), count: queueCount * intervalCount)
        groupCells = Array(repeating: GroupCounters(), count: groupCount * intervalCount)
        waitAccuracy = Array(repeating: QueueWaitAccuracy(), count: queueCount)
        unresolved = Array(repeating: 0, count: queueCount)
    }

    /// Queue `q` in interval `i`.
    @inlinable public subscript(queue q: Int, interval i: Int) -> QueueCounters {
        get { queueCells[q * intervalCount + i] }
        _modify { yield &queueCells[q * intervalCount + i] }
    }

    /// Group `g` in interval `i`.
    @inlinable public subscript(group g: Int, interval i: Int) -> GroupCounters {
        get { groupCells[g * intervalCount + i] }
        _modify { yield &groupCells[g * intervalCount + i] }
    }

    /// Queue `q` summed over all intervals.
    public func total(queue q: Int) -> QueueCounters {
        queueCells[(q * intervalCount)..<((q + 1) * intervalCount)].reduce(into: QueueCounters()) { $0.add($1) }
    }

    /// All queues summed over all intervals, and those of them with a
    /// service-level target (`hasTarget[q]`; nil when none has one).
    public func overall(hasTarget: [Bool]) -> (all: QueueCounters, targeted: QueueCounters?) {
        var all = QueueCounters(), targeted = QueueCounters()
        for q in 0..<queueCount {
            let t = total(queue: q)
            all.add(t)
            if hasTarget[q] { targeted.add(t) }
        }
        return (all, hasTarget.contains(true) ? targeted : nil)
    }

    /// Group `g` summed over all intervals.
    public func total(group g: Int) -> GroupCounters {
        groupCells[(g * intervalCount)..<((g + 1) * intervalCount)].reduce(into: GroupCounters()) { $0.add($1) }
    }
}
