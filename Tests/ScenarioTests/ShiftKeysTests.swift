import Simulation
import Testing
@testable import Scenario

/// `shifts` of an agent group: loaded exactly, and every mistake reported
/// at its file, line, column and field. The shift under test is on line 11,
/// its entry starting at column 9; columns counted by hand from the text.
@Suite struct ShiftKeysTests {
    static func yaml(shift: String = "{ start: 8h, end: 16h, count: 1 }", group: String = "") -> String {
        """
        name: t
        duration: 1d
        queues:
          - name: main
            arrivals: { rate_per_hour: 60 }
            handle_time: { dist: exponential, mean: 180s }
        agents:
          - group: day
            skills: { main: 1 }
        \(group)    shifts:
              - \(shift)
              - { start: 12h, end: 20h, count: 3 }
        """
    }

    static func error(shift: String = "{ start: 8h, end: 16h, count: 1 }", group: String = "") -> ScenarioError? {
        #expect(throws: ScenarioError.self) { try Scenario.parse(yaml(shift: shift, group: group), file: "s.yaml") }
    }

    @Test func shiftsLoadWithExactTimesAndOneAgentPerPlace() throws {
        let shift = "{ start: 8h, end: 16.5h, count: 12, breaks: [{ at: 10h, length: 15m }, { at: 12h, length: 30m }] }"
        let model = try Scenario.parse(Self.yaml(shift: shift), file: "s.yaml").model
        let group = try #require(model.groups.first)
        #expect(group.shifts == [
            Shift(start: 28_800, end: 59_400, count: 12,
                  breaks: [ShiftBreak(start: 36_000, length: 900), ShiftBreak(start: 43_200, length: 1_800)]),
            Shift(start: 43_200, end: 72_000, count: 3),
        ])
        #expect(group.headcount.isEmpty)
        #expect(group.agents == 0..<15)
        #expect(model.routing.agents.map(\.id) == (1...15).map { "day#\($0)" })
    }

    @Test func shiftTimesAndCountsOutOfRangeAreRefusedAtTheValue() {
        let cases: [(shift: String, column: Int, field: String, message: String)] = [
            ("{ start: 8h, end: 8h, count: 1 }", 27, "end", "must be after 'start' (28800.0 s)"),
            ("{ start: 1d, end: 25h, count: 1 }", 18, "start", "must be before the end of the run (duration 86400.0 s)"),
            ("{ start: -1h, end: 2h, count: 1 }", 18, "start", "must not be negative"),
            ("{ start: 8h, end: 9h, count: -2 }", 38, "count", "must be 0 to 100000"),
            ("{ start: 8h, end: 9h, count: 100001 }", 38, "count", "must be 0 to 100000"),
            ("{ start: 8h, end: 9h, count: 1.5 }", 38, "count", "expected a whole number, got '1.5'"),
            ("{ start: 8h, end: 9h }", 9, "", "missing required key 'count'"),
        ]
        for c in cases {
            let path = c.field.isEmpty ? "agents[0].shifts[0]" : "agents[0].shifts[0].\(c.field)"
            #expect(Self.error(shift: c.shift) == ScenarioError(file: "s.yaml", line: 11, column: c.column, path: path,
                                                               message: c.message), "\(c.shift)")
        }
        let unknown = Self.error(shift: "{ start: 8h, end: 9h, count: 1, lunch: 1h }")
        #expect(unknown?.description.hasPrefix("s.yaml:11:41: agents[0].shifts[0].lunch: unknown key 'lunch'") == true)
    }

    @Test func breaksOutsideTheShiftOrOverlappingAreRefusedAtTheValue() {
        let cases: [(breaks: String, column: Int, field: String, message: String)] = [
            ("[{ at: 7h, length: 15m }]", 57, "breaks[0].at", "must not be before the shift's start (28800.0 s)"),
            ("[{ at: 16h, length: 15m }]", 57, "breaks[0].at", "must be before the shift's end (57600.0 s)"),
            ("[{ at: 10h, length: 1h }, { at: 630m, length: 15m }]", 82, "breaks[1].at",
             "must not be before the end of the previous break (39600.0 s)"),
            ("[{ at: 10h, length: 0s }]", 70, "breaks[0].length", "must be positive"),
            ("[{ at: 950m, length: 15m }]", 71, "breaks[0].length", "the break must end by the shift's end (57600.0 s)"),
        ]
        for c in cases {
            let shift = "{ start: 8h, end: 16h, count: 1, breaks: \(c.breaks) }"
            #expect(Self.error(shift: shift) == ScenarioError(file: "s.yaml", line: 11, column: c.column,
                                                             path: "agents[0].shifts[0].\(c.field)", message: c.message),
                    "\(c.breaks)")
        }
    }

    @Test func aGroupGivesExactlyOneOfCountHeadcountAndShifts() {
        #expect(Self.error(group: "    count: 3\n") == ScenarioError(
            file: "s.yaml", line: 8, column: 5, path: "agents[0]", message: "give either 'count' or 'shifts', not both"))
        #expect(Self.error(group: "    headcount: [3]\n")?.message == "give either 'headcount' or 'shifts', not both")
        #expect(Self.error(group: "    count: 3\n    headcount: [3]\n")?.message
            == "give only one of 'count', 'headcount' and 'shifts'")
        let none = Self.yaml().replacingOccurrences(of: "    shifts:\n      - { start: 8h, end: 16h, count: 1 }\n      - { start: 12h, end: 20h, count: 3 }", with: "")
        #expect(ScenarioLoadingTests.loadError(none) == ScenarioError(
            file: "s.yaml", line: 8, column: 5, path: "agents[0]",
            message: "missing required key 'count' (or 'headcount', one per interval, or 'shifts')"))
        let empty = Self.yaml().replacingOccurrences(of: "    shifts:\n      - { start: 8h, end: 16h, count: 1 }\n      - { start: 12h, end: 20h, count: 3 }", with: "    shifts: []")
        #expect(ScenarioLoadingTests.loadError(empty) == ScenarioError(
            file: "s.yaml", line: 10, column: 13, path: "agents[0].shifts", message: "give at least one shift"))
    }
}
