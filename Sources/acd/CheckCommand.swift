import ArgumentParser
import Foundation
import Regression
import Scenario
import Simulation

/// `acd check`: routing regression checks for CI. Runs scenarios with their
/// fixed seeds and compares every figure with the committed baseline by a
/// paired comparison over replications (common random numbers).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check scenarios against their baselines: fail when routing got worse.",
        discussion: """
            Runs each scenario (all of Scenarios/*.yaml when none is named) with its seed and \
            replications, and compares per queue and overall the service level, ASA, abandonment \
            rate, occupancy and, where a queue announces waits, EWT error (RASE of the announced \
            wait against the wait the caller then had) with <baselines>/<scenario name>/baseline.json. Replication r uses \
            the same random streams as replication r of the baseline run, so the paired \
            differences d_r = now_r − baseline_r are precise.

            A figure fails only when it is worse than the baseline by more than its tolerance with \
            95% confidence: the one-sided 95% t bound of the mean paired difference lies beyond the \
            tolerance. Default tolerances: service level 1 point, abandonment rate 0.5 points, ASA \
            max(2 s, 10% of the baseline's), EWT error max(5 s, 10% of the baseline's). Override \
            them per scenario in <baselines>/<scenario>/tolerances.json (keys service_level, \
            abandon_rate, asa_seconds, asa_relative, ewt_rase_seconds, ewt_rase_relative, and \
            queues: { <queue>: { ... } }). Improvements are reported, never fail. \
            Occupancy is informational: it has no "worse" direction (busier agents are cheaper but \
            more strained, and faster service often moves it either way), so it never fails.

            --exact also requires every replication's decision digest to equal the baseline's, \
            and on a mismatch prints the first differing routing decision before and after.

            Exit status: 0 all pass, 1 a figure (or, with --exact, a digest) fails, 2 bad input \
            (missing or unreadable scenario, baseline or tolerances; a baseline made with another \
            seed or number of replications: run --update).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, junit, markdown
    }

    @Argument(help: "Scenario files, or names of Scenarios/<name>.yaml (default: all of Scenarios/*.yaml).")
    var scenarios: [String] = []

    @Option(help: "Directory of the baselines, one <scenario name>/baseline.json each.")
    var baselines = "Results"

    @Flag(help: "Rewrite the baselines from this run and say what moved.")
    var update = false

    @Option(help: "Output on stdout: text, junit (JUnit XML) or markdown (a pull-request comment).")
    var format: Format = .text

    @Flag(help: "Also require identical routing decisions (decision digests) in every replication.")
    var exact = false

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let status: Int32
        do {
            status = try check()
        } catch {
            let text = (error as? CheckInputError)?.description ?? (error as? ValidationError)?.message ?? "\(error)"
            FileHandle.standardError.writeLine("acd: " + (text.split(separator: "\n").first.map(String.init) ?? text))
            status = 2
        }
        if status != 0 {
            // Not `throw ExitCode(status)`: the custom main would print it as an error
            // line. exit() flushes stdout.
            Foundation.exit(status)
        }
    }

    /// Runs the check (or update); returns the exit status. Throws for bad input.
    func check() throws -> Int32 {
        let loaded = try scenarioFiles().map { path in (path: path, model: try loadScenario(path).model) }
        var seen: [String: String] = [:]
        for s in loaded {
            if let other = seen[s.model.name] {
                throw CheckInputError("\(s.path): scenario name \(s.model.name) is also the name of \(other)")
            }
            seen[s.model.name] = s.path
        }
        if update {
            for s in loaded { try updateBaseline(s.model) }
            return 0
        }
        // Read every baseline before running anything, so bad input fails fast.
        let inputs = try loaded.map { s in (model: s.model, baseline: try readBaseline(s.model), tolerances: try readTolerances(s.model)) }
        var results: [ScenarioCheck] = []
        for input in inputs {
            let model = input.model
            let counters = try simulate(model, recordDecisions: false)
            var explanation: [String] = []
            let nowDigests = counters.map(\.decisionDigest.description)
            if exact, nowDigests != input.baseline.digests {
                explanation = try explainMismatch(model, baseline: input.baseline, nowDigests: nowDigests)
            }
            results.append(ScenarioCheck(baseline: input.baseline, now: FigureValues(model: model, counters: counters),
                                         nowDigests: nowDigests, tolerances: input.tolerances, exact: exact,
                                         explanation: explanation))
        }
        let report = CheckReport(scenarios: results, exact: exact)
        switch format {
        case .text: print(report.text, terminator: "")
        case .junit: print(report.junit, terminator: "")
        case .markdown: print(report.markdown, terminator: "")
        }
        return report.exitStatus
    }

    /// The scenario files to check: the named ones, or all of Scenarios/*.yaml sorted by name.
    func scenarioFiles() throws -> [String] {
        let fm = FileManager.default
        guard !scenarios.isEmpty else {
            guard let names = try? fm.contentsOfDirectory(atPath: "Scenarios") else {
                throw CheckInputError("no scenario named and no Scenarios/ directory here")
            }
            let files = names.filter { $0.hasSuffix(".yaml") }.sorted().map { "Scenarios/\($0)" }
            guard !files.isEmpty else { throw CheckInputError("Scenarios/ holds no .yaml scenario") }
            return files
        }
        return try scenarios.map { name in
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: name, isDirectory: &isDirectory), !isDirectory.boolValue { return name }
            let named = name.hasSuffix(".yaml") ? "Scenarios/\(name)" : "Scenarios/\(name).yaml"
            if fm.fileExists(atPath: named) { return named }
            throw CheckInputError("\(name): no such scenario file (nor \(named))")
        }
    }

    func baselinePath(_ model: SimulationModel) -> String {
        ((baselines as NSString).appendingPathComponent(model.name) as NSString).appendingPathComponent("baseline.json")
    }

    func readBaseline(_ model: SimulationModel) throws -> Baseline {
        let path = baselinePath(model)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckInputError("\(path): no baseline for scenario \(model.name); create it with acd check --update")
        }
        let baseline = try Baseline.parse(data, file: path)
        guard baseline.scenario == model.name else {
            throw CheckInputError("\(path): baseline of scenario \(baseline.scenario), not \(model.name); run acd check --update")
        }
        guard baseline.seed == model.seed, baseline.replications == model.replications else {
            throw CheckInputError("\(path): made with seed \(baseline.seed) and \(baseline.replications) replications, "
                + "but \(model.name) now has seed \(model.seed) and \(model.replications); run acd check --update")
        }
        return baseline
    }

    /// The scenario's tolerances.json beside its baseline, or the defaults.
    func readTolerances(_ model: SimulationModel) throws -> Tolerances {
        let path = ((baselines as NSString).appendingPathComponent(model.name) as NSString)
            .appendingPathComponent("tolerances.json")
        guard FileManager.default.fileExists(atPath: path) else { return .defaults }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckInputError("\(path): cannot read the tolerances")
        }
        return try Tolerances.parse(data, file: path, queues: model.queues.map(\.name))
    }

    func simulate(_ model: SimulationModel, recordDecisions: Bool) throws -> [ReplicationCounters] {
        let simulator: Simulator
        do { simulator = try Simulator(model: model) } catch {
            throw CheckInputError("\(model.name): \(error)")
        }
        let bar = ProgressBar(label: model.name, quiet: quiet)
        defer { bar.finish() }
        return simulator.runReplications(threads: threads, recordDecisions: recordDecisions) { bar.update($0) }
    }

    /// With `--exact` and differing digests: re-runs replication 0 with its
    /// decisions recorded and finds the first decision that differs from the
    /// baseline's log.
    func explainMismatch(_ model: SimulationModel, baseline: Baseline, nowDigests: [String]) throws -> [String] {
        let first = zip(baseline.digests, nowDigests).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
        guard first == 0 else {
            return ["replication 0 is identical; replication \(first) differs (the baseline keeps the decisions of replication 0 only)"]
        }
        var one = model
        one.replications = 1 // replication 0 uses the same streams whatever the count
        let decisions = try simulate(one, recordDecisions: true).first?.decisions ?? []
        let agents = model.routing.agents.map(\.id), queues = model.queues.map(\.name)
        guard let difference = DecisionDifference.first(before: baseline.decisions, beforeComplete: baseline.decisionsComplete,
                                                        after: decisions) else {
            return ["the first \(baseline.decisions.count) decisions of replication 0 are identical; "
                + "the difference lies beyond those the baseline keeps (\(baseline.decisionCounts[0]) then, \(decisions.count) now)"]
        }
        return difference.lines(replication: 0, baseline: baseline, agents: agents, queues: queues)
    }

    /// `--update`: runs the scenario, writes its baseline, prints what moved.
    func updateBaseline(_ model: SimulationModel) throws {
        let path = baselinePath(model)
        let old = FileManager.default.contents(atPath: path).flatMap { try? Baseline.parse($0, file: path) }
        let counters = try simulate(model, recordDecisions: true)
        let baseline = Baseline(model: model, counters: counters)
        let text = baseline.json
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CheckInputError("\(path): cannot write the baseline: \(error.localizedDescription)")
        }
        let size = formatNumber(Double(text.utf8.count) / 1024, digits: 0)
        if let old {
            print("\(model.name): updated \(path) (\(size) KiB)")
            for line in baseline.changes(from: old) { print("  " + line) }
        } else {
            print("\(model.name): created \(path) (\(size) KiB, seed \(model.seed), \(model.replications) replications)")
        }
        if !baseline.decisionsComplete {
            print("  decision log of replication 0 cut to the first \(baseline.decisions.count) of \(baseline.decisionCounts[0]) decisions")
        }
    }
}
