import RoutingCore
import Simulation
import Stochastics
import Testing

/// Talk time multiplied by the factor of the serving agent's level in the
/// queue's skill.
@Suite struct HandleTimeFactorTests {
    @Test func levelsNotListedTakeTheNearestListedLevelBelowOrTheLowest() {
        let f = HandleTimeFactors(listed: [3: 1.4, 5: 1.0, 10: 0.9])
        #expect(f.byLevel == [1.4, 1.4, 1.4, 1.4, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9])
        #expect(f.factor(level: 7) == 1.0)
        #expect(f.factor(level: nil) == 1.4)
    }

    @Test func oneGroupAtLevel1WithFactor1Point5Talks1Point5TimesAsLong() throws {
        var model = try singleQueueModel(callsPerHour: 600, ahtSeconds: 100, agents: 40, patienceSeconds: nil,
                                         targetSeconds: 20, hours: 2, replications: 2, seed: 5)
        model.queues[0].talkTime = try .constant(100)
        let plain = try Simulator(model: model).runReplications()
        model.queues[0].handleTimeFactors = HandleTimeFactors(listed: [1: 1.5])
        let scaled = try Simulator(model: model).runReplications()
        for (p, r) in zip(plain, scaled) {
            #expect(p.total(queue: 0).handled > 1000 && r.total(queue: 0).handled > 1000)
            #expect(abs(p.total(queue: 0).handleSeconds / Double(p.total(queue: 0).handled) - 100) < 1e-6)
            #expect(abs(r.total(queue: 0).handleSeconds / Double(r.total(queue: 0).handled) - 150) < 1e-6)
        }
    }

    /// Four groups of two: levels 1, 7 and 10 in `main`, and generalists
    /// without it who qualify by group. Factors { 2: 1.5, 5: 1.0, 10: 0.8 }
    /// give them 1.5 (below the lowest listed level), 1.0 (level 5's),
    /// 0.8 and 1.5 (no level counts as level 1); wrap-up is not scaled.
    @Test func mixedLevelsGiveTheHandComputedAHT() throws {
        let levels: [[SkillLevel]] = [[SkillLevel("main", 1)], [SkillLevel("main", 7)], [SkillLevel("main", 10)],
                                      [SkillLevel("other", 5)]]
        let names = ["juniors", "regulars", "seniors", "generalists"]
        let factorOfGroup = [1.5, 1.0, 0.8, 1.5]
        let routing = RoutingConfiguration(
            skills: ["main", "other"], groups: names,
            queues: [QueueConfiguration(id: "main", requirement: SkillRequirement(allOf: [SkillLevel("main", 1)],
                                                                                   groups: ["generalists"]))],
            agents: (0..<8).map { AgentConfiguration(id: "a\($0)", skills: levels[$0 / 2], groups: [names[$0 / 2]]) })
        var queue = QueueModel(name: "main", ratesPerSecond: [200.0 / 3600], arrivalIntervalSeconds: 1800,
                               talkTime: try .constant(100), wrapUp: try .constant(20))
        queue.handleTimeFactors = HandleTimeFactors(listed: [2: 1.5, 5: 1.0, 10: 0.8])
        let groups = names.indices.map { g in
            AgentGroupModel(name: names[g], headcount: [2], serves: [0], agents: (2 * g)..<(2 * g + 2))
        }
        let model = SimulationModel(name: "levels", durationSeconds: 4 * 3600, warmupSeconds: 0, replications: 2,
                                    seed: 17, intervalSeconds: 1800, queues: [queue], groups: groups, routing: routing)
        for r in try Simulator(model: model).runReplications(recordDecisions: true) {
            let decisions = try #require(r.decisions)
            var perGroup = [0, 0, 0, 0]
            for d in decisions { perGroup[Int(d.agent) / 2] += 1 }
            #expect(perGroup.allSatisfy { $0 > 50 }, "\(perGroup)")
            let total = r.total(queue: 0)
            #expect(total.handled == decisions.count)
            let expected = zip(perGroup, factorOfGroup).reduce(0.0) { $0 + Double($1.0) * (100 * $1.1 + 20) }
                / Double(decisions.count)
            #expect(abs(total.handleSeconds / Double(total.handled) - expected) < 1e-6)
        }
    }
}
