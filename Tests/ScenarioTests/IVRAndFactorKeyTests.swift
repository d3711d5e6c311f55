import Stochastics
import Testing
@testable import Scenario

/// `ivr` and `handle_time_factor` on a queue: what loads, and what is
/// refused at its position.
@Suite struct IVRAndFactorKeyTests {
    /// `ValueRangeTests.yaml` with `lines` on the first queue (from line 7).
    static func error(_ lines: String) -> ScenarioError? {
        ValueRangeTests.error(ValueRangeTests.yaml(queue: lines))
    }

    @Test func theKeysLoadIntoTheQueueModel() throws {
        let text = ValueRangeTests.yaml(queue: """
                ivr: { containment: 0.3, time: { dist: lognormal, mean: 60s, cv: 0.5 } }
                handle_time_factor: { 1: 1.4, 5: 1.0, 10: 0.9 }

            """)
        let model = try Scenario.parse(text, file: "s.yaml").model
        let ivr = try #require(model.queues[0].ivr)
        #expect(ivr.containment == 0.3)
        #expect(ivr.time == (try Distribution.lognormal(mean: 60, cv: 0.5)))
        #expect(model.queues[0].handleTimeFactors?.byLevel == [1.4, 1.4, 1.4, 1.4, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9])
        #expect(model.queues[1].ivr == nil && model.queues[1].handleTimeFactors == nil)
        // Containment 0 and 1 are allowed.
        for share in ["0", "1"] {
            let edge = ValueRangeTests.yaml(queue: "    ivr: { containment: \(share), time: { dist: constant, value: 0s } }\n")
            #expect(try Scenario.parse(edge, file: "s.yaml").model.queues[0].ivr?.containment == Double(share))
        }
    }

    @Test func ivrValuesOutOfRangeOrMissingAreRefusedAtTheirPosition() {
        let time = "time: { dist: constant, value: 30s }"
        #expect(Self.error("    ivr: { containment: 1.5, \(time) }\n")
            == ScenarioError(file: "s.yaml", line: 7, column: 25, path: "queues[0].ivr.containment", message: "must be in [0, 1]"))
        #expect(Self.error("    ivr: { containment: -0.1, \(time) }\n")?.path == "queues[0].ivr.containment")
        #expect(Self.error("    ivr: { containment: most, \(time) }\n")?.message == "expected a number, got 'most'")
        #expect(Self.error("    ivr: { \(time) }\n")
            == ScenarioError(file: "s.yaml", line: 7, column: 10, path: "queues[0].ivr",
                             message: "missing required key 'containment'"))
        #expect(Self.error("    ivr: { containment: 0.3 }\n")?.message == "missing required key 'time'")
        let typo = Self.error("    ivr: { containment: 0.3, tme: { dist: constant, value: 30s } }\n")
        #expect(typo?.path == "queues[0].ivr.tme" && typo?.column == 30)
        #expect(typo?.message.hasPrefix("unknown key 'tme' (did you mean 'time'?)") == true)
        let negative = Self.error("    ivr: { containment: 0.3, time: { dist: constant, value: -5s } }\n")
        #expect(negative?.path == "queues[0].ivr.time.value" && negative?.message == "must not be negative")
        #expect(Self.error("    ivr: 0.3\n")?.path == "queues[0].ivr")
    }

    @Test func factorLevelsAndValuesOutOfRangeAreRefusedAtTheirPosition() {
        for level in ["0", "11", "senior", "1.5"] {
            #expect(Self.error("    handle_time_factor: { \(level): 1.2 }\n")
                == ScenarioError(file: "s.yaml", line: 7, column: 27, path: "queues[0].handle_time_factor",
                                 message: "levels are whole numbers 1 (lowest) to 10, got '\(level)'"))
        }
        for factor in ["0", "-1", "101"] {
            #expect(Self.error("    handle_time_factor: { 5: \(factor) }\n")
                == ScenarioError(file: "s.yaml", line: 7, column: 30, path: "queues[0].handle_time_factor.5",
                                 message: "must be positive, at most 100"))
        }
        #expect(Self.error("    handle_time_factor: { 5: fast }\n")?.message == "expected a number, got 'fast'")
        let twice = Self.error("    handle_time_factor: { 5: 1.0, 05: 1.1 }\n")
        #expect(twice?.column == 35 && twice?.message == "level 5 appears twice")
        #expect(Self.error("    handle_time_factor: {}\n")
            == ScenarioError(file: "s.yaml", line: 7, column: 25, path: "queues[0].handle_time_factor",
                             message: "give at least one level"))
        #expect(Self.error("    handle_time_factor: 1.2\n")?.message
            == "expected factors by proficiency level, such as { 1: 1.4, 10: 0.9 }")
    }
}
