import RoutingCore

/// Every service figure as an estimate over replications.
public struct FigureEstimates: Sendable, Equatable {
    public var offered: Estimate
    /// The share the IVR resolved; nil unless the scenario has an IVR.
    public var ivrContained: Estimate?
    public var serviceLevel: Estimate
    public var serviceLevelAnswered: Estimate
    public var asa: Estimate
    public var abandonRate: Estimate
    public var aht: Estimate
    public var occupancy: Estimate
    public var waiting: Estimate
    public var balkRate: Estimate
    public var callbackRate: Estimate

    /// Estimates from the figures of each replication: amounts averaged,
    /// ratios pooled (`Estimate(ratios:)`, shares of contacts with a Wilson
    /// interval, `Estimate(shares:)`); intervals of shares lie in 0...1, of
    /// the others in 0 and up. `withIVR` adds the IVR's share.
    public init(_ perReplication: [ServiceFigures], confidence: Double = 0.95, withIVR: Bool = false,
                fallbackDesignEffect: Double = 1) {
        func share(_ counts: [Ratio]) -> Estimate {
            Estimate(shares: counts, confidence: confidence, fallbackDesignEffect: fallbackDesignEffect)
        }
        func mean(_ ratios: [Ratio]) -> Estimate { Estimate(ratios: ratios, confidence: confidence, range: 0 ... .infinity) }
        func amount(_ values: [Double]) -> Estimate { Estimate(values: values, confidence: confidence, range: 0 ... .infinity) }
        offered = amount(perReplication.map(\.offered))
        ivrContained = withIVR ? share(perReplication.map(\.ivrContained)) : nil
        serviceLevel = share(perReplication.map(\.serviceLevel))
        serviceLevelAnswered = share(perReplication.map(\.serviceLevelAnswered))
        asa = mean(perReplication.map(\.asa))
        abandonRate = share(perReplication.map(\.abandonRate))
        aht = mean(perReplication.map(\.aht))
        occupancy = Estimate(ratios: perReplication.map(\.occupancy), confidence: confidence, range: 0...1)
        waiting = amount(perReplication.map(\.waiting))
        balkRate = share(perReplication.map(\.balkRate))
        callbackRate = share(perReplication.map(\.callbackRate))
    }

    /// The figures by their JSON names, in report order.
    public var named: [(name: String, estimate: Estimate)] {
        var figures: [(name: String, estimate: Estimate)] = [("offered", offered)]
        if let ivrContained { figures.append(("ivr_contained", ivrContained)) }
        return figures + [("service_level", serviceLevel), ("service_level_answered", serviceLevelAnswered),
                          ("asa", asa), ("abandon_rate", abandonRate), ("aht", aht), ("occupancy", occupancy),
                          ("waiting", waiting), ("balk_rate", balkRate), ("callback_rate", callbackRate)]
    }
}

/// Agent-group figures for one interval.
public struct GroupEstimates: Sendable, Equatable {
    /// Mean agents staffed (logged in, not on a break) over the interval.
    public var staffed: Estimate
    public var occupancy: Estimate
}

/// What a simulation run reports: overall, per queue, per interval and per
/// agent group, every figure with its 95% confidence interval.
public struct SimulationResult: Sendable, Equatable {
    public var scenario: String
    public var replications: Int
    /// The master seed: with the scenario, what makes the run reproducible.
    public var seed: UInt64
    /// Post-warm-up arrivals over all replications.
    public var calls: Int
    /// Every arrival simulated, warm-up included, over all replications:
    /// the work behind the run, for its speed.
    public var simulatedCalls: Int
    public var queueNames: [String]
    public var groupNames: [String]
    /// Length of a reporting interval, seconds.
    public var intervalSeconds: Double
    /// Start of the first reported interval (the end of the warm-up), seconds.
    public var reportStart: Double
    /// End of the run, seconds.
    public var reportEnd: Double
    /// The reporting intervals: their starts and lengths.
    public var grid: ReportingGrid {
        ReportingGrid(start: reportStart, end: reportEnd, intervalSeconds: intervalSeconds)
    }
    /// Per queue: the service-level target (share) and threshold T (seconds), if any.
    public var targets: [(serviceLevel: Double, withinSeconds: Double)?]
    public var overall: FigureEstimates
    public var queues: [FigureEstimates]
    /// `intervals[q][i]`: queue `q`, reporting interval `i`.
    public var intervals: [[FigureEstimates]]
    /// `groups[g][i]`: agent group `g`, reporting interval `i`.
    public var groups: [[GroupEstimates]]
    /// Per queue: wait-time accuracy, for queues that made announcements.
    public var waitAccuracy: [QueueAccuracyResult?]
    /// Per queue, over all replications: post-warm-up contacts (also those
    /// an IVR let into the queue after the end) still waiting when the run
    /// ended (no agent could take them, and they never gave up).
    public var unresolved: [Int]
    /// Counts per replication, kept for paired comparisons (`acd check`).
    public var perReplication: [ReplicationCounters]

