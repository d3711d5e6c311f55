import Testing
@testable import RoutingCore

/// Agent selection: which of several available, qualified agents takes a contact.
@Suite struct AgentSelectionTests {
    func harness(_ policy: AgentSelectionPolicy, _ agents: [AgentConfiguration], skills: [String] = ["s"])
        -> Harness {
        var q = queue("q")
        q.agentSelection = policy
        return Harness(configuration(skills: skills, queues: [q], agents: agents))
    }

    @Test func longestIdleTakesAgentIdleLongest() {
        var h = harness(.longestIdle, [agent("a0"), agent("a1"), agent("a2")])
        _ = h.logIn([0], at: 0)
        _ = h.logIn([1], at: 1)
        _ = h.logIn([2], at: 2)
        let (c1, r1) = h.arrive(0, at: 10)
        #expect(assigned(r1).map(\.1) == [0])
        #expect(assigned(h.arrive(0, at: 11).1).map(\.1) == [1])
        h.send(.contactFinished(c1, wrapUpMicroseconds: nil), at: 12)  // a0 idle since 12
        #expect(assigned(h.arrive(0, at: 13).1).map(\.1) == [2])       // a2 idle since 2
        #expect(assigned(h.arrive(0, at: 14).1).map(\.1) == [0])
    }

    @Test func mostProficientThenLongestIdle() {
        var h = harness(.mostProficient, [agent("a0", [("s", 3)]), agent("a1", [("s", 9)]),
                                          agent("a2", [("s", 5)]), agent("a3", [("s", 9)])])
        _ = h.logIn([3], at: 0)
        _ = h.logIn([0, 1, 2], at: 1)
        let order = (0..<4).map { assigned(h.arrive(0, at: 10 + Double($0)).1).map(\.1) }
        #expect(order == [[3], [1], [2], [0]])  // a3 and a1 both level 9; a3 idle longer
    }

    @Test func leastOccupiedPrefersLessBusyOverLongerIdle() {
        var h = harness(.leastOccupied, [agent("a0"), agent("a1")])
        _ = h.logIn([0, 1], at: 0)
        let (c1, r1) = h.arrive(0, at: 1)
        #expect(assigned(r1).map(\.1) == [0])
        h.send(.contactFinished(c1, wrapUpMicroseconds: nil), at: 101)  // a0 busy 100 s
        let (c2, r2) = h.arrive(0, at: 102)
        #expect(assigned(r2).map(\.1) == [1])
        h.send(.contactFinished(c2, wrapUpMicroseconds: nil), at: 112)  // a1 busy 10 s
        // a0 has been idle longer (since 101) but worked 100 s; a1 worked 10 s.
        #expect(assigned(h.arrive(0, at: 200).1).map(\.1) == [1])
    }

    @Test func leastOccupiedForgetsAfterTwoWindows() {
        var h = Harness(configuration(queues: [queue("q")], agents: [agent("a0"), agent("a1")],
                                      policies: RoutingPolicies(agentSelection: .leastOccupied,
                                                                occupancyWindowSeconds: 100)))
        _ = h.logIn([0, 1], at: 0)
        let (c1, _) = h.arrive(0, at: 1)
        h.send(.contactFinished(c1, wrapUpMicroseconds: nil), at: 51)  // a0: 50 s in window [0, 100)
        let (c2, r2) = h.arrive(0, at: 150)
        #expect(assigned(r2).map(\.1) == [1])  // a0's 50 s still counted (previous window)
        h.send(.contactFinished(c2, wrapUpMicroseconds: nil), at: 160)  // a1: 10 s in [100, 200)
        // At 250 the window [0, 100) has rolled out: a0 has 0, a1 has 10 s.
        #expect(assigned(h.arrive(0, at: 250).1).map(\.1) == [0])
    }

    @Test func roundRobinCyclesThroughAgents() {
        var h = harness(.roundRobin, [agent("a0"), agent("a1"), agent("a2")])
        #expect(!h.core.drawsRandomNumbers)
        _ = h.logIn([0, 1, 2], at: 0)
        var order: [Int] = []
        for i in 0..<5 {
            let (c, r) = h.arrive(0, at: Double(i + 1))
            order += assigned(r).map(\.1)
            h.send(.contactFinished(c, wrapUpMicroseconds: nil), at: Double(i + 1))
        }
        #expect(order == [0, 1, 2, 0, 1])
    }

    @Test func weightedRandomDrawsWithCallerGenerator() {
        var h = harness(.weightedRandom, [agent("a0", [("s", 1)]), agent("a1", [("s", 9)])])
        #expect(h.core.drawsRandomNumbers)
        _ = h.logIn([0, 1], at: 0)
        // Weights 1 and 9, members in id order: a draw r < 1 picks a0.
        var mirror = h.rng
        var expected: [Int] = []
        var got: [Int] = []
        for i in 0..<2000 {
            expected.append(mirror.next(upperBound: UInt64(10)) < 1 ? 0 : 1)
            let (c, r) = h.arrive(0, at: Double(i + 1))
            got += assigned(r).map(\.1)
            h.send(.contactFinished(c, wrapUpMicroseconds: nil), at: Double(i + 1))
        }
        #expect(got == expected)
        let share = Double(got.filter { $0 == 1 }.count) / 2000
        #expect(abs(share - 0.9) < 0.03)
    }

    @Test func fewestSkillsFirst() {
        var h = harness(.fewestSkills, [agent("a0", [("s", 5), ("t", 5)]), agent("a1", [("s", 5)]),
                                        agent("a2", [("s", 5), ("t", 5), ("u", 5)])],
                        skills: ["s", "t", "u"])
        _ = h.logIn([0, 1, 2], at: 0)
        let order = (0..<3).map { assigned(h.arrive(0, at: 10 + Double($0)).1).map(\.1) }
        #expect(order == [[1], [0], [2]])
    }
}
