import Simulation
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
