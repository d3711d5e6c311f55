import RoutingCore

/// Errors of one wait-time method against realised waits, accumulated over
/// announcements (seconds). Error = announced remaining wait − realised
/// remaining wait, so a positive bias means overstated waits.
public struct AccuracyCounters: Sendable, Equatable {
    /// Announcements evaluated.
    public var count = 0
    public var sumError = 0.0
    public var sumSquaredError = 0.0
    public var sumAbsoluteError = 0.0
    /// Sum of the realised remaining waits.
    public var sumRealised = 0.0
    /// |error| ≤ 30 s.
    public var within30Seconds = 0
    /// |error| ≤ 20 % of the realised remaining wait.
    public var within20Percent = 0
    /// Announced more than 60 s below the realised wait.
    public var understatedByMinute = 0

    public init() {}

    @inline(__always) mutating func add(announced: Double, realised: Double) {
        let error = announced - realised
        count += 1
        sumError += error
        sumSquaredError += error * error
        sumAbsoluteError += abs(error)
        sumRealised += realised
        if abs(error) <= 30 { within30Seconds += 1 }
        if abs(error) <= 0.2 * realised { within20Percent += 1 }
        if error < -60 { understatedByMinute += 1 }
    }

    public mutating func add(_ other: AccuracyCounters) {
        count += other.count
        sumError += other.sumError
        sumSquaredError += other.sumSquaredError
        sumAbsoluteError += other.sumAbsoluteError
        sumRealised += other.sumRealised
        within30Seconds += other.within30Seconds
        within20Percent += other.within20Percent
        understatedByMinute += other.understatedByMinute
    }

    /// Root average squared error, seconds (NaN without announcements).
    public var rase: Double { count > 0 ? (sumSquaredError / Double(count)).squareRoot() : .nan }
    public var bias: Double { count > 0 ? sumError / Double(count) : .nan }
    public var meanAbsoluteError: Double { count > 0 ? sumAbsoluteError / Double(count) : .nan }
    public var meanRealised: Double { count > 0 ? sumRealised / Double(count) : .nan }
    public var shareWithin30Seconds: Double { count > 0 ? Double(within30Seconds) / Double(count) : .nan }
    public var shareWithin20Percent: Double { count > 0 ? Double(within20Percent) / Double(count) : .nan }
    public var shareUnderstatedByMinute: Double { count > 0 ? Double(understatedByMinute) / Double(count) : .nan }
}

/// The accuracy of every wait-time method at one queue in one replication,
/// judged on the same announcements (shadow estimates).
public struct QueueWaitAccuracy: Sendable, Equatable {
    /// Against the potential wait V (the wait with infinite patience): served
    /// callers, and abandoners whose V was resolved by the service start of a
    /// later arrival. Indexed like `WaitEstimator.allCases`.
    public var potential: [AccuracyCounters]
    /// Against the waits of served callers only: what a production log shows.
    public var servedOnly: [AccuracyCounters]
    /// Announcements made.
    public var announcements = 0
    /// Announcements to callers who abandoned and whose V stayed unknown (censored).
    public var censored = 0
    /// Announcements to abandoners whose V was resolved.
    public var resolvedAbandoners = 0
    /// Announcements for which a method had no estimate, per method.
    public var noEstimate: [Int]

    public init() {
        let methods = WaitEstimator.allCases.count
        potential = Array(repeating: AccuracyCounters(), count: methods)
        servedOnly = Array(repeating: AccuracyCounters(), count: methods)
        noEstimate = Array(repeating: 0, count: methods)
    }

    public mutating func add(_ other: QueueWaitAccuracy) {
        for m in potential.indices {
            potential[m].add(other.potential[m])
            servedOnly[m].add(other.servedOnly[m])
            noEstimate[m] += other.noEstimate[m]
        }
        announcements += other.announcements
        censored += other.censored
        resolvedAbandoners += other.resolvedAbandoners
    }
}
