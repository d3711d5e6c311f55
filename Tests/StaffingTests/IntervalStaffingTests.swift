import Foundation
import RoutingCore
@testable import Scenario
import Simulation
import Staffing
import Testing

/// Loads `Scenarios/<name>` at the package root.
func loadStaffingScenario(_ name: String) throws -> SimulationModel {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios").appendingPathComponent(name)
    return try Scenario.parse(String(contentsOf: url, encoding: .utf8), file: name).model
}

@Suite struct IntervalStaffingTests {
    @Test func equalsTheAnalyticSolverIntervalByInterval() throws {
        let model = try loadStaffingScenario("utility-hotline.yaml")
        let staffing = try IntervalStaffing(model: model, options: StaffingOptions())
        #expect(staffing.plan.intervalCount == 48)
        var required = Array(repeating: Array(repeating: 0, count: 48), count: model.groups.count)
        for (q, queue) in model.queues.enumerated() {
            let aht = queue.talkTime.mean + (queue.wrapUp?.mean ?? 0)
            let target = StaffingTarget(serviceLevel: queue.target!.serviceLevel)
            for i in 0..<48 {
                let p = QueueParameters(arrivalRatePerSecond: queue.ratesPerSecond[i], ahtSeconds: aht,
                                        model: .a(patienceSeconds: queue.patience!.mean),
                                        targetSeconds: queue.target!.withinSeconds)
                let expected = try solveStaffing(p, target: target).requiredAgents
                #expect(staffing.requirements[q][i].requiredAgents == expected, "\(queue.name) interval \(i)")
                required[staffing.assignment[q]][i] += expected
            }
        }
        #expect(staffing.plan.required == required)
        #expect(staffing.plan.scheduled == required)
    }

    @Test func handCheckOfOneInterval() throws {
        // Billing at 10:00 (interval 20): 520 calls/h, AHT 300 + 30 s = 330 s,
        // load 47.67 Erlangs, Erlang A with 240 s patience, 80% within 20 s.
        let model = try loadStaffingScenario("utility-hotline.yaml")
        let staffing = try IntervalStaffing(model: model, options: StaffingOptions())
        let r = staffing.requirements[1][20]
        #expect(abs(r.parameters.arrivalRatePerSecond - 520.0 / 3600) < 1e-12)
        #expect(abs(r.parameters.ahtSeconds - 330) < 1e-9)
        #expect(abs(r.parameters.offeredLoad - 47.666_666) < 1e-5)
        #expect(r.parameters.model == .a(patienceSeconds: 240))
        let n = r.requiredAgents
        let at = queueFigures(r.parameters, agents: n), below = queueFigures(r.parameters, agents: n - 1)
        #expect(at.serviceLevel >= 0.8 && below.serviceLevel < 0.8, "\(n): \(below.serviceLevel) → \(at.serviceLevel)")
        #expect(n > 48 && n < 60)
    }

    @Test func queuesGoToTheCheapestFirstStepGroup() throws {
        let model = try loadStaffingScenario("utility-hotline.yaml")
        let names = model.groups.map(\.name)
        let plain = try IntervalStaffing(model: model, options: StaffingOptions())
        // outage → field_desk; billing: billing_team and experts tie at cost 1, billing_team serves fewer queues... or the first.
        #expect(plain.assignment.map { names[$0] } == ["field_desk", "billing_team", "billing_team", "connections", "experts"])
        let costly = try IntervalStaffing(model: model, options: StaffingOptions(costByGroup: ["billing_team": 1.5]))
        #expect(names[costly.assignment[1]] == "experts")
        #expect(names[costly.assignment[2]] == "generalists")
    }

    @Test func shrinkageSchedulesMore() throws {
        let model = try loadStaffingScenario("utility-hotline.yaml")
        let s = try IntervalStaffing(model: model, options: StaffingOptions(shrinkage: 0.3, shrinkageByGroup: ["experts": 0]))
        for g in model.groups.indices {
            for i in 0..<48 {
                let shrink = model.groups[g].name == "experts" ? 0 : 0.3
                #expect(s.plan.scheduled[g][i] == scheduledAgents(required: s.plan.required[g][i], shrinkage: shrink))
            }
        }
        #expect(throws: StaffingError.self) { try IntervalStaffing(model: model, options: StaffingOptions(costByGroup: ["nobody": 2])) }
    }

