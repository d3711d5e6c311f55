import Testing
@testable import RoutingCore

/// Expected-wait estimators and announcements.
@Suite struct EstimateTests {
    @Test func queueLengthEstimatorMatchesIbrahimWhitt() {
        let (fixture, c3) = twoBusyAgentsAndOneWaiting(from: 0)
        var h = fixture
        // No abandonment yet: j+1 over s mu = 1 / (2 x 0.01) = 50 s for the head.
        #expect(h.core.waitEstimates(of: c3, at: 0)?.queueLength == seconds(50))
        h.send(.contactAbandoned(c3), at: 10)  // theta = 1 abandon / 10 s exposure = 0.1 per s
        let (c4, _) = h.arrive(0, at: 10)
        let (c5, _) = h.arrive(0, at: 10)
        #expect(h.core.waitEstimates(of: c4, at: seconds(10))?.queueLength == seconds(50))
        // 1/0.02 + 1/(0.02 + 0.1) = 50 + 8.3333 s
        #expect(h.core.waitEstimates(of: c5, at: seconds(10))?.queueLength == seconds(50 + 1 / 0.12))
    }

    @Test func historyEstimatorsFollowAnsweredWaits() {
        var h = Harness(configuration(queues: [queue("q")], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        let (c1, _) = h.arrive(0, at: 0)    // answered after 0 s: smoothed hold 0
        _ = h.arrive(0, at: 0)
        h.send(.contactFinished(c1, wrapUpMicroseconds: nil), at: 40)  // c2 answered after 40 s
        // Smoothed (3 x 0 + 40) / 4 = 10 s; last to enter service 40 s.
        let (c3, _) = h.arrive(0, at: 50)
        let (c4, _) = h.arrive(0, at: 60)
        let e3 = h.core.waitEstimates(of: c3, at: seconds(60))!
        let e4 = h.core.waitEstimates(of: c4, at: seconds(60))!
        #expect(e4.smoothedHoldTime == seconds(10))
        #expect(e4.lastToEnterService == seconds(40))
        #expect(e4.headOfLine == seconds(10))  // c3 has waited 10 s, c4 none
        #expect(e3.headOfLine == 0)
        #expect(e3.lastToEnterService == seconds(30))  // 40 s less the 10 s already waited
        #expect(e3.smoothedHoldTime == 0)
        #expect((e3.position, e4.position) == (0, 1))
    }

    @Test func announcesAtEntryAndPeriodically() {
        var q = queue("q")
        q.expectedHandleSeconds = 60
        q.announcements = AnnouncementSettings(atEntry: true, everySeconds: 30)
        var h = Harness(configuration(queues: [q], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        _ = h.arrive(0, at: 0)
        let (c, r) = h.arrive(0, at: 0)
        #expect(r == [.announce(c, position: 0, expectedWait: seconds(60))])
        #expect(h.tick(30) == [.announce(c, position: 0, expectedWait: seconds(60))])
        #expect(h.tick(60) == [.announce(c, position: 0, expectedWait: seconds(60))])
        #expect(h.send(.announcementRequested(c), at: 61).1 == [.announce(c, position: 0, expectedWait: seconds(60))])
    }

    @Test func announcesWhenEstimateMovesByMoreThanThreshold() {
        var q = queue("q")
        q.expectedHandleSeconds = 60
        q.recheckSeconds = 10
        q.announcements = AnnouncementSettings(atEntry: true, changeAboveSeconds: 20)
        var h = Harness(configuration(queues: [q], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        _ = h.arrive(0, at: 0)
        let (c2, r2) = h.arrive(0, at: 0)
        let (c3, r3) = h.arrive(0, at: 0)
        #expect(r2 == [.announce(c2, position: 0, expectedWait: seconds(60))])
        #expect(r3 == [.announce(c3, position: 1, expectedWait: seconds(120))])
        #expect(h.tick(10).isEmpty)  // unchanged
        h.send(.contactAbandoned(c2), at: 15)
        // c3 is now first: 60 s, 60 s below its last announcement.
        #expect(h.tick(20) == [.announce(c3, position: 0, expectedWait: seconds(60))])
    }

    @Test func digammaSumMatchesDirectSum() {
        for (ahead, rate, theta) in [(16, 0.5, 0.01), (100, 0.02, 0.1), (1000, 3.0, 0.003)] {
            var direct = 0.0
            for i in 0...ahead { direct += 1 / (rate + Double(i) * theta) }
            let fast = queueLengthWait(ahead: ahead, serviceRate: rate, abandonRate: theta)
            #expect(abs(fast - direct) / direct < 1e-10)
        }
        #expect(abs(naturalLog(10) - 2.302_585_092_994_046) < 1e-14)
    }
}
