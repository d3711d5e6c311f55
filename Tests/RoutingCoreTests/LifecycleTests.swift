import Testing
@testable import RoutingCore

/// Offers, wrap-up, channels, log-out and statistics.
@Suite struct LifecycleTests {
    func offering(_ agents: Int = 2) -> Harness {
        var q = queue("q")
        q.offerTimeoutSeconds = 10
        return Harness(configuration(queues: [q], agents: (0..<agents).map { agent("a\($0)") }))
    }

    @Test func offerTimesOutToNextAgentAndAgentGoesNotReady() {
        var h = offering()
        _ = h.logIn([0, 1], at: 0)
        let (x, r) = h.arrive(0, at: 0)
        #expect(r == [.offer(x, AgentID(0), deadline: seconds(10))])
        #expect(h.core.status(of: AgentID(0)) == .reserved)
        #expect(h.core.nextWakeup == seconds(10))
        let t = h.tick(10)
        #expect(t == [.offerTimedOut(x, AgentID(0)), .agentNotReady(AgentID(0), reason: 1),
                      .offer(x, AgentID(1), deadline: seconds(20))])
        #expect(h.core.status(of: AgentID(0)) == .notReady)
        #expect(h.core.notReadyReason(of: AgentID(0)) == 1)
        #expect(h.core.waitEstimates(of: x, at: seconds(11))?.position == 0)  // still in line while offered
        #expect(h.send(.offerAccepted(x), at: 12).0 == .applied)
        #expect(h.core.waitEstimates(of: x, at: seconds(12)) == nil)
        #expect(h.core.status(of: AgentID(1)) == .busy)
        #expect(h.core.facts(of: x)?.answered == seconds(12))
        #expect(h.core.outcomes(of: QueueID(0)).answered == 1)
    }

    @Test func timedOutContactKeepsItsOriginalPlace() {
        var h = offering()
        _ = h.logIn([0], at: 0)
        let (x, _) = h.arrive(0, at: 0)
        let (y, _) = h.arrive(0, at: 1)
        _ = h.tick(10)  // x back in line, a0 not ready
        #expect(h.core.waitingCount(in: QueueID(0)) == 2)
        #expect(h.core.waitEstimates(of: x, at: seconds(10))?.position == 0)
        #expect(h.core.waitEstimates(of: y, at: seconds(10))?.position == 1)
        #expect(assigned(h.logIn([1], at: 15)).map(\.0) == [x])
    }

    @Test func rejectedOfferActsLikeRingNoAnswer() {
        var h = offering()
        _ = h.logIn([0, 1], at: 0)
        let (x, _) = h.arrive(0, at: 0)
        let (_, r) = h.send(.offerRejected(x), at: 3)
        #expect(r == [.agentNotReady(AgentID(0), reason: 1), .offer(x, AgentID(1), deadline: seconds(13))])
    }

    @Test func lateAcceptIsRejectedAsValue() {
        var h = offering(1)
        _ = h.logIn([0], at: 0)
        let (x, _) = h.arrive(0, at: 0)
        _ = h.tick(10)
        #expect(h.send(.offerAccepted(x), at: 11).0 == .rejected(.wrongContactState))
        #expect(h.send(.contactAbandoned(ContactHandle(slot: 7, generation: 0)), at: 11).0 == .rejected(.staleContact))
        #expect(h.send(.timePassed, at: 5).0 == .rejected(.timeWentBackwards))
    }

    @Test func wrapUpEndsOnTimerThenAgentTakesNextContact() {
        var q = queue("q")
        q.wrapUpSeconds = 30
        var h = Harness(configuration(queues: [q], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        let (x, _) = h.arrive(0, at: 0)
        h.send(.contactFinished(x, wrapUpMicroseconds: nil), at: 100)
        #expect(h.core.status(of: AgentID(0)) == .wrapUp)
        #expect(h.core.nextWakeup == seconds(130))
        let (y, r) = h.arrive(0, at: 110)
        #expect(assigned(r).isEmpty)
        #expect(h.tick(130) == [.released(x, AgentID(0)), .assign(y, AgentID(0))])
        #expect(h.core.facts(of: x) == nil)
    }

    @Test func wrapUpDoneEarlyAndPerContactOverride() {
        var q = queue("q")
        q.wrapUpSeconds = 30
        var h = Harness(configuration(queues: [q], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        let (x, _) = h.arrive(0, at: 0)
        h.send(.contactFinished(x, wrapUpMicroseconds: nil), at: 10)
        #expect(h.send(.wrapUpDone(x), at: 15).1 == [.released(x, AgentID(0))])
        let (y, _) = h.arrive(0, at: 20)
        h.send(.contactFinished(y, wrapUpMicroseconds: seconds(5)), at: 30)
        #expect(h.core.nextWakeup == seconds(35))
        #expect(h.tick(35) == [.released(y, AgentID(0))])
        #expect(h.core.status(of: AgentID(0)) == .available)
    }

    @Test func chatsShareCapacityAndVoiceExcludesThem() {
        var chat = queue("chat")
        chat.channel = .chat
        var h = Harness(configuration(queues: [chat, queue("voice")], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        let chats = (0..<4).map { h.arrive(0, at: Double($0)) }
        #expect(chats.map { assigned($0.1).count } == [1, 1, 1, 0])
        let (v, rv) = h.arrive(1, at: 5)
        #expect(assigned(rv).isEmpty)
        // Finishing one chat lets the fourth in, not the voice call.
        #expect(assigned(h.send(.contactFinished(chats[0].0, wrapUpMicroseconds: nil), at: 6).1).map(\.0) == [chats[3].0])
        for c in chats.dropFirst() { h.send(.contactFinished(c.0, wrapUpMicroseconds: nil), at: 7) }
        #expect(h.core.facts(of: v)?.agent == AgentID(0))
    }

    @Test func chatsGoToLeastLoadedAgentFirst() {
        var chat = queue("chat")
        chat.channel = .chat
        var h = Harness(configuration(queues: [chat], agents: [agent("a0"), agent("a1")]))
        _ = h.logIn([0, 1], at: 0)
        let order = (0..<4).flatMap { assigned(h.arrive(0, at: Double($0 + 1)).1).map(\.1) }
        #expect(order == [0, 1, 0, 1])
    }

    @Test func logOutWhenDoneWaitsForCurrentContact() {
        var h = Harness(configuration(queues: [queue("q")], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        let (x, _) = h.arrive(0, at: 0)
        h.send(.agentLogOutWhenDone(AgentID(0)), at: 1)
        #expect(h.core.status(of: AgentID(0)) == .busy)
        let (_, r) = h.arrive(0, at: 2)
        #expect(assigned(r).isEmpty)
        #expect(h.send(.agentLoggedOut(AgentID(0)), at: 3).0 == .rejected(.agentHasContacts))
        let (_, done) = h.send(.contactFinished(x, wrapUpMicroseconds: nil), at: 4)
        #expect(done == [.released(x, AgentID(0)), .agentLoggedOut(AgentID(0))])
        #expect(h.core.agentCount(.loggedOut) == 1)
    }

    @Test func logOutWhenDoneCompletesAfterRingNoAnswer() {
        var h = offering(1)
        _ = h.logIn([0], at: 0)
        let (x, _) = h.arrive(0, at: 0)
        h.send(.agentLogOutWhenDone(AgentID(0)), at: 1)
        #expect(h.tick(10) == [.offerTimedOut(x, AgentID(0)), .agentNotReady(AgentID(0), reason: 1),
                               .agentLoggedOut(AgentID(0))])
        #expect(h.core.status(of: AgentID(0)) == .loggedOut)
        #expect(h.core.waitingCount(in: QueueID(0)) == 1)
    }

    @Test func liveStatisticsCountStatesAndWaits() {
        var h = Harness(configuration(queues: [queue("q")], agents: [agent("a0"), agent("a1"), agent("a2")]))
        _ = h.logIn([0, 1], at: 0)
        h.send(.agentNotReady(AgentID(1), reason: 7), at: 0)
        _ = h.arrive(0, at: 1)
        _ = h.arrive(0, at: 2)
        _ = h.arrive(0, at: 4)
        #expect(h.core.agentCount(.busy) == 1)
        #expect(h.core.agentCount(.notReady) == 1)
        #expect(h.core.agentCount(.loggedOut) == 1)
        #expect(h.core.agentCount(.available) == 0)
        #expect(h.core.waitingCount(in: QueueID(0)) == 2)
        #expect(h.core.longestWait(in: QueueID(0), at: seconds(10)) == seconds(8))
    }

    @Test func runtimeAgentAndSkillChange() throws {
        var h = Harness(configuration(skills: ["s", "t"], queues: [queue("q", "t", level: 4)], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        let (x, r) = h.arrive(0, at: 1)
        #expect(assigned(r).isEmpty)
        let r2 = h.send(.agentSkillsChanged(AgentID(0), [AgentSkill(SkillID(1), level: 6)]), at: 2).1
        #expect(r2 == [.assign(x, AgentID(0))])
        let added = try h.core.addAgent(agent("b", [("t", 5)]))
        #expect(added == AgentID(1))
        #expect(h.core.agentCount(.loggedOut) == 1)
        let (y, _) = h.arrive(0, at: 3)
        #expect(h.logIn([1], at: 4) == [.assign(y, AgentID(1))])
        #expect(throws: ConfigurationError.self) { try h.core.addAgent(agent("b")) }
    }
}
