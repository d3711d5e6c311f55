import Scenario
import Simulation
import Staffing
import Testing

/// What a staffing plan replaces: its figures are scheduled agents
/// (`headcount`, shrinkage absent) or agents on duty (`required`, as `acd
/// staff` writes them), and groups on shifts keep them unless it gives every
/// interval.
@Suite struct StaffingPlanShiftTests {
    @Test func aRequiredColumnIsAgentsOnDutyAndAHeadcountColumnScheduledAgents() throws {
        var model = try loadStaffingScenario("utility-hotline.yaml")
        model.groups[0].shrinkage = 0.2
        let required = try StaffingPlanCSV("interval,group,required,scheduled\n0,field_desk,5,7\n", file: "p.csv", model: model)
        #expect(required.onDuty)
        let onDuty = model.withHeadcounts(required.headcounts, onDuty: required.onDuty)
        #expect(onDuty.groups[0].shrinkage == 0 && onDuty.groups[0].headcount[0] == 5)
        let scheduled = try StaffingPlanCSV("interval,group,headcount\n0,field_desk,5\n", file: "p.csv", model: model)
        #expect(!scheduled.onDuty)
        #expect(model.withHeadcounts(scheduled.headcounts, onDuty: scheduled.onDuty).groups[0].shrinkage == 0.2)
    }

    @Test func aGroupOnShiftsKeepsThemUnlessThePlanGivesEveryInterval() throws {
        var model = try loadStaffingScenario("utility-hotline.yaml")
        let shifts = [Shift(start: 0, end: 28_800, count: 3, breaks: [ShiftBreak(start: 7_200, length: 900)])]
        model.groups[1].headcount = []
        model.groups[1].shifts = shifts
        let partial = try StaffingPlanCSV("interval,group,headcount\n10:00,field_desk,21\n", file: "p.csv", model: model)
        #expect(partial.headcounts[1] == nil && partial.headcounts[0]?[20] == 21)
        let kept = model.withHeadcounts(partial.headcounts, onDuty: false)
        #expect(kept.groups[1].shifts == shifts && kept.groups[1].headcount.isEmpty)
        #expect(kept.routing.agents[kept.groups[1].agents].map(\.id) == model.routing.agents[model.groups[1].agents].map(\.id))
        #expect(kept.groups.map(\.agents.upperBound).last == kept.routing.agents.count)
        _ = try Simulator(model: kept)
        do {
            _ = try StaffingPlanCSV("interval,group,headcount\n0,field_desk,3\n10:00,billing_team,4\n", file: "p.csv", model: model)
            Issue.record("no error")
        } catch let e as ScenarioError {
            #expect(e.description == "p.csv:3:1: group billing_team is staffed by shifts: give all 48 intervals or none (got 1)")
        }
        let all = "interval,group,headcount\n" + (0..<48).map { "\($0),billing_team,\($0 % 5)" }.joined(separator: "\n")
        let whole = try StaffingPlanCSV(all, file: "p.csv", model: model)
        let replaced = model.withHeadcounts(whole.headcounts, onDuty: whole.onDuty)
        #expect(replaced.groups[1].shifts.isEmpty && replaced.groups[1].headcount == (0..<48).map { $0 % 5 })
    }
}
