import RoutingCore
import Simulation
import Staffing
import Testing

/// One queue `main` with a constant arrival rate (0: no contacts), constant
/// handle time and infinitely patient callers, and one group `g` of
/// `agents` agents staffed by `shifts` (or, without shifts, all on duty).
func shiftModel(callsPerHour: Double, handleSeconds: Double, agents: Int, shifts: [Shift], hours: Double,
                replications: Int = 1, seed: UInt64 = 1) throws -> SimulationModel {
    let routing = RoutingConfiguration(
        skills: ["main"],
        queues: [QueueConfiguration(id: "main", requirement: SkillRequirement(allOf: [SkillLevel("main", 1)]))],
        agents: (0..<agents).map { AgentConfiguration(id: "a\($0)", skills: [SkillLevel("main", 1)]) })
    let queue = QueueModel(name: "main", ratesPerSecond: [callsPerHour / 3600], arrivalIntervalSeconds: 1800,
                           talkTime: try .constant(handleSeconds))
    var group = AgentGroupModel(name: "g", headcount: shifts.isEmpty ? [agents] : [], serves: [0], agents: 0..<agents)
    group.shifts = shifts
    return SimulationModel(name: "shifts", durationSeconds: hours * 3600, warmupSeconds: 0, replications: replications,
                           seed: seed, intervalSeconds: 1800, queues: [queue], groups: [group], routing: routing)
}

/// Shifts log agents in and out at their exact times, breaks included; an
/// agent going off duty finishes its contact first.
@Suite struct ShiftTests {
    /// 3 agents from 1:15 to 3:00 with a break from 2:10 to 2:40, no
    /// contacts: staffed agent-seconds per half-hour, by hand.
    @Test func staffedTimeFollowsTheShiftToTheSecond() throws {
        let shift = Shift(start: 4_500, end: 10_800, count: 3, breaks: [ShiftBreak(start: 7_800, length: 1_800)])
        #expect(shift.dutySpans == [4_500..<7_800, 9_600..<10_800])
        let model = try shiftModel(callsPerHour: 0, handleSeconds: 60, agents: 3, shifts: [shift], hours: 4)
        // Per agent: 1:15-1:30, 1:30-2:00, 2:00-2:10, 2:40-3:00.
        let perAgent: [Double] = [0, 0, 900, 1_800, 600, 1_200, 0, 0]
        let r = try #require(try Simulator(model: model).runReplications().first)
        #expect((0..<8).map { r[group: 0, interval: $0].staffedSeconds } == perAgent.map { 3 * $0 })
        #expect(r.total(group: 0).busySeconds == 0)
        // What agents.csv reports: mean agents staffed per interval.
        let result = try Simulator(model: model).run()
        #expect(result.groups[0].map(\.staffed.mean) == [0, 0, 1.5, 3, 1, 2, 0, 0])
    }

    /// One agent, a queue that never empties, 20-minute contacts back to
    /// back from 1:00. Break 2:10-2:25: the contact from 2:00 runs to 2:20,
    /// then the agent is off until 2:25. Break 3:10-3:15: the contact from
    /// 3:05 runs past it (to 3:25), so the agent never leaves. Shift end
    /// 3:40: the contact from 3:25 runs to 3:45, the last.
    @Test func anAgentFinishesItsContactBeforeABreakAndTheShiftEnd() throws {
        let shift = Shift(start: 3_600, end: 13_200, count: 1,
                          breaks: [ShiftBreak(start: 7_800, length: 900), ShiftBreak(start: 11_400, length: 300)])
        let model = try shiftModel(callsPerHour: 60, handleSeconds: 1_200, agents: 1, shifts: [shift], hours: 4)
        let r = try #require(try Simulator(model: model).runReplications(recordDecisions: true).first)
        let minutes = try #require(r.decisions).map { Double($0.timeMicros) / 60e6 }
        #expect(minutes == [60, 80, 100, 120, 145, 165, 185, 205])
        let staffed: [Double] = [0, 0, 1_800, 1_800, 1_200 + 300, 1_800, 1_800, 900]
        #expect((0..<8).map { r[group: 0, interval: $0].staffedSeconds } == staffed)
        #expect((0..<8).map { r[group: 0, interval: $0].busySeconds } == staffed)
    }

    /// A shift over the whole run is a constant headcount: the same events
    /// in the same order, so identical counts and decisions.
    @Test func aShiftOverTheWholeRunIsExactlyACount() throws {
        let count = try singleQueueModel(callsPerHour: 2000, ahtSeconds: 180, agents: 95, patienceSeconds: 180,
                                         targetSeconds: 20, hours: 2, replications: 3, seed: 5)
        var shifted = count
        shifted.groups[0].headcount = []
        shifted.groups[0].shifts = [Shift(start: 0, end: count.durationSeconds, count: 95)]
        let expected = try Simulator(model: count).runReplications()
        #expect(try Simulator(model: shifted).runReplications() == expected)
        #expect(expected[0].total(queue: 0).answered > 3_000)
    }

