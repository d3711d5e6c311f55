import RoutingCore

/// One wait-time method's accuracy at one queue, as estimates over
/// replications (seconds and shares).
public struct MethodAccuracy: Sendable, Equatable {
    public var method: WaitEstimator
    /// Against the potential wait (served callers and resolved abandoners).
    public var rase: Estimate
    /// Against served callers' waits only: what a production log can show.
    public var raseServedOnly: Estimate
    public var bias: Estimate
    public var meanAbsoluteError: Estimate
    public var within30Seconds: Estimate
    public var within20Percent: Estimate
    public var understatedByMinute: Estimate
    /// Mean realised remaining wait of the judged announcements.
    public var meanRealised: Estimate
}

/// Wait-time accuracy at one queue: every method judged on the same announcements.
public struct QueueAccuracyResult: Sendable, Equatable {
    /// The method the queue announces with.
    public var announced: WaitEstimator
    /// Announcements per replication.
    public var announcements: Estimate
    /// Announcements to abandoners whose potential wait stayed unknown, per replication.
    public var censored: Estimate
    public var methods: [MethodAccuracy]

    /// The method with the lowest mean RASE (ties: the first in `WaitEstimator.allCases`).
    public var best: WaitEstimator? {
        methods.filter { !$0.rase.mean.isNaN }.min { $0.rase.mean < $1.rase.mean }?.method
    }

    /// Aggregates one queue's accuracy counts from each replication.
    public init(announced: WaitEstimator, perReplication: [QueueWaitAccuracy]) {
        self.announced = announced
        announcements = Estimate(values: perReplication.map { Double($0.announcements) }, range: 0 ... .infinity)
        censored = Estimate(values: perReplication.map { Double($0.censored) }, range: 0 ... .infinity)
        methods = WaitEstimator.allCases.enumerated().map { m, method in
            let p = perReplication.map { $0.potential[m] }
            return MethodAccuracy(
                method: method,
                rase: Estimate(values: p.map(\.rase), range: 0 ... .infinity),
                raseServedOnly: Estimate(values: perReplication.map { $0.servedOnly[m].rase }, range: 0 ... .infinity),
                bias: Estimate(values: p.map(\.bias)),
                meanAbsoluteError: Estimate(values: p.map(\.meanAbsoluteError), range: 0 ... .infinity),
                within30Seconds: Estimate(values: p.map(\.shareWithin30Seconds), range: 0...1),
                within20Percent: Estimate(values: p.map(\.shareWithin20Percent), range: 0...1),
                understatedByMinute: Estimate(values: p.map(\.shareUnderstatedByMinute), range: 0...1),
                meanRealised: Estimate(values: p.map(\.meanRealised), range: 0 ... .infinity))
        }
    }
}
