import RoutingCore
import Simulation
import Staffing
import Stochastics
import Testing

/// A single queue with Poisson arrivals and exponential handle times (and
/// exponential patience for Erlang A), `agents` agents, simulated in steady
/// state after a warm-up.
func singleQueueModel(callsPerHour: Double, ahtSeconds: Double, agents: Int, patienceSeconds: Double?,
                      targetSeconds: Double, hours: Double, replications: Int, seed: UInt64) throws -> SimulationModel {
    let routing = RoutingConfiguration(
        skills: ["main"],
        queues: [QueueConfiguration(id: "main", requirement: SkillRequirement(allOf: [SkillLevel("main", 1)]))],
        agents: (0..<agents).map { AgentConfiguration(id: "a\($0)", skills: [SkillLevel("main", 1)]) })
    let queue = QueueModel(
        name: "main", ratesPerSecond: [callsPerHour / 3600], arrivalIntervalSeconds: 1800,
        talkTime: try .exponential(mean: ahtSeconds),
        patience: try patienceSeconds.map { try .exponential(mean: $0) },
        target: (0.8, targetSeconds))
    let group = AgentGroupModel(name: "all", headcount: [agents], serves: [0], agents: 0..<agents)
    return SimulationModel(
        name: "erlang", durationSeconds: (hours + 1) * 3600, warmupSeconds: 3600, replications: replications,
        seed: seed, intervalSeconds: 1800, queues: [queue], groups: [group], routing: routing)
}

/// Simulation against the analytic Erlang C and Erlang A formulas: service
/// level, ASA and abandonment must fall inside the replications' 99%
/// confidence intervals, at points from 5 to 500 Erlangs.
@Suite struct ErlangAgreementTests {
    struct Point: CustomStringConvertible, Sendable {
        var callsPerHour: Double
        var aht: Double
        var agents: Int
        var patience: Double?
        var hours: Double
        var description: String {
            "\(callsPerHour * aht / 3600) Erlangs, \(agents) agents, patience \(patience.map { "\($0) s" } ?? "none")"
        }
    }

    static let points: [Point] = [
        Point(callsPerHour: 300, aht: 60, agents: 7, patience: nil, hours: 40),
        Point(callsPerHour: 1200, aht: 60, agents: 20, patience: 60, hours: 20),
        Point(callsPerHour: 1000, aht: 180, agents: 56, patience: nil, hours: 12),
        Point(callsPerHour: 2000, aht: 180, agents: 95, patience: 180, hours: 8),
        Point(callsPerHour: 4000, aht: 180, agents: 210, patience: nil, hours: 6),
        Point(callsPerHour: 10000, aht: 180, agents: 490, patience: 120, hours: 3),
    ]

    @Test(arguments: points)
    func simulationAgreesWithErlang(_ p: Point) throws {
        let model = try singleQueueModel(callsPerHour: p.callsPerHour, ahtSeconds: p.aht, agents: p.agents,
                                         patienceSeconds: p.patience, targetSeconds: 20, hours: p.hours,
                                         replications: 12, seed: 11)
        let counters = try Simulator(model: model).runReplications()
        let figures = counters.map {
            ServiceFigures($0.total(queue: 0), agents: $0.total(group: 0), periodSeconds: p.hours * 3600, targeted: $0.total(queue: 0))
        }
        let exact = queueFigures(
            QueueParameters(arrivalRatePerSecond: p.callsPerHour / 3600, ahtSeconds: p.aht,
                            model: p.patience.map { .a(patienceSeconds: $0) } ?? .c, targetSeconds: 20),
            agents: p.agents)
        let sl = Estimate(shares: figures.map(\.serviceLevel), confidence: 0.99)
        let asa = Estimate(ratios: figures.map(\.asa), confidence: 0.99)
        let abandon = Estimate(shares: figures.map(\.abandonRate), confidence: 0.99)
        let occupancy = Estimate(ratios: figures.map(\.occupancy), confidence: 0.99)
        #expect(sl.contains(exact.serviceLevel), "SL \(exact.serviceLevel) outside \(sl)")
        #expect(asa.contains(exact.asa), "ASA \(exact.asa) outside \(asa)")
        #expect(occupancy.contains(exact.occupancy), "occupancy \(exact.occupancy) outside \(occupancy)")
        if p.patience != nil {
            #expect(abandon.contains(exact.pAbandon), "P(Ab) \(exact.pAbandon) outside \(abandon)")
        } else {
            #expect(abandon.mean == 0)
        }
        // The intervals are informative, not vacuous.
        #expect(sl.halfWidth < 0.05)
    }
}
