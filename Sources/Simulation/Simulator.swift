import Dispatch
import RoutingCore
import Synchronization

/// Runs a `SimulationModel`'s replications, in parallel on all cores, and
/// aggregates them. Replication `r` always uses the streams of replication
/// `r`, whatever thread runs it, so results do not depend on scheduling.
public struct Simulator: Sendable {
    public let model: SimulationModel
    /// The model's routing core before its first event: every replication
    /// starts from a copy (which copies the core's store on its first event)
    /// instead of building its own.
    let core: RoutingCore

    /// Checks that the model's routing configuration builds a core.
    public init(model: SimulationModel) throws(ConfigurationError) {
        core = try RoutingCore(configuration: model.routing)
        self.model = model
    }

    /// Runs every replication. `progress` receives the share done (0...1),
    /// from any thread, now and then.
    public func run(threads: Int? = nil, recordDecisions: Bool = false,
                    progress: @escaping @Sendable (Double) -> Void = { _ in }) -> SimulationResult {
        let counters = runReplications(threads: threads, recordDecisions: recordDecisions, progress: progress)
        return SimulationResult(
            scenario: model.name, seed: model.seed, counters: counters,
            queueNames: model.queues.map(\.name), groupNames: model.groups.map(\.name),
            servedBy: model.queues.indices.map { q in model.groups.indices.filter { model.groups[$0].serves.contains(q) } },
            intervalSeconds: model.intervalSeconds, reportStart: model.warmupSeconds,
            reportEnd: model.durationSeconds, targets: model.queues.map(\.target),
            announcedMethods: model.routing.queues.map(\.waitEstimator),
            withIVR: model.queues.contains { $0.ivr != nil })
    }

    /// The counts of every replication, in replication order; with
    /// `recordDecisions`, each also carries its full list of routing decisions.
    public func runReplications(threads: Int? = nil, recordDecisions: Bool = false,
                                progress: @escaping @Sendable (Double) -> Void = { _ in }) -> [ReplicationCounters] {
        let total = model.replications
        let results = Mutex<[ReplicationCounters?]>(Array(repeating: nil, count: total))
        let simulated = Atomic<Int>(0)
        let next = Atomic<Int>(0)
        let model = self.model, core = self.core
        let budget = model.durationSeconds * Double(total)
        let workers = max(1, min(threads ?? System.cores, total))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let r = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard r < total else { return }
                var reported = 0.0
                var replication = Replication(model: model, core: core, replication: r,
                                              recordDecisions: recordDecisions)
                let counts = replication.run { done in
                    let step = Int((done - reported) * 1000)
                    reported += Double(step) / 1000
                    let sum = simulated.wrappingAdd(step, ordering: .relaxed).newValue
                    progress(min(1, Double(sum) / 1000 / budget))
                }
                results.withLock { $0[r] = counts }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