    /// A break shorter than a microsecond, the calendar's tick, is no break:
    /// the agent never goes off and on duty at once (and so never leaves).
    @Test func aBreakShorterThanAMicrosecondIsNoBreak() throws {
        let shift = Shift(start: 0, end: 3_600, count: 1, breaks: [ShiftBreak(start: 1_800.0000001, length: 2e-7)])
        let model = try shiftModel(callsPerHour: 0, handleSeconds: 60, agents: 1, shifts: [shift], hours: 2)
        let r = try #require(try Simulator(model: model).runReplications().first)
        #expect((0..<4).map { r[group: 0, interval: $0].staffedSeconds } == [1_800, 1_800, 0, 0])
    }

    /// Overlapping shifts add up: 2 agents 0:00-1:00 and 1 agent 0:30-1:30.
    @Test func overlappingShiftsAddUp() throws {
        let model = try shiftModel(callsPerHour: 0, handleSeconds: 60, agents: 3,
                                   shifts: [Shift(start: 0, end: 3_600, count: 2), Shift(start: 1_800, end: 5_400, count: 1)],
                                   hours: 2)
        let r = try #require(try Simulator(model: model).runReplications().first)
        #expect((0..<4).map { r[group: 0, interval: $0].staffedSeconds } == [3_600, 5_400, 1_800, 0])
    }
}

/// Shrinkage in simulation: each scheduled agent is absent for the whole
/// replication with that probability, from the group's own stream.
@Suite struct AbsenceTests {
    enum Way: String, CaseIterable, CustomStringConvertible {
        case count, headcount, shifts
        var description: String { rawValue }
    }

    /// 400 agents (with a headcount, 400 then 200), shrinkage 0.25, 40
    /// replications of one hour without contacts. Each replication's agents
    /// on duty are a whole number, the same all day (with a headcount: the
    /// present agents among the first 400, then among the first 200).
    /// Per interval, the present share of its 40 · h scheduled agent-days is
    /// binomial, p = 0.75: sd √(0.75 · 0.25 / 16,000) = 0.0034 for h = 400
    /// (0.0048 for h = 200); within 4.5 sd. Across replications, the sample
    /// variance of the present count of 400 over its binomial variance 75 is
    /// about χ²(39)/39: within its 0.005 % and 99.995 % points, 0.348 and
    /// 2.131 (a fixed absence would give 0).
    @Test(arguments: Way.allCases)
    func aShareOfScheduledAgentsIsAbsentForTheDay(way: Way) throws {
        var model = try shiftModel(callsPerHour: 0, handleSeconds: 60, agents: 400,
                                   shifts: way == .shifts ? [Shift(start: 0, end: 3_600, count: 400)] : [],
                                   hours: 1, replications: 40, seed: 11)
        if way == .headcount { model.groups[0].headcount = [400, 200] }
        model.groups[0].shrinkage = 0.25
        let runs = try Simulator(model: model).runReplications()
        let present = runs.map { r in (0..<2).map { r[group: 0, interval: $0].staffedSeconds / 1_800 } }
        for p in present {
            #expect(p.allSatisfy { $0 == $0.rounded() })
            if way == .headcount {
                #expect(p[1] <= p[0] && p[0] - p[1] <= 200 && p[1] <= 200)
            } else {
                #expect(p[1] == p[0])
            }
        }
        let scheduled: [Double] = way == .headcount ? [400, 200] : [400, 400]
        for i in 0..<2 {
            let trials = scheduled[i] * 40
            let share = present.reduce(0) { $0 + $1[i] } / trials
            #expect(abs(share - 0.75) < 4.5 * (0.75 * 0.25 / trials).squareRoot(), "interval \(i): \(share)")
        }
        let first = present.map { $0[0] }
        let mean = first.reduce(0, +) / 40
        let ratio = first.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 39 / 75
        #expect(ratio > 0.348 && ratio < 2.131, "\(ratio)")
    }

    /// The absences come from a stream of their own: the callers are the
    /// same with and without shrinkage (common random numbers), and without
    /// shrinkage every scheduled agent works.
    @Test func absenceLeavesTheCallersAlone() throws {
        let model = try singleQueueModel(callsPerHour: 2000, ahtSeconds: 180, agents: 100, patienceSeconds: 180,
                                         targetSeconds: 20, hours: 2, replications: 3, seed: 5)
        var shrunk = model
        shrunk.groups[0].shrinkage = 0.25
        let plain = try Simulator(model: model).runReplications()
        let absent = try Simulator(model: shrunk).runReplications()
        for (a, b) in zip(plain, absent) {
            #expect((0..<a.intervalCount).map { a[queue: 0, interval: $0].offered }
                    == (0..<b.intervalCount).map { b[queue: 0, interval: $0].offered })
            #expect(a.total(group: 0).staffedSeconds == 100 * 7_200)
            #expect(b.total(group: 0).staffedSeconds < 90 * 7_200)
        }
    }

    /// `acd staff` simulates its required agents as on duty: the group's
    /// shrinkage goes into the scheduled column only, not into the simulation.
    @Test func staffingSimulatesRequiredAgentsWithoutAbsence() throws {
        var model = try singleQueueModel(callsPerHour: 2000, ahtSeconds: 180, agents: 100, patienceSeconds: 180,
                                         targetSeconds: 20, hours: 2, replications: 2, seed: 5)
        model.groups[0].shrinkage = 0.3
        let options = StaffingOptions().withDefaults(from: model.groups)
        let required = [(0..<model.staffingIntervalCount).map { 100 + $0 }]
        let e = try SimulationStaffing(model: model, options: options).evaluate(required)
        // Reported intervals start after the 1-hour warm-up: staffing interval 2 on.
        #expect(e.result.groups[0].map(\.staffed.mean) == [102, 103, 104, 105])
        #expect(e.plan.scheduled[0] == required[0].map { Int((Double($0) / 0.7).rounded(.up)) })
    }
}

