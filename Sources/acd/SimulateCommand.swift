import ArgumentParser
import Foundation
import Reports
import Scenario
import Simulation
import Staffing

/// `acd simulate`: plays a scenario through the routing core and reports the
/// service customers would get.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a scenario and report service level, ASA, abandonment and occupancy.",
        discussion: """
            Without a scenario file, runs the embedded default (Scenarios/utility-hotline.yaml). \
            Writes summary.json, intervals.csv, agents.csv and report.html to --out \
            (default Results/<scenario name>/); the same scenario and seed give byte-identical files.
            """
    )

    @Argument(help: "Scenario file (YAML). Default: the embedded utility-hotline scenario.")
    var scenario: String?

    @Option(help: "Directory for summary.json, intervals.csv, agents.csv and report.html.")
    var out: String?

    @Option(help: "Output format on stdout: table or json.")
    var format: OutputFormat = .table

    @OptionGroup var runOptions: RunOptions

    @Option(help: "Staffing plan CSV (interval,group,headcount; interval HH:MM or 0-based index) replacing the staffing of the groups it names: headcount figures are scheduled agents (shrinkage absent), required figures (acd staff's staffing.csv) agents on duty.")
    var staffing: String?

    func run() throws {
        var model = runOptions.applied(to: try loadScenario(scenario).model)
        if let staffing { model = try applyStaffingPlan(staffing, to: model) }
        let simulator = try Simulator(model: model)
        let directory = try ResultDirectory(given: out, default: "Results/\(model.name)")
        let bar = ProgressBar(label: model.name, quiet: runOptions.quiet)
        let start = ContinuousClock.now
        let result = simulator.run(threads: runOptions.threads) { bar.update($0) }
        let wall = (ContinuousClock.now - start) / .seconds(1)
        bar.finish()
        for (q, count) in result.unresolved.enumerated() where count > 0 {
            FileHandle.standardError.writeLine("acd: warning: \(count) contacts of queue '\(result.queueNames[q])' (all replications together) were "
                       + "still waiting when the run ended: no agent could take them, and they had no patience")
        }
        let report = SimulationReport(result: result)
        try directory.write([
            ("summary.json", report.summaryJSON().rendered(pretty: true) + "\n"),
            ("intervals.csv", report.intervalsCSV),
            ("agents.csv", report.agentsCSV),
            ("report.html", report.html),
        ])
        switch format {
        case .json: print(report.summaryJSON(wallSeconds: wall).rendered(pretty: true))
        case .table:
            print(report.table, terminator: "")
            print(report.ewtTable, terminator: "")
            let perSecond = { (calls: Int) in formatNumber(Double(calls) / max(wall, 1e-9), digits: 0) }
            // `calls` leaves out the warm-up's contacts and those an IVR resolved.
            let counted = result.overall.ivrContained == nil ? "after warm-up" : "after warm-up and IVR"
            print("\(perSecond(result.simulatedCalls)) simulated calls/s (\(perSecond(result.calls)) \(counted)) over \(formatNumber(wall, digits: 2)) s; files in \(directory.path)/")
        }
    }
}

/// The model with the headcounts of the staffing plan CSV at `path` (acd staff, issue 6).
func applyStaffingPlan(_ path: String, to model: SimulationModel) throws -> SimulationModel {
    let text = try readText(path, "staffing plan")
    do {
        let plan = try StaffingPlanCSV(text, file: path, model: model)
        return model.withHeadcounts(plan.headcounts, onDuty: plan.onDuty)
    } catch let error as ScenarioError {
        throw ValidationError(error.description)
    }
}

/// Loads a scenario file, or the embedded default when `path` is nil;
/// problems become one-line errors naming file, line, column and field.
func loadScenario(_ path: String?) throws -> Scenario {
    let text: String
    let name: String
    if let path {
        text = try readText(path, "scenario file")
        name = path
    } else {
        text = DefaultScenario.text
        name = "utility-hotline.yaml (embedded)"
    }
    do {
        return try Scenario.parse(text, file: name)
    } catch let error as ScenarioError {
        throw ValidationError(error.description)
    }
}
