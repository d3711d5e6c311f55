import Simulation
import Staffing
import Testing

@Suite struct EstimateTests {
    /// Mean 0.98 of (0.96, 1.0, 0.98): s = 0.02, t(0.975, 2) = 4.302653,
    /// half width 4.302653 x 0.02 / √3 = 0.0496827: the interval would reach
    /// 1.0297; a share's is cut at 1.
    @Test func aSharesIntervalIsCutToZeroToOne() {
        let raw = Estimate(values: [0.96, 1.0, 0.98])
        #expect(abs(raw.ciHigh - 1.0296827) < 1e-6)
        #expect(abs(raw.ciLow - 0.9303173) < 1e-6)
        let share = Estimate(values: [0.96, 1.0, 0.98], range: 0...1)
        #expect(share.ciHigh == 1)
        #expect(share.ciLow == raw.ciLow)
        #expect(share.mean == raw.mean)
        let small = Estimate(values: [0.0, 0.02, 0.01], range: 0...1)
        #expect(small.ciLow == 0)
    }

    @Test func oneReplicationGivesAMeanWithoutAnInterval() {
        let e = Estimate(values: [0.5, .nan])
        #expect(e.mean == 0.5)
        #expect(e.samples == 1)
        #expect(e.ciLow.isNaN && e.ciHigh.isNaN)
    }

    /// Ratios (1, 2), (3, 4), (0, 0): pooled 4 / 6; residuals −1/3, 1/3, 0,
    /// so s² = (2/9) / 2, the standard error √(s² / 3) / (6 / 3) = 0.0962250,
    /// and t(0.975, 2) = 4.302653 gives a half width of 0.4140227. The
    /// mean of the two defined shares would be 0.625.
    @Test func ratiosArePooledWithADeltaMethodInterval() {
        let e = Estimate(ratios: [Ratio(1, 2), Ratio(3, 4), Ratio(0, 0)])
        #expect(abs(e.mean - 2.0 / 3) < 1e-15)
        #expect(e.samples == 2)
        #expect(abs(e.ciLow - (2.0 / 3 - 0.4140227)) < 1e-6)
        #expect(abs(e.ciHigh - (2.0 / 3 + 0.4140227)) < 1e-6)
        #expect(Estimate(ratios: [Ratio(1, 2), Ratio(3, 4), Ratio(0, 0)], range: 0...1).ciHigh == 1)
        let one = Estimate(ratios: [Ratio(1, 4), Ratio(0, 0)])
        #expect(one.mean == 0.25 && one.samples == 1 && one.ciLow.isNaN && one.ciHigh.isNaN)
        // Sums that round past a share's bound stay within it.
        let busy = Estimate(ratios: [Ratio(0.1 + 0.2, 0.3), Ratio(0.3, 0.3)], range: 0...1)
        #expect((0.1 + 0.2) / 0.3 > 1 && busy.mean == 1 && busy.ciHigh == 1)
        let none = Estimate(ratios: [Ratio(0, 0), Ratio(0, 0)])
        #expect(none.mean.isNaN && none.samples == 0)
    }