    public static func == (a: SimulationResult, b: SimulationResult) -> Bool {
        a.scenario == b.scenario && a.replications == b.replications && a.calls == b.calls
            && a.simulatedCalls == b.simulatedCalls            && a.perReplication == b.perReplication
    }
}

extension SimulationResult {
    /// Aggregates the counts of independent replications.
    ///
    /// `servedBy[q]` lists the agent groups that can serve queue `q`; a queue's
    /// occupancy is that of those groups together. `withIVR` (some queue
    /// has an IVR) adds the IVR's share to every queue's figures.
    public init(scenario: String, seed: UInt64, counters: [ReplicationCounters], queueNames: [String],
                groupNames: [String], servedBy: [[Int]], intervalSeconds: Double,
                reportStart: Double, reportEnd: Double, targets: [(serviceLevel: Double, withinSeconds: Double)?],
                announcedMethods: [WaitEstimator], withIVR: Bool) {
        precondition(!counters.isEmpty)
        let intervalCount = counters[0].intervalCount
        func groupTime(_ r: ReplicationCounters, _ groups: [Int], interval: Int?) -> GroupCounters {
            var time = GroupCounters()
            for g in groups {
                if let interval { time.add(r[group: g, interval: interval]) } else { time.add(r.total(group: g)) }
            }
            return time
        }
        let allGroups = Array(groupNames.indices)
        self.scenario = scenario
        self.replications = counters.count
        self.seed = seed
        self.calls = counters.reduce(0) { sum, r in sum + queueNames.indices.reduce(0) { $0 + r.total(queue: $1).offered } }
        self.simulatedCalls = counters.reduce(0) { $0 + $1.arrivals }
        self.queueNames = queueNames
        self.groupNames = groupNames
        self.intervalSeconds = intervalSeconds
        self.reportStart = reportStart
        self.reportEnd = reportEnd
        let grid = ReportingGrid(start: reportStart, end: reportEnd, intervalSeconds: intervalSeconds)
        let period = reportEnd - reportStart
        self.targets = targets
        let hasTarget = targets.map { $0 != nil }
        overall = FigureEstimates(counters.map { r in
            let (all, targeted) = r.overall(hasTarget: hasTarget)
            return ServiceFigures(all, agents: groupTime(r, allGroups, interval: nil), periodSeconds: period, targeted: targeted)
        }, withIVR: withIVR)
        queues = queueNames.indices.map { q in
            FigureEstimates(counters.map {
                let c = $0.total(queue: q)
                return ServiceFigures(c, agents: groupTime($0, servedBy[q], interval: nil), periodSeconds: period,
                                      targeted: hasTarget[q] ? c : nil)
            }, withIVR: withIVR)
        }
        intervals = queueNames.indices.map { q in
            let figures = (0..<intervalCount).map { i in
                counters.map {
                    let c = $0[queue: q, interval: i]
                    return ServiceFigures(c, agents: groupTime($0, servedBy[q], interval: i), periodSeconds: grid.length(of: i),
                                          targeted: hasTarget[q] ? c : nil)
                }
            }
            // An interval whose share is 0 or 1 takes the design effect of
            // the queue's other intervals (median of their service levels').
            let effects = figures.compactMap { Estimate.designEffect(shares: $0.map(\.serviceLevel)) }.sorted()
            let fallback = effects.isEmpty ? 1 : effects[effects.count / 2]
            return figures.map { FigureEstimates($0, withIVR: withIVR, fallbackDesignEffect: fallback) }
        }
        groups = groupNames.indices.map { g in
            (0..<intervalCount).map { i in
                GroupEstimates(
                    staffed: Estimate(values: counters.map { $0[group: g, interval: i].staffedSeconds / grid.length(of: i) },
                                      range: 0 ... .infinity),
                    occupancy: Estimate(ratios: counters.map {
                        let t = $0[group: g, interval: i]
                        return Ratio(t.busySeconds, t.staffedSeconds)
                    }, range: 0...1))
            }
        }
        waitAccuracy = queueNames.indices.map { q in
            let perReplication = counters.map { $0.waitAccuracy[q] }
            guard perReplication.contains(where: { $0.announcements > 0 }) else { return nil }
            return QueueAccuracyResult(announced: announcedMethods[q], perReplication: perReplication)
        }
        unresolved = queueNames.indices.map { q in counters.reduce(0) { $0 + $1.unresolved[q] } }
        perReplication = counters
    }
}
