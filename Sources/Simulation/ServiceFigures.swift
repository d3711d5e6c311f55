/// The service figures of one queue (or of all queues) over a period, as
/// DESIGN.md defines them. A ratio with a zero denominator is NaN (undefined),
/// never 0.
public struct ServiceFigures: Sendable, Equatable {
    /// Contacts that entered the queue.
    public var offered: Double
    /// Contained by the IVR / (contained + offered): the share of the
    /// contacts leaving the IVR that it resolved.
    public var ivrContained: Double
    /// Answered within T / (offered − short abandons).
    public var serviceLevel: Double
    /// Answered within T / answered.
    public var serviceLevelAnswered: Double
    /// Mean wait of answered contacts, seconds.
    public var asa: Double
    /// Abandoned / offered.
    public var abandonRate: Double
    /// Mean talk + wrap-up of handled contacts, seconds.
    public var aht: Double
    /// Busy time / staffed time of the agents serving the queue.
    public var occupancy: Double
    /// Time-average number of contacts waiting.
    public var waiting: Double
    /// Balked (hung up on an announced wait) / offered.
    public var balkRate: Double
    /// Accepted a callback / offered.
    public var callbackRate: Double

    /// The figures from a queue's counts and its agents' time over a period
    /// of `periodSeconds`. `targeted`: the counts of the contacts whose queue
    /// has a service-level target (for one queue, `c` or nil), from which the
    /// service levels are; nil: no target, service levels undefined.
    public init(_ c: QueueCounters, agents: GroupCounters, periodSeconds: Double, targeted: QueueCounters?) {
        offered = Double(c.offered)
        ivrContained = ratio(c.ivrContained, c.ivrContained + c.offered)
        serviceLevel = targeted.map { ratio($0.answeredWithinTarget, $0.offered - $0.shortAbandoned) } ?? .nan
        serviceLevelAnswered = targeted.map { ratio($0.answeredWithinTarget, $0.answered) } ?? .nan
        asa = c.answered > 0 ? c.answeredWaitSeconds / Double(c.answered) : .nan
        abandonRate = ratio(c.abandoned, c.offered)
        aht = c.handled > 0 ? c.handleSeconds / Double(c.handled) : .nan
        occupancy = agents.staffedSeconds > 0 ? agents.busySeconds / agents.staffedSeconds : .nan
        waiting = periodSeconds > 0 ? c.waitingContactSeconds / periodSeconds : .nan
        balkRate = ratio(c.balked, c.offered)
        callbackRate = ratio(c.callbacksAccepted, c.offered)
    }
}

private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
    denominator > 0 ? Double(numerator) / Double(denominator) : .nan
}
