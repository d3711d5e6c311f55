import RoutingCore
import Simulation
import Testing

@Suite struct ReplicationTests {
    @Test func sameModelAndSeedGiveIdenticalCounts() throws {
        let model = try singleQueueModel(callsPerHour: 2000, ahtSeconds: 180, agents: 95, patienceSeconds: 180,
                                         targetSeconds: 20, hours: 1, replications: 3, seed: 5)
        let one = try Simulator(model: model).runReplications(threads: 1)
        let two = try Simulator(model: model).runReplications(threads: 2)
        #expect(one == two)
        var other = model
        other.seed = 6
        #expect(try Simulator(model: other).runReplications() != one)
    }

    @Test func everyContactIsAnsweredOrAbandonedAndStaffedTimeIsExact() throws {
        let model = try singleQueueModel(callsPerHour: 2400, ahtSeconds: 180, agents: 100, patienceSeconds: 60,
                                         targetSeconds: 20, hours: 2, replications: 2, seed: 3)
        for r in try Simulator(model: model).runReplications() {
            let total = r.total(queue: 0)
            // Arrivals stop at the end and the system is played out.
            #expect(total.answered + total.abandoned == total.offered)
            #expect(total.handled == total.answered)
            #expect(total.offered > 4000)
            // 100 agents for the 2 reported hours.
            #expect(abs(r.total(group: 0).staffedSeconds - 100 * 7200) < 1e-6)
            #expect(r.total(group: 0).busySeconds <= r.total(group: 0).staffedSeconds)
        }
    }

    @Test func arrivalCountsMatchTheRateProfile() throws {
        // Poisson counts: over 20 replications of 10 hours at 1200/h after
        // warm-up, the mean count is 12,000 with standard error √(12000/20).
        var model = try singleQueueModel(callsPerHour: 1200, ahtSeconds: 60, agents: 30, patienceSeconds: nil,
                                         targetSeconds: 20, hours: 10, replications: 20, seed: 9)
        model.queues[0].ratesPerSecond = [1200.0 / 3600, 2400.0 / 3600]
        // Half the intervals at 1200/h, half at 2400/h: 18,000 expected in 10 h.
        let counts = try Simulator(model: model).runReplications().map { Double($0.total(queue: 0).offered) }
        let mean = counts.reduce(0, +) / Double(counts.count)
        #expect(abs(mean - 18_000) < 5 * (18_000.0 / 20).squareRoot())
    }
}
