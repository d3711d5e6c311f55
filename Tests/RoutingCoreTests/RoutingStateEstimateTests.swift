import Testing
@testable import RoutingCore

/// The queue-length estimate from the routing state, on small multi-skill
/// states computed by hand. Times in seconds; handle times are the queues'
/// `expectedHandleSeconds` (no contact has been released yet).
@Suite struct RoutingStateEstimateTests {
    /// Queue A needs skill a, B skill b; agent x has both, y only b.
    func twoQueues(priorityA: Int) -> Harness {
        var a = queue("A", "a")
        a.priority = priorityA
        a.expectedHandleSeconds = 100
        var b = queue("B", "b")
        b.expectedHandleSeconds = 200
        return Harness(configuration(skills: ["a", "b"], queues: [a, b],
                                     agents: [agent("x", [("a", 5), ("b", 5)]), agent("y", [("b", 5)])]))
    }

    func ql(_ h: Harness, _ c: ContactHandle, at t: Double) -> Double {
        Double(h.core.waitEstimates(of: c, at: seconds(t))!.queueLength) / 1e6
    }

    /// x talks to an A contact (rate 1/100), y to a B contact (1/200). An A
    /// contact that arrived earlier waits; it holds x until x has worked it
    /// off (1 contact / 0.01 per s = 100 s), while y serves C from now:
    /// E = 200 (1 - e^-0.5) + e^-0.5 / (0.005 + 0.01) = 200 - 133.33 e^-0.5.
    @Test func earlierContactOfAnotherQueueHoldsTheSharedAgent() {
        var h = twoQueues(priorityA: 0)
        _ = h.logIn([0, 1], at: 0)
        let (a1, _) = h.arrive(0, at: 0)
        let (b1, _) = h.arrive(1, at: 0)
        #expect((h.agent(of: a1), h.agent(of: b1)) == (0, 1))
        _ = h.arrive(0, at: 1)
        let (c, _) = h.arrive(1, at: 2)
        let expected = 200 - 400.0 / 3 * exponential(-0.5)
        #expect(abs(ql(h, c, at: 2) - expected) < 1e-5)
        // The per-queue shortcut would say 2 qualified agents at 1/200: 100 s.
        #expect(abs(ql(h, c, at: 2) - 100) > 10)
    }

    /// The same with A of higher priority: every A contact goes first, and
    /// A's arrivals (2 in the last 600 s window) will keep taking x: its
    /// useful rate is 0.01 - 2/600.
    @Test func higherPriorityQueueHoldsItsAgentsAndItsArrivalsJumpAhead() {
        var h = twoQueues(priorityA: 1)
        _ = h.logIn([0, 1], at: 0)
        _ = h.arrive(0, at: 0)
        _ = h.arrive(1, at: 0)
        let (c, _) = h.arrive(1, at: 1)
        _ = h.arrive(0, at: 2)  // arrives after C, served before it
        let expected = 200 * (1 - exponential(-0.5)) + exponential(-0.5) / (0.005 + 0.01 - 2.0 / 600)
        #expect(abs(ql(h, c, at: 2) - expected) < 1e-5)
    }

    /// Two agents talk (1/100 each). A prioritised contact that arrived after
    /// C is ahead of it: two stages; and prioritised arrivals (1 in the
    /// window) take 1/600 of the rate: E = 2 / (0.02 - 1/600).
    @Test func prioritisedContactArrivingLaterIsAhead() {
        let (fixture, c) = twoBusyAgentsAndOneWaiting(from: 1)
        var h = fixture
        #expect(abs(ql(h, c, at: 1) - 50) < 1e-6)
        _ = h.arrive(0, priority: 10, at: 2)
        #expect(h.core.waitEstimates(of: c, at: seconds(2))!.position == 0)  // place in line: by entry
        #expect(abs(ql(h, c, at: 2) - 2 / (0.02 - 1.0 / 600)) < 1e-5)
    }

    /// Queue Q needs a >= 5 (agent x), after 30 s a >= 1 (also y). x talks to
    /// a Q contact (1/100); y to an R contact (skill b, 1/50). C is served by
    /// x before 30 s or by either after:
    /// E = (1 - e^-0.3) / 0.01 + e^-0.3 / 0.03; after 10 s waited,
    /// (1 - e^-0.2) / 0.01 + e^-0.2 / 0.03.
    @Test func expansionStepAddsAgentsAfterItsTime() {
        var q = queue("Q", "a", level: 5)
        q.expansion = [ExpansionStep(afterSeconds: 30, requirement: SkillRequirement(allOf: [SkillLevel("a", 1)]))]
        q.expectedHandleSeconds = 100
        var r = queue("R", "b")
        r.expectedHandleSeconds = 50
        var h = Harness(configuration(skills: ["a", "b"], queues: [q, r],
                                      agents: [agent("x", [("a", 5)]), agent("y", [("a", 1), ("b", 5)])]))
        _ = h.logIn([0, 1], at: 0)
        _ = h.arrive(0, at: 0)
        _ = h.arrive(1, at: 0)
        let (c, _) = h.arrive(0, at: 0)
        #expect(abs(ql(h, c, at: 0) - ((1 - exponential(-0.3)) / 0.01 + exponential(-0.3) / 0.03)) < 1e-5)
        _ = h.tick(10)
        #expect(abs(ql(h, c, at: 10) - ((1 - exponential(-0.2)) / 0.01 + exponential(-0.2) / 0.03)) < 1e-5)
        // An idle agent that qualifies from 30 s on caps the wait there: E[min(T, 30)], T ~ Exp(0.01).
        var idle = Harness(configuration(skills: ["a", "b"], queues: [q, r],
                                         agents: [agent("x", [("a", 5)]), agent("y", [("a", 1)])]))
        _ = idle.logIn([0, 1], at: 0)
        _ = idle.arrive(0, at: 0)
        let (c2, _) = idle.arrive(0, at: 0)
        #expect(idle.core.status(of: AgentID(1)) == .available)
        #expect(abs(ql(idle, c2, at: 0) - (1 - exponential(-0.3)) / 0.01) < 1e-5)
    }

