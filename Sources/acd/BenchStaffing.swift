import ArgumentParser
import Foundation
import Reports
import Staffing

/// `acd bench staffing`: times a planning day of analytic staffing solves,
/// 96 quarter-hour intervals × 50 queues, half Erlang C and half Erlang A.
struct BenchStaffing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staffing",
        abstract: "Time 4,800 staffing solves (96 intervals × 50 queues, mixed Erlang C and A)."
    )

    @Option(help: "Intervals in the day.")
    var intervals: Int = 96

    @Option(help: "Queues per interval.")
    var queues: Int = 50

    @Option(help: "Timed runs; the median is reported.")
    var runs: Int = 5

    func validate() throws {
        guard intervals >= 1, queues >= 1, runs >= 1 else {
            throw ValidationError("--intervals, --queues and --runs must be at least 1")
        }
    }

    /// The day's problems: a double-peaked daily profile scales each queue's
    /// peak load (5 to 500 Erlangs); odd queues have exponential patience.
    func problems() -> [QueueParameters] {
        var list: [QueueParameters] = []
        list.reserveCapacity(intervals * queues)
        for i in 0..<intervals {
            let hour = 24.0 * Double(i) / Double(intervals)
            let profile = 0.1 + 0.9 * max(0, sin(Double.pi * (hour - 6) / 14))
                * (0.8 + 0.2 * cos(Double.pi * (hour - 11) / 3))
            for q in 0..<queues {
                let peakErlangs = 5 * pow(100, Double(q) / Double(max(queues - 1, 1)))
                let aht = 120 + Double((q * 37) % 300)
                let load = max(5, peakErlangs * profile)
                let model: ErlangModel = q % 2 == 0 ? .c : .a(patienceSeconds: 60 + Double((q * 53) % 240))
                list.append(QueueParameters(
                    arrivalRatePerSecond: load / aht, ahtSeconds: aht,
                    model: model, targetSeconds: 20))
            }
        }
        return list
    }

    func run() throws {
        let list = problems()
        let target = StaffingTarget(serviceLevel: 0.8, maxASA: nil, maxAbandon: nil, maxOccupancy: nil)
        var times: [Double] = []
        var agentSum = 0
        for _ in 0..<runs {
            agentSum = 0
            let start = ContinuousClock.now
            for p in list {
                agentSum += try solveStaffing(p, target: target).requiredAgents
            }
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        times.sort()
        let median = times[times.count / 2]
        print(JSONValue.object([
            ("benchmark", .string("staffing")),
            ("solves", .int(list.count)),
            ("required_agents_total", .int(agentSum)),
            ("runs", .int(runs)),
            ("median_ms", .number((median * 1e5).rounded() / 100)),
            ("min_ms", .number((times[0] * 1e5).rounded() / 100)),
            ("microseconds_per_solve", .number((median / Double(list.count) * 1e8).rounded() / 100)),
        ]).rendered(pretty: false))
    }
}