    @Test func surgesRaiseTheMeanRate() throws {
        let model = try loadStaffingScenario("storm-surge.yaml")
        // 18:00-21:00 is intervals 36..<42; the surge multiplies outage by four.
        #expect(abs(meanArrivalRate(model.queues[0], from: 36 * 1800, to: 37 * 1800) - 4 * model.queues[0].ratesPerSecond[36]) < 1e-12)
        #expect(abs(meanArrivalRate(model.queues[0], from: 42 * 1800, to: 43 * 1800) - model.queues[0].ratesPerSecond[42]) < 1e-12)
        // Half an interval surged: the mean of the two rates.
        #expect(abs(meanArrivalRate(model.queues[0], from: 35.5 * 1800, to: 36.5 * 1800)
                    - (model.queues[0].ratesPerSecond[35] + 4 * model.queues[0].ratesPerSecond[36]) / 2) < 1e-12)
    }

    /// Billing (queue 1) goes to billing_team, at level 8 in billing: with an
    /// IVR containing 40 % and taking 60 s, and factors { 5: 1.5, 8: 0.75 },
    /// it is staffed for 0.6 of its arrivals a minute earlier (the last 60 s
    /// of the interval before and the first 1,740 s of its own) and a talk
    /// time of 0.75 x 300 s (wrap-up 30 s).
    @Test func theIVRThinsArrivalsAndTheAssignedGroupsFactorScalesTalkTime() throws {
        var model = try loadStaffingScenario("utility-hotline.yaml")
        let plain = try IntervalStaffing(model: model, options: StaffingOptions())
        model.queues[1].ivr = IVRStage(containment: 0.4, time: try .constant(60))
        model.queues[1].handleTimeFactors = HandleTimeFactors(listed: [5: 1.5, 8: 0.75])
        let s = try IntervalStaffing(model: model, options: StaffingOptions())
        #expect(model.groups[s.assignment[1]].name == "billing_team")
        for i in 0..<48 {
            let before = plain.requirements[1][i].parameters, after = s.requirements[1][i].parameters
            let earlier = i == 0 ? 0 : plain.requirements[1][i - 1].parameters.arrivalRatePerSecond
            #expect(abs(after.arrivalRatePerSecond - 0.6 * (60 * earlier + 1_740 * before.arrivalRatePerSecond) / 1_800) < 1e-15)
            #expect(abs(after.ahtSeconds - (0.75 * 300 + 30)) < 1e-9)
            #expect(s.requirements[0][i] == plain.requirements[0][i])
        }
        let p = s.requirements[1][20].parameters
        let target = StaffingTarget(serviceLevel: model.queues[1].target!.serviceLevel)
        #expect(s.requirements[1][20].requiredAgents == (try solveStaffing(p, target: target).requiredAgents))
        #expect(s.requirements[1][20].requiredAgents < plain.requirements[1][20].requiredAgents)
    }

    @Test func relayoutGivesRoomForNewHeadcounts() throws {
        let model = try loadStaffingScenario("utility-hotline.yaml")
        var counts = model.groups.map(\.headcount)
        counts[2] = Array(repeating: 0, count: 48)
        counts[0][10] = 200
        let m = model.withHeadcounts(counts, onDuty: true)
        #expect(m.groups[0].agents.count >= 200)
        #expect(m.groups.map(\.agents.upperBound).last == m.routing.agents.count)
        #expect(m.groups[2].agents.isEmpty)
        #expect(m.groups[2].agentTemplate(in: m.routing).skills == model.routing.agents[model.groups[2].agents.lowerBound].skills)
        #expect(Set(m.routing.agents.map(\.id)).count == m.routing.agents.count)
        _ = try Simulator(model: m)
    }

    /// A group with no agents (`count: 0`) still has its own template, and
    /// no agent in the routing: its skills decide which queues it serves, and
    /// a plan staffing it lays out agents with those skills, not the next
    /// group's.
    @Test func aGroupWithNoAgentsKeepsItsOwnSkills() throws {
        let model = try Scenario.parse("""
            name: empty-group
            duration: 1h
            queues:
              - { name: x, arrivals: { rate_per_hour: 60 }, handle_time: { dist: constant, value: 60s } }
              - { name: y, arrivals: { rate_per_hour: 60 }, handle_time: { dist: constant, value: 60s } }
            agents:
              - { group: xs, count: 0, skills: { x: 1 } }
              - { group: ys, count: 3, skills: { y: 1 } }
            """, file: "s.yaml").model
        #expect(model.groups[0].agents.isEmpty && model.groups[1].agents.count == 3)
        #expect(model.routing.agents.map(\.id) == ["ys#1", "ys#2", "ys#3"])
        #expect(firstStepGroups(model, queue: 0) == [0] && firstStepGroups(model, queue: 1) == [1])
        let m = model.withHeadcounts([[2], nil], onDuty: true)
        #expect(m.routing.agents[m.groups[0].agents].allSatisfy { $0.skills == [SkillLevel("x", 1)] })
        let r = try #require(try Simulator(model: m).runReplications().first)
        #expect(r.total(queue: 0).answered > 0)
    }
}