    /// A wrap-up ends at a known time: one agent in wrap-up until 40 s, the
    /// other talking (1/100): E = E[min(Exp(0.01), 20)] at 20 s; with only the
    /// wrap-up, exactly the 20 s left.
    @Test func wrapUpEndsAreKnown() {
        var q = queue("q")
        q.expectedHandleSeconds = 100
        var h = Harness(configuration(queues: [q], agents: [agent("a0"), agent("a1")]))
        _ = h.logIn([0, 1], at: 0)
        let (c1, _) = h.arrive(0, at: 0)
        _ = h.arrive(0, at: 0)
        h.send(.contactFinished(c1, wrapUpMicroseconds: seconds(30)), at: 10)  // a0 free at 40
        let (c, _) = h.arrive(0, at: 20)
        #expect(abs(ql(h, c, at: 20) - (1 - exponential(-0.2)) / 0.01) < 1e-5)

        var one = Harness(configuration(queues: [q], agents: [agent("a0")]))
        _ = one.logIn([0], at: 0)
        let (d1, _) = one.arrive(0, at: 0)
        one.send(.contactFinished(d1, wrapUpMicroseconds: seconds(30)), at: 10)
        let (d, _) = one.arrive(0, at: 20)
        #expect(abs(ql(one, d, at: 20) - 20) < 1e-6)
        let (e, _) = one.arrive(0, at: 25)  // one ahead: 15 s, then one handle time of 100 s
        #expect(abs(ql(one, e, at: 25) - 115) < 1e-6)
    }

    /// Agents logging out when done are not coming back for C.
    @Test func agentsLeavingDoNotCount() {
        let (fixture, c) = twoBusyAgentsAndOneWaiting(from: 0)
        var h = fixture
        #expect(abs(ql(h, c, at: 0) - 50) < 1e-6)
        h.send(.agentLogOutWhenDone(AgentID(1)), at: 1)
        #expect(abs(ql(h, c, at: 1) - 100) < 1e-6)
    }

    /// A call is exclusive: an agent holding three chats (1/100 each) takes
    /// it only when all three are done, after about 100 (1 + 1/2 + 1/3) s;
    /// a fourth chat waits for the first of the three to end: 100 / 3 s.
    @Test func aCallWaitsForAllOfAnAgentsChats() {
        var voice = queue("V")
        voice.expectedHandleSeconds = 60
        var chat = queue("T")
        chat.channel = .chat
        chat.expectedHandleSeconds = 100
        var h = Harness(configuration(queues: [voice, chat], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        for _ in 0 ..< 3 { _ = h.arrive(1, at: 0) }
        let (call, _) = h.arrive(0, at: 1)
        #expect(abs(ql(h, call, at: 1) - 100 * (1 + 1.0 / 2 + 1.0 / 3)) < 1e-6)
        let (fourth, _) = h.arrive(1, at: 2)
        #expect(abs(ql(h, fourth, at: 2) - 100.0 / 3) < 1e-6)  // any of the three chats frees a slot
    }

    @Test func exponentialMatchesReferenceValues() {
        for (x, e) in [(0.0, 1.0), (1.0, 2.718_281_828_459_045), (-0.5, 0.606_530_659_712_633_4),
                       (-30.0, 9.357_622_968_840_175e-14), (10.5, 36_315.502_674_246_63)] {
            #expect(abs(exponential(x) / e - 1) < 1e-14, "e^\(x)")
        }
        #expect(exponential(-800) == 0)
    }

    @Test func lineCountsEntriesByKey() {
        var line = QueueLine(capacity: 4)
        var keys: [Int32: Int64] = [:]
        var tickets: [Int64] = []
        for s in 0 ..< 10 {
            tickets.append(line.enter(Int32(s)))
            keys[Int32(s)] = Int64(s * 10)
        }
        line.leave(tickets[0])
        line.leave(tickets[4])
        line.leave(tickets[5])
        func count(_ limit: Int64) -> Int { line.count(keyAtMost: limit, key: { keys[$0]! }) }
        #expect(count(-1) == 0)
        #expect(count(0) == 0)
        #expect(count(30) == 3)  // 1, 2, 3
        #expect(count(55) == 3)
        #expect(count(60) == 4)
        #expect(count(1000) == 7)
    }

    @Test func arrivalRateSlidesOverTwoWindows() {
        var r = ArrivalRate()
        for t in stride(from: 0, to: 600, by: 10) { r.add(at: seconds(Double(t)), prioritised: t % 60 == 0) }
        #expect(abs(r.rates(at: seconds(599)).all - 60.0 / 600) < 1e-12)
        // Halfway through the next window, half the previous one still counts.
        #expect(abs(r.rates(at: seconds(900)).all - 30.0 / 600) < 1e-12)
        #expect(abs(r.rates(at: seconds(900)).prioritised - 5.0 / 600) < 1e-12)
        #expect(r.rates(at: seconds(1200)).all == 0)
    }
}
