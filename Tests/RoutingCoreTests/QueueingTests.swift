import Testing
@testable import RoutingCore

/// Skill expansion, reservation, overflow and callbacks.
@Suite struct QueueingTests {
    @Test func expansionStepAdmitsLowerLevelAtBoundary() {
        var q = queue("q", level: 8)
        q.expansion = [ExpansionStep(afterSeconds: 20, requirement: SkillRequirement(allOf: [SkillLevel("s", 3)]))]
        var h = Harness(configuration(queues: [q], agents: [agent("a0", [("s", 5)])]))
        _ = h.logIn([0], at: 0)
        let (x, r) = h.arrive(0, at: 0)
        #expect(assigned(r).isEmpty)
        #expect(h.core.nextWakeup == seconds(20))
        #expect(h.tick(20) == [.assign(x, AgentID(0))])
        #expect(h.core.facts(of: x)?.agentLevel == 5)
    }

    @Test func expansionAddsNeighbouringSkillAndGroup() {
        var q = queue("q", level: 8)
        q.expansion = [
            ExpansionStep(afterSeconds: 10, requirement: SkillRequirement(anyOf: [SkillLevel("s", 8), SkillLevel("t", 2)])),
            ExpansionStep(afterSeconds: 20, requirement: SkillRequirement(anyOf: [SkillLevel("s", 8), SkillLevel("t", 2)],
                                                                         groups: ["backup"])),
        ]
        var c = configuration(skills: ["s", "t"], queues: [q],
                              agents: [agent("neighbour", [("t", 3)]), agent("backup", [])], groups: ["backup"])
        c.agents[1].groups = ["backup"]
        var h = Harness(c)
        _ = h.logIn([1], at: 0)
        let (x, _) = h.arrive(0, at: 0)
        #expect(h.tick(10).isEmpty)
        #expect(h.tick(20) == [.assign(x, AgentID(1))])
        _ = h.logIn([0], at: 21)
        let (y, _) = h.arrive(0, at: 22)
        #expect(h.tick(32) == [.assign(y, AgentID(0))])
    }

    @Test func agentSeesOlderExpandedContactBeforeYoungerOne() {
        var q = queue("q", level: 8)
        q.expansion = [ExpansionStep(afterSeconds: 20, requirement: SkillRequirement(allOf: [SkillLevel("s", 3)]))]
        var h = Harness(configuration(queues: [q], agents: [agent("a0", [("s", 9)])]))
        let (x, _) = h.arrive(0, at: 0)
        let (y, _) = h.arrive(0, at: 25)
        _ = y
        #expect(assigned(h.logIn([0], at: 30)).map(\.0) == [x])
    }

    func reserved() -> Harness {
        var c = configuration(queues: [queue("vip"), queue("std")], agents: [agent("a0"), agent("a1")],
                              groups: ["team"], reservations: [ReservationRule(group: "team", keepFree: 1,
                                                                               protectedQueues: ["vip"])])
        c.agents[0].groups = ["team"]
        c.agents[1].groups = ["team"]
        return Harness(c)
    }

    @Test func reservationKeepsAgentsFreeForProtectedQueue() {
        var h = reserved()
        _ = h.logIn([0, 1], at: 0)
        let (s1, r1) = h.arrive(1, at: 1)  // 2 free > 1: gets a0
        #expect(assigned(r1).map(\.1) == [0])
        let (s2, r2) = h.arrive(1, at: 2)  // 1 free, not more than 1: waits
        #expect(assigned(r2).isEmpty)
        let (v, r3) = h.arrive(0, at: 3)   // protected queue takes the kept agent
        #expect(r3 == [.assign(v, AgentID(1))])
        // a0 frees: 1 free, still not more than 1.
        #expect(assigned(h.send(.contactFinished(s1, wrapUpMicroseconds: nil), at: 4).1).isEmpty)
        // a1 frees: 2 free; a1 takes the standard contact.
        #expect(assigned(h.send(.contactFinished(v, wrapUpMicroseconds: nil), at: 5).1).map(\.0) == [s2])
    }

