/// A ratio figure of one replication as its two counts, so that an
/// estimate over replications can pool them (`Estimate(ratios:)`): the
/// share of all contacts, not the average of each replication's share.
public struct Ratio: Sendable, Equatable {
    public var numerator: Double
    public var denominator: Double

    public init(_ numerator: Double, _ denominator: Double) {
        self.numerator = numerator
        self.denominator = denominator
    }

    init(_ numerator: Int, _ denominator: Int) { self.init(Double(numerator), Double(denominator)) }

    /// numerator / denominator; NaN (undefined) when the denominator is 0.
    public var value: Double { denominator > 0 ? numerator / denominator : .nan }
}

/// The service figures of one queue (or of all queues) over a period, as
/// DESIGN.md defines them. A ratio with a zero denominator is undefined
/// (`value` NaN), never 0.
public struct ServiceFigures: Sendable, Equatable {
    /// Contacts that entered the queue.
    public var offered: Double
    /// Contained by the IVR / (contained + offered): the share of the
    /// contacts leaving the IVR that it resolved.
    public var ivrContained: Ratio
    /// Answered within T / (offered − short abandons).
    public var serviceLevel: Ratio
    /// Answered within T / answered.
    public var serviceLevelAnswered: Ratio
    /// Mean wait of answered contacts, seconds: waits / answered.
    public var asa: Ratio
    /// Abandoned / offered.
    public var abandonRate: Ratio
    /// Mean talk + wrap-up of handled contacts, seconds: handle time / handled.
    public var aht: Ratio
    /// Busy time / staffed time of the agents serving the queue.
    public var occupancy: Ratio
    /// Time-average number of contacts waiting.
    public var waiting: Double
    /// Balked (hung up on an announced wait) / offered.
    public var balkRate: Ratio
    /// Accepted a callback / offered.
    public var callbackRate: Ratio

    /// The figures from a queue's counts and its agents' time over a period
    /// of `periodSeconds`. `targeted`: the counts of the contacts whose queue
    /// has a service-level target (for one queue, `c` or nil), from which the
    /// service levels are; nil: no target, service levels undefined.
    public init(_ c: QueueCounters, agents: GroupCounters, periodSeconds: Double, targeted: QueueCounters?) {
        let none = Ratio(0, 0)
        offered = Double(c.offered)
        ivrContained = Ratio(c.ivrContained, c.ivrContained + c.offered)
        serviceLevel = targeted.map { Ratio($0.answeredWithinTarget, $0.offered - $0.shortAbandoned) } ?? none
        serviceLevelAnswered = targeted.map { Ratio($0.answeredWithinTarget, $0.answered) } ?? none
        asa = Ratio(c.answeredWaitSeconds, Double(c.answered))
        abandonRate = Ratio(c.abandoned, c.offered)
        aht = Ratio(c.handleSeconds, Double(c.handled))
        occupancy = Ratio(agents.busySeconds, agents.staffedSeconds)
        waiting = periodSeconds > 0 ? c.waitingContactSeconds / periodSeconds : .nan
        balkRate = Ratio(c.balked, c.offered)
        callbackRate = Ratio(c.callbacksAccepted, c.offered)
    }
}