/// A headcount that drops and rises while contacts outlast it.
@Suite struct HeadcountTests {
    /// Headcount 2, 0, 2, 0, … per half-hour over 4 agent places, contacts
    /// of 3 h 10 min: from 2:00 every place is busy, so the agents finishing
    /// after their end stay on duty instead of new ones logging in. a0 and a1
    /// work 0:00–5:00 (2 contacts each), a2 and a3 1:00–4:10 (1 each).
    @Test func agentsFinishingAfterTheirEndStayWhenEveryPlaceIsBusy() throws {
        var model = try shiftModel(callsPerHour: 60, handleSeconds: 11_400, agents: 4, shifts: [], hours: 5)
        model.groups[0].headcount = [2, 0]
        let r = try #require(try Simulator(model: model).runReplications().first)
        let staffed: [Double] = [2, 2, 4, 4, 4, 4, 4, 4, 2, 2].map { $0 * 1_800 }
        #expect((0..<10).map { r[group: 0, interval: $0].staffedSeconds } == staffed.enumerated().map { $0 == 8 ? $1 + 1_200 : $1 })
        #expect(r.total(queue: 0).answered == 6)
    }
}

/// Reporting intervals on the clock's grid.
@Suite struct ReportingGridTests {
    /// A warm-up of 45 minutes and half-hour intervals: the first reported
    /// interval is 0:45-1:00, then 1:00-1:30 and 1:30-2:00, each with the
    /// headcount of its half-hour (20, 30, 20, 30 from 0:00).
    @Test func aWarmUpOffTheGridReportsAPartFirstInterval() throws {
        var model = try shiftModel(callsPerHour: 0, handleSeconds: 60, agents: 40, shifts: [], hours: 2)
        model.groups[0].headcount = [20, 30]
        model.warmupSeconds = 2_700
        let result = try Simulator(model: model).run()
        #expect((0..<3).map(result.grid.start(of:)) == [2_700, 3_600, 5_400])
        #expect((0..<3).map(result.grid.length(of:)) == [900, 1_800, 1_800])
        #expect(result.groups[0].map(\.staffed.mean) == [30, 20, 30])
    }

    /// 0.21 h over intervals of 0.07 h divides to 2.9999999999999996: on
    /// the boundary, not a sliver of an interval before it.
    @Test func aWarmUpOnABoundaryUpToRoundingStartsThere() {
        let interval = 0.07 * 3600, warmup = 0.21 * 3600
        #expect(warmup / interval < 3)  // the rounding this is about
        let grid = ReportingGrid(start: warmup, end: 0.42 * 3600, intervalSeconds: interval)
        #expect(grid.firstGridInterval == 3 && grid.count == 3)
        #expect((0..<3).allSatisfy { abs(grid.length(of: $0) - interval) < 1e-9 })
    }

    @Test func theLastIntervalEndsWithTheRun() {
        let grid = ReportingGrid(start: 600, end: 4_000, intervalSeconds: 1_800)
        #expect(grid.count == 3)
        #expect((0..<3).map(grid.start(of:)) == [600, 1_800, 3_600])
        #expect((0..<3).map(grid.length(of:)) == [1_200, 1_800, 400])
    }
}

/// Waits are exact differences of the calendar's microseconds.
@Suite struct ExactWaitTests {
    /// Every contact waits for the expansion step at exactly 15 s (200
    /// agents, none busy for long): answered within a threshold of 15 s,
    /// and not within one a microsecond shorter.
    @Test func aContactAnsweredAtTheThresholdIsWithinIt() throws {
        for (within, share) in [(15.0, 1.0), (14.999_999, 0)] {
            var model = try singleQueueModel(callsPerHour: 1200, ahtSeconds: 60, agents: 200, patienceSeconds: nil,
                                             targetSeconds: within, hours: 1, replications: 2, seed: 9)
            model.routing.queues[0].requirement = SkillRequirement(allOf: [SkillLevel("main", 5)])
            model.routing.queues[0].expansion = [
                ExpansionStep(afterSeconds: 15, requirement: SkillRequirement(allOf: [SkillLevel("main", 1)])),
            ]
            for r in try Simulator(model: model).runReplications() {
                let total = r.total(queue: 0)
                #expect(total.answered > 1000 && total.answeredWaitSeconds == 15 * Double(total.answered))
                #expect(Double(total.answeredWithinTarget) == share * Double(total.answered))
            }
        }
    }
}