    /// Shares of contacts get a Wilson interval on the contacts over the
    /// design effect, its pseudo-counts from the normal quantile z and its
    /// variance term scaled by (t / z)². By hand: 33 of 40 (8/10, 10/10,
    /// 6/10, 9/10), residuals −0.25, 1.75, −2.25, 0.75, delta-method
    /// variance 8.75 / 3 / 4 / 10² = 0.00729167 over the binomial 0.825 ×
    /// 0.175 / 40 = 0.00360938: design effect 2.0202, 19.8 effective
    /// contacts, t(0.975, 3) = 3.1824463, z = 1.9599640: [0.530529, 1]
    /// (scipy). Every call of 10 replications of 19 in time gave [1, 1];
    /// now the design effect is the one given for shares of 0 or 1 (1 by
    /// default: the lower bound 190 / (190 + z²) = 0.980182). Two
    /// replications, 98 and 94 of 100 (t(0.975, 1) = 12.706): [0.697199, 1],
    /// about the t interval 0.96 − 12.706 × 0.02 = 0.7059 (with t in the
    /// pseudo-counts the interval centred near 0.67).
    @Test func sharesHaveAWilsonIntervalOnTheEffectiveContacts() {
        let e = Estimate(shares: [Ratio(8, 10), Ratio(10, 10), Ratio(6, 10), Ratio(9, 10)])
        #expect(e.mean == 0.825 && e.samples == 4)
        #expect(abs(e.ciLow - 0.5305288909) < 1e-8 && e.ciHigh == 1, "\(e)")
        #expect(abs(Estimate.designEffect(shares: [Ratio(8, 10), Ratio(10, 10), Ratio(6, 10), Ratio(9, 10)])! - 2.0202020202) < 1e-9)
        let all = Estimate(shares: Array(repeating: Ratio(19, 19), count: 10))
        #expect(all.mean == 1 && all.ciHigh == 1 && abs(all.ciLow - 0.9801824705) < 1e-8, "\(all)")
        // With no variance to measure it by, the design effect given: 76 effective contacts.
        #expect(Estimate.designEffect(shares: Array(repeating: Ratio(19, 19), count: 10)) == nil)
        let fallback = Estimate(shares: Array(repeating: Ratio(19, 19), count: 10), fallbackDesignEffect: 2.5)
        #expect(abs(fallback.ciLow - 0.9518864149) < 1e-8, "\(fallback)")
        let none = Estimate(shares: Array(repeating: Ratio(0, 19), count: 10))
        #expect(none.mean == 0 && none.ciLow == 0 && abs(none.ciHigh - 0.0198175295) < 1e-8)
        let two = Estimate(shares: [Ratio(98, 100), Ratio(94, 100)])
        #expect(abs(two.ciLow - 0.6971985675) < 1e-8 && two.ciHigh == 1, "\(two)")
        let one = Estimate(shares: [Ratio(1, 4), Ratio(0, 0)])
        #expect(one.mean == 0.25 && one.samples == 1 && one.ciLow.isNaN)
        #expect(Estimate(shares: [Ratio(0, 0)]).mean.isNaN)
    }

    /// About 3 calls per 10-minute interval in a stationary M/M/2+M queue:
    /// each interval's service level and abandonment pool the replications'
    /// counts, so the offered-weighted intervals give the queue's figures
    /// exactly, and their average agrees with Erlang A. Averaging each
    /// replication's interval shares, as before, put them 7 points above it
    /// (61 % against 53.7 %).
    @Test func intervalFiguresPoolTheReplicationsCounts() throws {
        var model = try singleQueueModel(callsPerHour: 20, ahtSeconds: 300, agents: 2, patienceSeconds: 300,
                                         targetSeconds: 20, hours: 100, replications: 10, seed: 11)
        model.intervalSeconds = 600
        let result = try Simulator(model: model).run()
        let intervals = result.intervals[0]
        let offered = intervals.reduce(0) { $0 + $1.offered.mean }
        let pooledSL = intervals.reduce(0) { $0 + $1.offered.mean * $1.serviceLevel.mean } / offered
        let pooledAbandon = intervals.reduce(0) { $0 + $1.offered.mean * $1.abandonRate.mean } / offered
        #expect(abs(pooledSL - result.queues[0].serviceLevel.mean) < 1e-12)
        #expect(abs(pooledAbandon - result.queues[0].abandonRate.mean) < 1e-12)
        let exact = queueFigures(QueueParameters(arrivalRatePerSecond: 20.0 / 3600, ahtSeconds: 300,
                                                 model: .a(patienceSeconds: 300), targetSeconds: 20), agents: 2)
        #expect(result.queues[0].serviceLevel.contains(exact.serviceLevel))
        #expect(abs(pooledSL - exact.serviceLevel) < 0.02, "\(pooledSL) against Erlang A \(exact.serviceLevel)")
    }

    /// Without a target, a queue has no service level (not 0 %); overall,
    /// the service level is that of the queues with a target.
    @Test func serviceLevelsAreOfQueuesWithATarget() throws {
        var model = try singleQueueModel(callsPerHour: 600, ahtSeconds: 60, agents: 20, patienceSeconds: nil,
                                         targetSeconds: 20, hours: 1, replications: 2, seed: 4)
        let withTarget = try Simulator(model: model).run()
        model.queues[0].target = nil
        let without = try Simulator(model: model).run()
        #expect(withTarget.queues[0].serviceLevel.mean > 0.99)
        #expect(without.queues[0].serviceLevel.mean.isNaN)
        #expect(without.queues[0].serviceLevelAnswered.mean.isNaN)
        #expect(without.overall.serviceLevel.mean.isNaN)
        #expect(without.intervals[0].allSatisfy { $0.serviceLevel.mean.isNaN })
        // The rest is unchanged: the same contacts, answered alike.
        #expect(without.queues[0].asa == withTarget.queues[0].asa)
        #expect(without.overall.offered == withTarget.overall.offered)
    }
}
