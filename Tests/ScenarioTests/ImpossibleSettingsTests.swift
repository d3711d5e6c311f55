import Simulation
import Testing
@testable import Scenario

/// Settings that cannot run, or could never act, are errors at their
/// position: found by a QA pass, where some crashed the run (a capacity past
/// 2^31), hung it (queues overflowing to each other within a microsecond)
/// or were silently ignored (YAML tags, a surge after the run).
@Suite struct ImpossibleSettingsTests {
    static let base = """
        name: s
        duration: 2h
        queues:
          - name: main
            arrivals: { rate_per_hour: 100 }
            handle_time: { dist: exponential, mean: 180s }
            #main
          - name: other
            arrivals: { rate_per_hour: 100 }
            handle_time: { dist: exponential, mean: 180s }
        agents:
          - group: all
            count: 5
            skills: { main: 1, other: 1 }
            #all
          - group: few
            count: 2
            skills: { main: 1 }
            #few
        #top
        """

    /// `base` with each `#marker` replaced by its text (indented as the marker).
    static func yaml(_ edits: [String: String]) -> String {
        edits.reduce(base) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    static func error(_ edits: [String: String]) -> ScenarioError? {
        #expect(throws: ScenarioError.self) { try Scenario.parse(yaml(edits), file: "s.yaml") }
    }

    static func loads(_ edits: [String: String]) throws -> Scenario {
        try Scenario.parse(yaml(edits), file: "s.yaml")
    }

    @Test func capacitiesStopAtAThousand() throws {
        let group = Self.error(["#all": "capacity: { voice: 2147483648 }"])
        #expect(group?.path == "agents[0].capacity.voice")
        #expect(group?.message == "capacity must be 1 to 1000")
        #expect(Self.error(["#top": "channels: { capacity: { chat: 1001 } }"])?.path == "channels.capacity.chat")
        let most = try Self.loads(["#top": "channels: { capacity: { chat: 1000 } }"])
        #expect(most.model.routing.channels.capacity.chat == 1000)
    }

    @Test func overflowWaitsAtLeastASecond() throws {
        // Two queues overflowing to each other within a microsecond never let the clock move.
        let tiny = Self.error(["#main": "overflow: [{ after: 1e-9, to: other }]"])
        #expect(tiny?.path == "queues[0].overflow[0].after")
        #expect(tiny?.message == "must be at least 1s")
        #expect(Self.error(["#main": "overflow: [{ after: 0.5s, to: other }]"])?.message == "must be at least 1s")
        _ = try Self.loads(["#main": "overflow: [{ after: 1s, to: other }]"])
    }

    @Test func queuePrioritiesStopAtAMillionEitherWay() throws {
        // Int64.min once trapped in the range check itself.
        for bad in ["1000001", "-9223372036854775808", "9223372036854775807"] {
            let e = Self.error(["#main": "priority: \(bad)"])
            #expect(e?.path == "queues[0].priority" && e?.message == "must be in -1000000...1000000", "\(bad)")
        }
        #expect(try Self.loads(["#main": "priority: -1000000"]).model.routing.queues[0].priority == -1_000_000)
    }

    @Test func positiveDurationsAreAtLeastTheClocksResolution() {
        let e = Self.error(["#main": "offer_timeout: 0.0000001"])
        #expect(e?.path == "queues[0].offer_timeout")
        #expect(e?.message == "must be at least 1µs (the clock's resolution)")
    }

    @Test func theRunLastsAtLeastASecond() throws {
        let base = Self.yaml([:])
        let short = #expect(throws: ScenarioError.self) {
            try Scenario.parse(base.replacingOccurrences(of: "duration: 2h", with: "duration: 1e-7"), file: "s.yaml")
        }
        #expect(short?.path == "duration" && short?.message == "must be at least 1s")
        let second = try Scenario.parse(base.replacingOccurrences(of: "duration: 2h", with: "duration: 1s"), file: "s.yaml")
        #expect(second.model.durationSeconds == 1)
    }

    @Test func theNameIsAShortFolderNameWithoutControlCharacters() throws {
        let base = Self.yaml([:])
        func name(_ text: String) throws -> Scenario {
            try Scenario.parse(base.replacingOccurrences(of: "name: s\n", with: "name: \(text)\n"), file: "s.yaml")
        }
        for bad in ["\"a\\tb\"", "\"a\\0b\""] {
            let e = #expect(throws: ScenarioError.self) { try name(bad) }
            #expect(e?.path == "name" && e?.message == "must not contain line breaks, tabs or other control characters", "\(bad)")
        }
        let long = #expect(throws: ScenarioError.self) { try name(String(repeating: "x", count: 61)) }
        #expect(long?.message == "must be at most 60 characters: it names the results folder")
        #expect(try name(String(repeating: "é", count: 60)).model.name.count == 60)
    }