@Suite struct StaffingPlanCSVTests {
    @Test func readsClockTimesAndIndicesAndNamesBadLines() throws {
        let model = try loadStaffingScenario("utility-hotline.yaml")
        let h = try StaffingPlanCSV("interval,group,headcount\n10:00,experts,21\n3,field_desk,4\n", file: "p.csv", model: model).headcounts
        #expect(h[4]?[20] == 21 && h[0]?[3] == 4 && h[1] == model.groups[1].headcount)
        let seconds = try StaffingPlanCSV("interval,group,headcount\n10:30:00,experts,9\n", file: "p.csv", model: model)
        #expect(seconds.headcounts[4]?[21] == 9)
        for bad in ["10:30:0", "10:60", "10:30:60", "10:30:00:00", "-00:30", "+00:30", "00:+3"] {
            #expect(throws: ScenarioError.self) {
                try StaffingPlanCSV("interval,group,headcount\n\(bad),experts,9\n", file: "p.csv", model: model)
            }
        }
        do {
            _ = try StaffingPlanCSV("interval,group,headcount\n10:00,nobody,3\n", file: "p.csv", model: model)
            Issue.record("no error")
        } catch let e as ScenarioError {
            #expect(e.description.hasPrefix("p.csv:2:7: unknown group nobody"), "\(e)")
        }
        do {
            _ = try StaffingPlanCSV("interval,group,headcount\n10:00,experts,3\n48,experts,3\n", file: "p.csv", model: model)
            Issue.record("no error")
        } catch let e as ScenarioError {
            #expect(e.description.hasPrefix("p.csv:3:1: unknown interval 48"), "\(e)")
        }
    }

    /// Fields may be quoted as RFC 4180 has them (as acd's own CSV files
    /// quote names); a quote left open, or text after a closing quote, is
    /// an error at its column.
    @Test func quotedFieldsAreRead() throws {
        let model = try loadStaffingScenario("utility-hotline.yaml")
        let plan = try StaffingPlanCSV("interval,group,headcount\n\"10:00\", \"experts\" ,21\n", file: "p.csv", model: model)
        #expect(plan.headcounts[4]?[20] == 21)
        let cells = try ArrivalProfileCSV.cells(#" a ,"b, ""c""",,"d""#, number: 1) { _, _, m in ScenarioError(file: "", line: 0, column: 0, path: "", message: m) }
        #expect(cells.map(\.text) == ["a", #"b, "c""#, "", "d"])
        #expect(cells.map(\.column) == [2, 5, 16, 17])
        for (text, message) in [("interval,group,headcount\n0,\"experts,3\n", "p.csv:2:3: a quoted field is not closed"),
                                ("interval,group,headcount\n0,\"experts\"x,3\n", "p.csv:2:12: text after the closing quote of a field")] {
            do {
                _ = try StaffingPlanCSV(text, file: "p.csv", model: model)
                Issue.record("no error for \(text)")
            } catch let e as ScenarioError {
                #expect(e.description == message)
            }
        }
    }

    /// The header is checked as arrival profiles' are: every column known
    /// and given once, `headcount` or `required` but not both; `scheduled`
    /// values are checked though not used; a header alone is no plan. Each
    /// error points at the offending cell.
    @Test func badHeadersAndHeaderOnlyPlansNameTheCell() throws {
        let model = try loadStaffingScenario("utility-hotline.yaml")
        let cases: [(String, String)] = [
            ("interval,group,headcount,bogus\n0,experts,3,x\n",
             "p.csv:1:26: unknown column 'bogus'; columns: interval, group, headcount or required, scheduled (optional, not used)"),
            ("interval,group,headcount,required\n0,experts,3,4\n", "p.csv:1:26: give either 'headcount' or 'required', not both"),
            ("interval,group,required,headcount\n0,experts,3,4\n", "p.csv:1:25: give either 'headcount' or 'required', not both"),
            ("interval,group,headcount,headcount\n0,experts,3,4\n", "p.csv:1:26: column 'headcount' appears twice"),
            ("interval,group,group,required\n0,experts,nosuch,3\n", "p.csv:1:16: column 'group' appears twice"),
            ("interval,headcount\n0,3\n", "p.csv:1:1: missing column 'group'"),
            ("interval,group,required,scheduled\n0,experts,3,-inf\n", "p.csv:2:13: scheduled -inf: expected an integer ≥ 0"),
            ("interval,group,headcount\n", "p.csv:1:1: no rows after the header"),
            ("# plan\ninterval,group,headcount\n\n", "p.csv:2:1: no rows after the header"),
            ("interval,group,headcount\n10:15,experts,3\n",
             "p.csv:2:1: interval 10:15 is not the start of an interval: they are 30m long, from 00:00"),
        ]
        for (text, message) in cases {
            do {
                _ = try StaffingPlanCSV(text, file: "p.csv", model: model)
                Issue.record("no error for \(text)")
            } catch let e as ScenarioError {
                #expect(e.description == message)
            }
        }
        let withScheduled = try StaffingPlanCSV("interval,group,required,scheduled\n0,experts,3,5\n", file: "p.csv", model: model)
        #expect(withScheduled.onDuty && withScheduled.headcounts[4]?[0] == 3)
    }
}