    @Test func reservationGateOpeningRoutesWaitingContactToOtherAgent() {
        var c = configuration(skills: ["s", "t"], queues: [queue("vip"), queue("std")],
                              agents: [agent("a0"), agent("a1", [("t", 5)])], groups: ["team"],
                              reservations: [ReservationRule(group: "team", keepFree: 1, protectedQueues: ["vip"])])
        c.agents[0].groups = ["team"]
        c.agents[1].groups = ["team"]
        var h = Harness(c)
        _ = h.logIn([0], at: 0)
        let (s, r) = h.arrive(1, at: 1)
        #expect(assigned(r).isEmpty)  // only a0 free: not more than 1
        // a1 cannot take it, but its login makes 2 of the team free: a0 may now.
        #expect(h.logIn([1], at: 2) == [.assign(s, AgentID(0))])
    }

    @Test func interflowContactExpandsInBothQueues() {
        var a = queue("A", "s", level: 9)
        a.overflow = [OverflowRule(afterSeconds: 5, target: "B", keepOriginal: true)]
        var b = queue("B", "t", level: 9)
        b.expansion = [ExpansionStep(afterSeconds: 20, requirement: SkillRequirement(allOf: [SkillLevel("t", 2)]))]
        var h = Harness(configuration(skills: ["s", "t"], queues: [a, b], agents: [agent("tb", [("t", 3)])]))
        _ = h.logIn([0], at: 0)
        let (x, _) = h.arrive(0, at: 0)
        #expect(h.tick(5) == [.alsoQueued(x, QueueID(1))])
        #expect(h.core.nextWakeup == seconds(20))  // B's step counts from the original arrival
        #expect(h.tick(20) == [.assign(x, AgentID(0))])
        let f = h.core.facts(of: x)!
        #expect(f.queue == QueueID(1) && f.originalQueue == QueueID(0) && f.agentLevel == 3)
        #expect(h.core.waitingCount(in: QueueID(0)) == 0)
        #expect(h.core.outcomes(of: QueueID(1)).answered == 1)
    }

    @Test func timedOverflowMovesContactKeepingArrival() {
        var a = queue("A", "s")
        a.overflow = [OverflowRule(afterSeconds: 30, target: "B")]
        var h = Harness(configuration(skills: ["s", "t"], queues: [a, queue("B", "t")], agents: [agent("b", [("t", 5)])]))
        _ = h.logIn([0], at: 0)
        let (x, _) = h.arrive(0, at: 0)
        #expect(h.core.nextWakeup == seconds(30))
        #expect(h.tick(30) == [.moved(x, from: QueueID(0), to: QueueID(1)), .assign(x, AgentID(0))])
        let f = h.core.facts(of: x)!
        #expect(f.queue == QueueID(1) && f.originalQueue == QueueID(0) && f.arrival == 0)
    }

    @Test func interflowKeepsContactInBothQueues() {
        var a = queue("A", "s")
        a.overflow = [OverflowRule(afterSeconds: 30, target: "B", keepOriginal: true)]
        var h = Harness(configuration(skills: ["s", "t"], queues: [a, queue("B", "t")],
                                      agents: [agent("sa", [("s", 5)]), agent("tb", [("t", 5)])]))
        let (x, _) = h.arrive(0, at: 0)
        #expect(h.tick(30) == [.alsoQueued(x, QueueID(1))])
        #expect(h.core.waitingCount(in: QueueID(0)) == 1)
        #expect(h.logIn([0], at: 31) == [.assign(x, AgentID(0))])  // still served by its own queue
    }

    /// A second interflow takes the first one's place: the contact waits in
    /// A and C, no longer in B.
    @Test func aLaterInterflowTakesTheEarlierOnesPlace() {
        var a = queue("A", "s")
        a.overflow = [OverflowRule(afterSeconds: 10, target: "B", keepOriginal: true),
                      OverflowRule(afterSeconds: 20, target: "C", keepOriginal: true)]
        var h = Harness(configuration(skills: ["s", "t", "u"], queues: [a, queue("B", "t"), queue("C", "u")],
                                      agents: [agent("tb", [("t", 5)]), agent("uc", [("u", 5)])]))
        let (x, _) = h.arrive(0, at: 0)
        #expect(h.tick(10) == [.alsoQueued(x, QueueID(1))])
        #expect(h.tick(20) == [.alsoQueued(x, QueueID(2))])
        #expect(h.logIn([0], at: 21) == [])  // B's agent: the contact left B
        #expect(h.logIn([1], at: 22) == [.assign(x, AgentID(1))])
        #expect(h.core.outcomes(of: QueueID(2)).answered == 1)
    }

