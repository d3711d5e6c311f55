import Foundation
import Simulation
import Staffing
import Testing

/// The simulation-based search on the shipped scenarios as they are: 48
/// half-hours, their fixed seed and their 10 replications per simulation
/// (the suite runs in release, see the README's test command).
@Suite(.serialized) struct SimulationStaffingTests {
    static func search(_ name: String) -> Result<(SimulationModel, SimulationStaffingOutcome), any Error> {
        Result {
            let model = try loadStaffingScenario(name)
            return (model, try SimulationStaffing(model: model, options: StaffingOptions()).run())
        }
    }
    /// Each search once for all tests.
    static let hotline = search("utility-hotline.yaml")
    static let storm = search("storm-surge.yaml")

    static func outcome(_ name: String) throws -> (SimulationModel, SimulationStaffingOutcome) {
        try (name == "storm-surge.yaml" ? storm : hotline).get()
    }

    @Test(arguments: ["utility-hotline.yaml", "storm-surge.yaml"])
    func thePlanMeetsEveryTargetInAtLeast95PercentOfIntervals(_ name: String) throws {
        let (model, o) = try Self.outcome(name)
        // Re-simulate the plan with the fixed seed: same result (common random numbers).
        let again = try SimulationStaffing(model: model, options: StaffingOptions()).evaluate(o.final.plan.required)
        #expect(again.result == o.final.result)
        for q in model.queues.indices {
            let met = again.intervalsMet(queue: q, byCI: true)
            #expect(Double(met) >= 0.95 * 48, "\(name) \(model.queues[q].name): \(met)/48")
        }
        print("\(name): erlang \(o.erlang.plan.agentHours()) agent-h, met(CI) \(o.erlang.shareMet(byCI: true)); "
              + "iterative \(o.iterative.plan.agentHours()) agent-h; final \(o.final.plan.agentHours()) agent-h, "
              + "met(CI) \(o.final.shareMet(byCI: true)), \(o.simulations) simulations")
    }

    @Test func multiSkillUsesFewerAgentHoursThanPerSkillErlang() throws {
        let (_, o) = try Self.outcome("utility-hotline.yaml")
        #expect(o.final.plan.agentHours() < o.erlang.plan.agentHours())
        #expect(o.final.plan.agentHours() <= o.iterative.plan.agentHours())
        #expect(o.final.shareMet(byCI: true) >= 0.95)
        print("utility-hotline pooling saving: \(o.erlang.plan.agentHours() - o.final.plan.agentHours()) agent-hours vs per-skill Erlang, "
              + "\(o.iterative.plan.agentHours() - o.final.plan.agentHours()) vs per-skill iterative")
    }
}
