import ArgumentParser
import Simulation

/// Options every simulating command shares: replications, seed, threads and
/// the progress bar.
struct RunOptions: ParsableArguments {
    // `.unconditional`: `--replications -1` is a bad value, not a missing one.
    @Option(parsing: .unconditional, help: "Replications (overrides the scenario's).")
    var replications: Int?

    @Option(parsing: .unconditional, help: "Master seed (overrides the scenario's).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).")
    var threads: Int?

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if let replications, !(1...ScenarioLimits.mostReplications).contains(replications) {
            throw ValidationError("--replications must be 1 to \(ScenarioLimits.mostReplications), got \(replications)")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    /// `model` with the replications and seed these options override.
    func applied(to model: SimulationModel) -> SimulationModel {
        var model = model
        if let replications { model.replications = replications }
        if let seed { model.seed = seed }
        return model
    }
}