    /// An interflow on the expected wait, checked again at every recheck,
    /// only adds a queue to a contact waiting in no other: once the timed
    /// rule has replaced it, it does not swap back.
    @Test func anEstimateInterflowDoesNotUndoATimedOne() {
        var a = queue("A", "s")
        a.overflow = [OverflowRule(afterSeconds: 30, target: "B", keepOriginal: true),
                      OverflowRule(expectedWaitAboveSeconds: 60, target: "C", keepOriginal: true)]
        a.recheckSeconds = 10
        var h = Harness(configuration(skills: ["s", "t", "u"], queues: [a, queue("B", "t"), queue("C", "u")],
                                      agents: [agent("tb", [("t", 5)]), agent("uc", [("u", 5)])]))
        let (x, entry) = h.arrive(0, at: 0)
        #expect(entry.contains(.alsoQueued(x, QueueID(2))))  // no agent: no estimate, above any threshold
        #expect(h.tick(20) == [])
        #expect(h.tick(30) == [.alsoQueued(x, QueueID(1))])
        #expect(h.tick(60) == [])
        #expect(h.logIn([1], at: 61) == [])  // C's agent: the contact left C
        #expect(h.logIn([0], at: 62) == [.assign(x, AgentID(0))])
    }

    @Test func movedContactKeepsPlaceByOriginalArrival() {
        var a = queue("A", "s")
        a.overflow = [OverflowRule(afterSeconds: 30, target: "B")]
        var h = Harness(configuration(skills: ["s", "t"], queues: [a, queue("B", "t")], agents: [agent("b", [("t", 5)])]))
        let (x, _) = h.arrive(0, at: 0)
        let (y, _) = h.arrive(1, at: 10)
        _ = h.tick(30)
        _ = y
        #expect(assigned(h.logIn([0], at: 40)).map(\.0) == [x])
    }

    @Test func estimateOverflowAtEntry() {
        var a = queue("A", "s")
        a.overflow = [OverflowRule(expectedWaitAboveSeconds: 100, target: "B")]
        var h = Harness(configuration(skills: ["s", "t"], queues: [a, queue("B", "t")], agents: [agent("b", [("t", 5)])]))
        _ = h.logIn([0], at: 0)
        // Nobody staffs A: its estimate is unbounded, so the contact moves at once.
        let (x, r) = h.arrive(0, at: 0)
        #expect(r == [.moved(x, from: QueueID(0), to: QueueID(1)), .assign(x, AgentID(0))])
    }

    @Test func callbackKeepsPlaceAndIsAssignedInTurn() {
        var h = Harness(configuration(queues: [queue("q")], agents: [agent("a0")]))
        let (x, _) = h.arrive(0, at: 0)
        let (y, _) = h.arrive(0, at: 5)
        #expect(h.send(.callbackRequested(x), at: 6).0 == .applied)
        #expect(h.core.waitEstimates(of: y, at: seconds(6))?.position == 1)
        #expect(h.logIn([0], at: 10) == [.assign(x, AgentID(0))])
        #expect(h.core.facts(of: x)?.callback == true)
    }

    @Test func callbackOfferedWhenEstimateIsLong() {
        var q = queue("q")
        q.callbackOfferAboveSeconds = 60
        q.expectedHandleSeconds = 100
        var h = Harness(configuration(queues: [q], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        _ = h.arrive(0, at: 0)                 // a0 busy
        let (y, r1) = h.arrive(0, at: 0)       // 1 agent, mu = 1/100 s: 100 s
        #expect(r1 == [.offerCallback(y, expectedWait: seconds(100))])
    }
}