@Suite struct StaffingOptionDefaultsTests {
    @Test func scenarioTargetsApplyUnlessAnOptionOverridesThem() throws {
        var queue = QueueModel(name: "q", ratesPerSecond: [1], arrivalIntervalSeconds: 1800,
                               talkTime: try .exponential(mean: 100), target: (0.8, 20))
        queue.maxASASeconds = 15
        queue.maxAbandon = 0.04
        let fromScenario = StaffingOptions().target(for: queue)
        #expect(fromScenario == StaffingTarget(serviceLevel: 0.8, maxASA: 15, maxAbandon: 0.04, maxOccupancy: nil))
        let overridden = StaffingOptions(maxASA: 10).target(for: queue)
        #expect(overridden.maxASA == 10 && overridden.maxAbandon == 0.04)
    }

    @Test func groupShrinkageAndCostFillInWhereOptionsAreSilent() {
        var a = AgentGroupModel(name: "a", headcount: [1], serves: [0], agents: 0..<2)
        a.shrinkage = 0.25
        a.costPerHour = 1.5
        let b = AgentGroupModel(name: "b", headcount: [1], serves: [0], agents: 2..<4)
        let o = StaffingOptions(shrinkage: 0.1, shrinkageByGroup: ["a": 0.3]).withDefaults(from: [a, b])
        #expect(o.shrinkage(of: "a") == 0.3)   // the option for the group wins
        #expect(o.shrinkage(of: "b") == 0.1)   // no scenario value: the global option
        #expect(o.cost(of: "a") == 1.5 && o.cost(of: "b") == 1)
    }
}
