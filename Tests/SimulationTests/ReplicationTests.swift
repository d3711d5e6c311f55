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

    /// With and without wrap-up (seconds): a wrap-up still running at the
    /// end of the horizon is a deadline of the core, played out as well.
    @Test(arguments: [nil, 30.0])
    func everyContactIsAnsweredOrAbandonedAndStaffedTimeIsExact(wrapUpSeconds: Double?) throws {
        var model = try singleQueueModel(callsPerHour: 2400, ahtSeconds: 180, agents: 100, patienceSeconds: 60,
                                         targetSeconds: 20, hours: 2, replications: 2, seed: 3)
        model.queues[0].wrapUp = try wrapUpSeconds.map { try .constant($0) }
        for r in try Simulator(model: model).runReplications() {
            let total = r.total(queue: 0)
            // Arrivals stop at the end and the system is played out.
            #expect(total.answered + total.abandoned == total.offered)
            #expect(r.unresolved == [0])
            #expect(total.handled == total.answered)
            #expect(total.offered > 4000)
            // 100 agents for the 2 reported hours.
            #expect(abs(r.total(group: 0).staffedSeconds - 100 * 7200) < 1e-6)
            #expect(r.total(group: 0).busySeconds <= r.total(group: 0).staffedSeconds)
        }
    }

    /// Nobody on duty and infinitely patient callers: every contact after
    /// the warm-up is still waiting at the end, and counted as unresolved.
    @Test func contactsNoAgentCanTakeAreCountedAsUnresolved() throws {
        var model = try singleQueueModel(callsPerHour: 600, ahtSeconds: 60, agents: 2, patienceSeconds: nil,
                                         targetSeconds: 20, hours: 1, replications: 2, seed: 3)
        model.groups[0].headcount = [0]
        for r in try Simulator(model: model).runReplications() {
            let total = r.total(queue: 0)
            #expect(total.offered > 450)
            #expect(total.answered == 0 && total.abandoned == 0)
            #expect(r.unresolved == [total.offered])
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

@Suite struct DecisionDigestTests {
    @Test func digestIsFNV1aOverTheDecisionWords() {
        var d = DecisionDigest()
        #expect(d.description == "cbf29ce484222325")  // FNV-1a offset basis: the empty sequence
        d.add(Decision(timeMicros: 1, contact: 2, agent: 3, queue: 4))
        // FNV-1a step over the words 1, 2 and 3 | 4 << 32, by hand.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for word: UInt64 in [1, 2, 3 | 4 << 32] { h = (h ^ word) &* 0x100000001b3 }
        #expect(d.value == h)
        #expect(d.count == 1)
        var swapped = DecisionDigest()
        swapped.add(Decision(timeMicros: 2, contact: 1, agent: 3, queue: 4))
        #expect(swapped != d)
    }

    @Test func recordedDecisionsMatchTheDigestAndOneChangeMovesIt() throws {
        let model = try singleQueueModel(callsPerHour: 2000, ahtSeconds: 180, agents: 95, patienceSeconds: 180,
                                         targetSeconds: 20, hours: 1, replications: 2, seed: 5)
        let runs = try Simulator(model: model).runReplications(recordDecisions: true)
        for r in runs {
            let decisions = try #require(r.decisions)
            var digest = DecisionDigest()
            for d in decisions { digest.add(d) }
            #expect(digest == r.decisionDigest)
            #expect(decisions.count == r.decisionDigest.count)
            // Every answered contact is one decision (warm-up ones included).
            #expect(decisions.count >= r.total(queue: 0).answered)
            var changed = DecisionDigest()
            for (k, d) in decisions.enumerated() {
                changed.add(k == decisions.count / 2 ? Decision(timeMicros: d.timeMicros, contact: d.contact,
                                                                 agent: d.agent ^ 1, queue: d.queue) : d)
            }
            #expect(changed != r.decisionDigest)
        }
        // Without recording, the digest is the same.
        let plain = try Simulator(model: model).runReplications()
        #expect(plain.map(\.decisionDigest) == runs.map(\.decisionDigest))
        #expect(plain[0].decisions == nil)
    }
}
