import ArgumentParser
import Foundation
import Reports
import Scenario
import Simulation
import Staffing
import Stochastics

/// `acd bench baseline`: the simulator against a bare hand-written loop of
/// the same M/M/n+M model (`BareLoop`), timed in alternating rounds on one
/// core, so their ratio holds on a machine whose speed varies from minute to
/// minute. Prints one JSON object: both throughputs, their ratio, and the
/// bare loop's figures (mean and 99% confidence interval over replications)
/// beside Erlang A's: the yardstick has to be right too.
struct BenchBaseline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Time the simulator against a bare M/M/n+M loop with no routing core, in alternating rounds."
    )

    @Argument(help: "An M/M/n+M scenario: one queue, one constant arrival rate, exponential handle time and patience, one group of constant headcount, no wrap-up.")
    var scenario = "Scenarios/mmn-plus-m.yaml"

    @Option(help: "Replications per timed run (overrides the scenario's).")
    var replications: Int?

    @Option(help: "Alternating rounds: each times the bare loop, then the simulator.")
    var rounds = 5

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1") }
    }

    func run() throws {
        var model = try loadScenario(scenario).model
        if let replications { model.replications = replications }
        let loop = try Self.bareLoop(for: model, file: scenario)
        let simulator = try Simulator(model: model)
        var bareRates: [Double] = [], acdRates: [Double] = []
        var bare: [BareLoop.Counts] = []
        for _ in 0..<rounds {
            let bareSeconds = Self.seconds { bare = (0..<model.replications).map { loop.run(replication: $0) } }
            var simulated = 0
            let acdSeconds = Self.seconds { simulated = simulator.run(threads: 1).simulatedCalls }
            bareRates.append(Double(bare.reduce(0) { $0 + $1.simulated }) / bareSeconds)
            acdRates.append(Double(simulated) / acdSeconds)
        }
        let ratios = zip(acdRates, bareRates).map { $0 / $1 }
        let queue = model.queues[0]
        let erlang = ErlangAQueue(agents: loop.agents, arrivalRatePerSecond: loop.ratePerSecond,
                                  ahtSeconds: queue.talkTime.mean, patienceSeconds: loop.patience.mean)
        func rounded(_ x: Double, _ digits: Double = 1e4) -> JSONValue { .number((x * digits).rounded() / digits) }
        func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
        func estimate(_ figure: (BareLoop.Counts) -> Double) -> JSONValue {
            let e = Estimate(values: bare.map(figure), confidence: 0.99)
            return .object([("mean", rounded(e.mean, 1e6)), ("ci_low", rounded(e.ciLow, 1e6)),
                            ("ci_high", rounded(e.ciHigh, 1e6))])
        }
        print(JSONValue.object([
            ("benchmark", .string("baseline")),
            ("scenario", .string(model.name)),
            ("replications", .int(model.replications)),
            ("rounds", .int(rounds)),
            ("simulated_calls", .int(bare.reduce(0) { $0 + $1.simulated })),
            ("bare_calls_per_second", .array(bareRates.map { rounded($0, 1) })),
            ("acd_calls_per_second", .array(acdRates.map { rounded($0, 1) })),
            ("ratios", .array(ratios.map { rounded($0) })),
            ("mean_ratio", rounded(mean(ratios))),
            ("bare", .object([
                ("service_level", estimate { Double($0.answeredWithinTarget) / Double($0.offered) }),
                ("abandon_rate", estimate { Double($0.abandoned) / Double($0.offered) }),
                ("asa", estimate { $0.answeredWaitSeconds / Double($0.answered) }),
            ])),
            ("erlang_a", .object([
                ("service_level", rounded(erlang.serviceLevel(within: loop.targetSeconds), 1e6)),
                ("abandon_rate", rounded(erlang.pAbandon, 1e6)),
                ("asa", rounded(erlang.asaServed, 1e6)),
            ])),
        ]).rendered(pretty: false))
    }

    /// Wall-clock seconds `body` takes.
    static func seconds(_ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        body()
        return (ContinuousClock.now - start) / .seconds(1)
    }

    /// The bare loop of `model`, which must be M/M/n+M; otherwise an error
    /// naming the scenario file and what does not fit.
    static func bareLoop(for model: SimulationModel, file: String) throws -> BareLoop {
        func reject(_ why: String) -> ValidationError {
            ValidationError("\(file): acd bench baseline needs an M/M/n+M scenario: \(why)")
        }
        guard model.queues.count == 1, model.groups.count == 1 else { throw reject("one queue and one agent group") }
        let queue = model.queues[0], group = model.groups[0]
        guard let rate = queue.ratesPerSecond.first, queue.ratesPerSecond.allSatisfy({ $0 == rate }),
              queue.surges.isEmpty, queue.volumeCV == 0 else {
            throw reject("one constant arrival rate, no surges, no volume uncertainty")
        }
        func exponential(_ d: Distribution) -> Bool { d == (try? Distribution.exponential(mean: d.mean)) }
        guard exponential(queue.talkTime), queue.wrapUp == nil, queue.handleTimeFactors == nil else {
            throw reject("exponential handle time, no wrap-up, no handle-time factors")
        }
        guard queue.ivr == nil else { throw reject("no IVR") }
        guard let patience = queue.patience, exponential(patience) else { throw reject("exponential patience") }
        guard let agents = group.headcount.first, group.headcount.allSatisfy({ $0 == agents }), group.shrinkage == 0,
              queue.urgentShare == 0, !queue.reactions.isActive else {
            throw reject("a constant headcount, no shrinkage, no priorities and no caller reactions")
        }
        return BareLoop(ratePerSecond: rate, talk: queue.talkTime, patience: patience, agents: agents,
                        durationSeconds: model.durationSeconds, warmupSeconds: model.warmupSeconds,
                        targetSeconds: queue.target?.withinSeconds ?? -1, seed: model.seed)
    }
}
