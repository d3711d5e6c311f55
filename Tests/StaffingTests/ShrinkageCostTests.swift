import Scenario
import Staffing
import Testing

/// Shrinkage is paid: a plan costs its scheduled agent-hours, and the
/// per-skill group is the one cheapest per productive hour (QA 3b, defect 03).
@Suite struct ShrinkageCostTests {
    /// 600 calls/h of 180 s (30 Erlangs) need 35 agents on duty for 80 % in
    /// 20 s (Erlang C: 83.7 %; 34 give 75.9 %), in each of two half-hours. Part-timers (cost 1, 50 %
    /// shrinkage) must schedule 70 of them: 35 agent-hours cost 70. Full-timers
    /// (cost 1.2, no shrinkage) schedule 35: 35 agent-hours cost 42.
    static let scenario = """
        name: cost-shr
        duration: 1h
        interval: 30m
        replications: 2
        queues:
          - name: main
            arrivals: { rate_per_hour: 600 }
            handle_time: { dist: exponential, mean: 180s }
            target: { service_level: 0.8, within: 20s }
        agents:
          - group: parttimers
            count: 0
            skills: { main: 5 }
            shrinkage: 0.5
            cost: 1.0
          - group: fulltimers
            count: 0
            skills: { main: 5 }
            shrinkage: 0
            cost: 1.2
        """

    @Test func theGroupCheapestPerProductiveHourStaffsAndScheduledHoursAreCosted() throws {
        let model = try Scenario.parse(Self.scenario, file: "cost-shr.yaml").model
        let options = StaffingOptions().withDefaults(from: model.groups)
        #expect(options.costPerProductiveHour(of: "parttimers") == 2)
        #expect(options.costPerProductiveHour(of: "fulltimers") == 1.2)
        let staffing = try IntervalStaffing(model: model, options: options)
        #expect(staffing.assignment == [1])
        #expect(staffing.plan.required == [[0, 0], [35, 35]])
        #expect(staffing.plan.scheduledAgentHours() == 35)
        #expect(abs(staffing.plan.cost(options) - 42) < 1e-9)

        let partTimers = StaffingPlan(groupNames: ["parttimers", "fulltimers"], intervalSeconds: 1800,
                                      required: [[35, 35], [0, 0]], options: options)
        #expect(partTimers.scheduled == [[70, 70], [0, 0]])
        #expect(partTimers.agentHours() == 35 && partTimers.scheduledAgentHours(group: 0) == 70)
        #expect(partTimers.cost(options) == 70 && partTimers.cost(options, group: 1) == 0)
    }
}