    @Test func aSurgeStartsBeforeTheRunEnds() throws {
        var text = Self.yaml([:])
        let arrivals = try #require(text.range(of: "arrivals: { rate_per_hour: 100 }"))
        text.replaceSubrange(arrivals, with: "arrivals: { rate_per_hour: 100, surges: [{ from: 2h, to: 3h, factor: 4 }] }")
        let e = #expect(throws: ScenarioError.self) { try Scenario.parse(text, file: "s.yaml") }
        #expect(e?.path == "queues[0].arrivals.surges[0].from")
        #expect(e?.message == "must be before the end of the run (duration 7200.0 s)")
        _ = try Scenario.parse(text.replacingOccurrences(of: "from: 2h", with: "from: 1h59m"), file: "s.yaml")
    }

    @Test func aDelayNamesAQueueTheGroupServes() {
        let e = Self.error(["#few": "delays: { other: 5s }"])
        #expect(e?.path == "agents[1].delays.other")
        #expect(e?.message == "the group serves queue 'other' at no expansion step: the delay would never act")
    }

    @Test func breaksLeaveSomeOfTheShift() throws {
        let shift = "shifts: [{ start: 0, end: 1h, count: 2, breaks: [{ at: 0, length: 30m }, { at: 30m, length: 30m }] }]"
        let all = Self.yaml(["count: 2\n    skills: { main: 1 }\n    #few": "skills: { main: 1 }\n    " + shift])
        let e = #expect(throws: ScenarioError.self) { try Scenario.parse(all, file: "s.yaml") }
        #expect(e?.path == "agents[1].shifts[0].breaks")
        #expect(e?.message == "the breaks cover the whole shift: its agents would never be available")
        let partly = all.replacingOccurrences(of: "{ at: 30m, length: 30m }", with: "{ at: 30m, length: 29m }")
        _ = try Scenario.parse(partly, file: "s.yaml")
    }

    @Test func namesInAListAppearOnce() {
        let protect = Self.error(["#top": "reservations: [{ group: all, keep_free: 1, protect: [main, main] }]"])
        #expect(protect?.path == "reservations[0].protect[1]" && protect?.message == "'main' appears twice")
        let groups = Self.error(["#main": "requires: { groups: [all, all] }"])
        #expect(groups?.path == "queues[0].requires.groups[1]")
        let exclusive = Self.error(["#top": "channels: { exclusive: [voice, voice] }"])
        #expect(exclusive?.path == "channels.exclusive[1]")
        let twice = Self.error(["#top": """
            reservations:
              - { group: all, keep_free: 1, protect: [main] }
              - { group: all, keep_free: 2, protect: [other] }
            """])
        #expect(twice?.path == "reservations[1].group")
        #expect(twice?.message.hasPrefix("group 'all' already has a reservation (reservations[0])") == true)
    }

    @Test func agentsInAllGroupsTogetherHaveACeiling() {
        let e = Self.error(["count: 5\n": "count: 60000\n", "count: 2\n": "count: 40001\n"])
        #expect(e?.path == "agents")
        #expect(e?.message == "100001 agents in all groups together: at most \(ScenarioLimits.mostAgents)")
    }

    @Test func explicitTagsAreRefusedUnlessTheySayWhatTheValueIs() throws {
        let seed = Self.error(["#top": "seed: !!str 7"])
        #expect(seed?.path == "seed" && seed?.message == "the YAML tag '!!str' is not supported: remove it")
        #expect(Self.error(["count: 5\n": "count: !!map 5\n"])?.path == "agents[0].count")
        #expect(Self.error(["#top": "seed: !local 7"])?.message == "the YAML tag '!local' is not supported: remove it")
        #expect(Self.error(["#top": "routing: !!set { agent_selection: longest_idle }"])?.path == "routing")
        // `!!str` where a string is read, and a tag saying what YAML reads anyway, are fine.
        let named = try Scenario.parse(Self.yaml([:]).replacingOccurrences(of: "name: s\n", with: "name: !!str 123\n"), file: "s.yaml")
        #expect(named.model.name == "123")
        #expect(try Self.loads(["#top": "seed: !!int 7"]).model.seed == 7)
    }

    @Test func tagsAreCheckedWithoutExpandingAliases() {
        // 9^9 nodes once expanded: the loader reads the node it needs and stops.
        var bomb = "x0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
        for k in 1...9 { bomb += "x\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ") + "]\n" }
        let e = #expect(throws: ScenarioError.self) { try Scenario.parse(bomb + Self.yaml([:]), file: "s.yaml") }
        #expect(e?.path == "x0" && e?.message.hasPrefix("unknown key 'x0'") == true)
    }
}
