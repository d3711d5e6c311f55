import Testing
@testable import RoutingCore

/// Contact selection: which waiting contact a freed agent takes.
@Suite struct ContactSelectionTests {
    func twoQueues(_ policy: ContactSelectionPolicy, a: QueueConfiguration, b: QueueConfiguration) -> Harness {
        Harness(configuration(queues: [a, b], agents: [agent("a0")],
                              policies: RoutingPolicies(contactSelection: policy)))
    }

    @Test func queuePriorityBeatsLongerWait() {
        var qa = queue("qa"), qb = queue("qb")
        qa.priority = 1
        qb.priority = 5
        var h = twoQueues(.queuePriority, a: qa, b: qb)
        let (x, _) = h.arrive(0, at: 0)
        let (y, _) = h.arrive(1, at: 10)
        #expect(assigned(h.logIn([0], at: 20)).map(\.0) == [y])
        #expect(assigned(h.send(.contactFinished(y, wrapUpMicroseconds: nil), at: 30).1).map(\.0) == [x])
    }

    @Test func agedPriorityComparesPriorityPlusRateTimesWait() {
        for (login, winner) in [(40.0, 1), (100.0, 0)] {
            var qa = queue("qa"), qb = queue("qb")
            qa.agingPerSecond = 1
            var h = twoQueues(.agedPriority, a: qa, b: qb)
            let (x, _) = h.arrive(0, priority: 0, at: 0)    // aged: t
            let (y, _) = h.arrive(1, priority: 50, at: 10)  // aged: 50
            // At 40: x has 40 < 50, y wins. At 100: x has 100 > 50, x wins.
            #expect(assigned(h.logIn([0], at: login)).map(\.0) == [winner == 0 ? x : y])
        }
    }

    @Test func weightedWaitComparesWeightTimesWait() {
        for (login, winner) in [(80.0, 0), (120.0, 1)] {
            let qa = queue("qa")
            var qb = queue("qb")
            qb.weight = 2
            var h = twoQueues(.weightedWait, a: qa, b: qb)
            let (x, _) = h.arrive(0, at: 0)
            let (y, _) = h.arrive(1, at: 50)
            // At 80: x 80 vs y 2 x 30 = 60. At 120: x 120 vs y 140.
            #expect(assigned(h.logIn([0], at: login)).map(\.0) == [winner == 0 ? x : y])
        }
    }

    @Test func firstComeFirstServedWithinEqualPriority() {
        var h = Harness(configuration(queues: [queue("q")], agents: [agent("a0")]))
        let (x, _) = h.arrive(0, at: 0)
        let (y, _) = h.arrive(0, at: 1)
        #expect(assigned(h.logIn([0], at: 5)).map(\.0) == [x])
        #expect(assigned(h.send(.contactFinished(x, wrapUpMicroseconds: nil), at: 6).1).map(\.0) == [y])
    }

    @Test func urgentContactJumpsAhead() {
        var h = Harness(configuration(queues: [queue("q")], agents: [agent("a0")]))
        _ = h.arrive(0, priority: 0, at: 0)
        let (vip, _) = h.arrive(0, priority: 10, at: 5)
        #expect(assigned(h.logIn([0], at: 10)).map(\.0) == [vip])
    }

    @Test func profileDelayHoldsBackUntilWaitedLongEnough() {
        var c = configuration(queues: [queue("q")], agents: [agent("a0")],
                              profiles: [RoutingProfile(id: "late", delays: [QueueDelay(queue: "q", delaySeconds: 30)])])
        c.agents[0].profile = "late"
        var h = Harness(c)
        _ = h.logIn([0], at: 0)
        let (x, r) = h.arrive(0, at: 1)
        #expect(assigned(r).isEmpty)
        #expect(h.core.nextWakeup == seconds(31))
        #expect(assigned(h.tick(30.9)).isEmpty)
        #expect(assigned(h.tick(31)).map(\.0) == [x])
    }

    @Test func profileContactSelectionOverridesGlobal() {
        let qa = queue("qa")
        var qb = queue("qb")
        qb.priority = 9
        var c = configuration(queues: [qa, qb], agents: [agent("a0")],
                              profiles: [RoutingProfile(id: "fifo", contactSelection: .weightedWait)])
        c.agents[0].profile = "fifo"
        var h = Harness(c)
        let (x, _) = h.arrive(0, at: 0)
        _ = h.arrive(1, at: 10)
        #expect(assigned(h.logIn([0], at: 20)).map(\.0) == [x])  // longest weighted wait, not queue priority
    }
}
