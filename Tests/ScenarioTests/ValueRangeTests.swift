import RoutingCore
import Testing
@testable import Scenario

/// Values the loader itself must refuse (with their position), and defaults
/// that must flow through: the cases the routing core would otherwise
/// catch only without a line number, or not at all.
@Suite struct ValueRangeTests {
    static func yaml(queue: String = "", queueExtra: String = "", group: String = "", top: String = "") -> String {
        """
        name: s
        duration: 1h
        \(top)queues:
          - name: main
            arrivals: { rate_per_hour: 100 }
            handle_time: { dist: exponential, mean: 180s }
        \(queue)  - name: other
            arrivals: { rate_per_hour: 100 }
            handle_time: { dist: exponential, mean: 180s }
        \(queueExtra)agents:
          - group: all
            count: 5
            skills: { main: 6, other: 1 }
        \(group)
        """
    }

    static func error(_ text: String) -> ScenarioError? {
        #expect(throws: ScenarioError.self) { try Scenario.parse(text, file: "s.yaml") }
    }

    @Test func zeroOverflowTimeIsRefusedAtItsPosition() {
        let e = Self.error(Self.yaml(queue: "    overflow: [{ after: 0s, to: other }]\n"))
        #expect(e?.line == 7)
        #expect(e?.column == 25)  // 4 spaces, "overflow: [{ after: " is 20 characters
        #expect(e?.path == "queues[0].overflow[0].after")
    }

    @Test func negativeAgingAndZeroCallbackThresholdAreRefused() {
        #expect(Self.error(Self.yaml(queue: "    aging_per_minute: -1\n"))?.path == "queues[0].aging_per_minute")
        #expect(Self.error(Self.yaml(queue: "    callback_offer_above: 0s\n"))?.path == "queues[0].callback_offer_above")
    }

    @Test func negativeDurationsInAnyFamilyAreRefused() {
        let constant = Self.error(Self.yaml(queue: "    patience: { dist: constant, value: -5s }\n"))
        #expect(constant?.path == "queues[0].patience.value")
        #expect(constant?.message == "must not be negative")
        let uniform = Self.error(Self.yaml(queue: "    wrap_up: { dist: uniform, low: -10s, high: 100s }\n"))
        #expect(uniform?.path == "queues[0].wrap_up.low")
        let empirical = Self.error(Self.yaml(queue: "    wrap_up: { dist: empirical, values: [1, -2] }\n"))
        #expect(empirical?.path == "queues[0].wrap_up.values[1]")
    }

    @Test func gammaTakesOneParameterPairOnly() {
        let e = Self.error(Self.yaml(queue: "    wrap_up: { dist: gamma, shape: 2, scale: 10s, mean: 20s }\n"))
        #expect(e?.path == "queues[0].wrap_up")
    }

    @Test func emptyNamesAndNegativeSurgeStartAreRefused() {
        #expect(Self.error(Self.yaml().replacingOccurrences(of: "name: other", with: "name: \"\""))?.path == "queues[1].name")
        let surge = "    arrivals: { rate_per_hour: 100, surges: [{ from: -1h, to: 1h, factor: 2 }] }\n"
        let text = Self.yaml().replacingOccurrences(of: "    arrivals: { rate_per_hour: 100 }\n    handle_time: { dist: exponential, mean: 180s }\n  - name: other",
                                                     with: surge + "    handle_time: { dist: exponential, mean: 180s }\n  - name: other")
        #expect(Self.error(text)?.path == "queues[0].arrivals.surges[0].from")
    }

    @Test func groupCapacityKeepsTheScenarioDefaultForChannelsItLeavesOut() throws {
        let text = Self.yaml(group: "    capacity: { voice: 1 }\n", top: "channels: { capacity: { chat: 5 } }\n")
        let model = try Scenario.parse(text, file: "s.yaml").model
        #expect(model.routing.agents.first?.capacity?.chat == 5)
    }

    @Test func aGroupServesOnlyQueuesWhoseLevelsItMeets() throws {
        let text = Self.yaml(queueExtra: "    requires: { all_of: { other: 3 } }\n",
                             group: "  - group: seniors\n    count: 1\n    skills: { other: 3 }\n")
        let model = try Scenario.parse(text, file: "s.yaml").model
        // Level 6 in main meets main's default requirement (level 1); level 1 in other does not meet 3.
        #expect(model.groups[0].serves == [0])
        #expect(model.groups[1].serves == [1])
    }
}

@Suite struct StaffingKeysTests {
    @Test func queueTargetsAndGroupShrinkageAndCostLoad() throws {
        let text = ValueRangeTests.yaml(
            queue: "    target: { service_level: 0.8, within: 20s, max_asa: 30s, max_abandon: 0.05, max_occupancy: 0.9 }\n",
            group: "    shrinkage: 0.3\n    cost: 1.25\n")
        let model = try Scenario.parse(text, file: "s.yaml").model
        #expect(model.queues[0].maxASASeconds == 30)
        #expect(model.queues[0].maxAbandon == 0.05)
        #expect(model.queues[0].maxOccupancy == 0.9)
        #expect(model.groups[0].shrinkage == 0.3)
        #expect(model.groups[0].costPerHour == 1.25)
    }

    @Test func outOfRangeStaffingKeysAreRefused() {
        #expect(ValueRangeTests.error(ValueRangeTests.yaml(group: "    shrinkage: 1\n"))?.path == "agents[0].shrinkage")
        #expect(ValueRangeTests.error(ValueRangeTests.yaml(group: "    cost: 0\n"))?.path == "agents[0].cost")
        let abandon = "    target: { service_level: 0.8, within: 20s, max_abandon: 2 }\n"
        #expect(ValueRangeTests.error(ValueRangeTests.yaml(queue: abandon))?.path == "queues[0].target.max_abandon")
    }
}

@Suite struct OfferTimeoutKeyTests {
    @Test func offerTimeoutLoadsIntoTheRoutingConfiguration() throws {
        let model = try Scenario.parse(ValueRangeTests.yaml(queue: "    offer_timeout: 12s\n"), file: "s.yaml").model
        #expect(model.routing.queues[0].offerTimeoutSeconds == 12)
        #expect(model.routing.queues[1].offerTimeoutSeconds == nil)
        #expect(ValueRangeTests.error(ValueRangeTests.yaml(queue: "    offer_timeout: 0s\n"))?.path == "queues[0].offer_timeout")
    }
}
