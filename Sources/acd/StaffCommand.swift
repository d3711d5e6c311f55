import ArgumentParser
import Foundation
import Reports
import Scenario
import Simulation
import Staffing

enum StaffingMethod: String, ExpressibleByArgument, CaseIterable {
    case erlang, simulation
}

/// `acd staff`: agents per group and interval to meet every queue's target,
/// and the service level that staffing is forecast to deliver.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Staff every agent group per interval to meet the queues' targets, and forecast the service.",
        discussion: """
            --method erlang: each queue on its own, interval by interval, with Erlang A (patience given) \
            or Erlang C, assigned to the cheapest group meeting its first requirement step. \
            --method simulation: starts there, then corrects interval by interval by simulation \
            (carry-over between intervals), then removes agents where pooled multi-skilled groups \
            cover the load, every candidate simulated with the same seed (common random numbers). \
            Writes staffing.csv, forecast.csv and report.html to --out (default Results/<name>/staffing/).
            """
    )

    @Argument(help: "Scenario file (YAML). Default: the embedded utility-hotline scenario.")
    var scenario: String?

    @Option(help: "erlang or simulation.")
    var method: StaffingMethod = .erlang

    @Option(help: "Directory for staffing.csv, forecast.csv and report.html.")
    var out: String?

    @Option(help: "Output format on stdout: table or json.")
    var format: OutputFormat = .table

    // `.unconditional`: `--max-abandon -1` is a bad value, not a missing one.
    @Option(name: .customLong("max-asa"), parsing: .unconditional, help: "Maximum ASA, seconds (> 0), for every queue.")
    var maxASA: Double?

    @Option(name: .customLong("max-abandon"), parsing: .unconditional, help: "Maximum abandonment share, [0, 1], for every queue.")
    var maxAbandon: Double?

    @Option(name: .customLong("max-occupancy"), parsing: .unconditional, help: "Maximum occupancy share, (0, 1], for every queue.")
    var maxOccupancy: Double?

    @Option(help: "Shrinkage for the groups without their own (0.3), or for one group, overriding its own (group=0.3); repeatable.")
    var shrinkage: [String] = []

    @Option(help: "Cost per agent-hour of a group (group=1.2; default 1); repeatable.")
    var cost: [String] = []

    @OptionGroup var runOptions: RunOptions

    /// The target options in the ranges the scenario's `max_asa`,
    /// `max_abandon` and `max_occupancy` allow.
    func validate() throws {
        try Self.require(maxASA, "--max-asa", "a number of seconds > 0 and at most 1e9") {
            $0 > 0 && $0 <= ScenarioLimits.longestDuration
        }
        try Self.require(maxAbandon, "--max-abandon", "in [0, 1]") { $0 >= 0 && $0 <= 1 }
        try Self.require(maxOccupancy, "--max-occupancy", "in (0, 1]") { $0 > 0 && $0 <= 1 }
    }

    /// A usage error naming `option` and its `range` unless `value` (when given) passes `valid`.
    private static func require(_ value: Double?, _ option: String, _ range: String, _ valid: (Double) -> Bool) throws {
        if let value, !valid(value) { throw ValidationError("\(option) must be \(range), got \(value)") }
    }

    /// A usage error at `queues[q]` of the scenario file for the first queue
    /// with no target, from the scenario or the options.
    func requireTargets(_ loaded: Scenario, _ model: SimulationModel, _ options: StaffingOptions) throws {
        guard let q = model.queues.firstIndex(where: { options.target(for: $0).isEmpty }) else { return }
        let error = loaded.error(atQueue: q, "queue \(model.queues[q].name) has no target: give it `target:` "
                                 + "or use --max-asa/--max-abandon/--max-occupancy")
        throw ValidationError(error.description)
    }

    func staffingOptions() throws -> StaffingOptions {
        var o = StaffingOptions(maxASA: maxASA, maxAbandon: maxAbandon, maxOccupancy: maxOccupancy)
        for s in shrinkage {
            if let (group, value) = try keyValue(s, option: "--shrinkage") { o.shrinkageByGroup[group] = value } else {
                guard let v = Double(s) else { throw ValidationError("--shrinkage \(s): expected a share or group=share") }
                o.shrinkage = v
            }
        }
        for c in cost {
            guard let (group, value) = try keyValue(c, option: "--cost") else {
                throw ValidationError("--cost \(c): expected group=cost")
            }
            o.costByGroup[group] = value
        }
        return o
    }

    private func keyValue(_ s: String, option: String) throws -> (String, Double)? {
        guard let eq = s.firstIndex(of: "=") else { return nil }
        let key = String(s[..<eq]), text = String(s[s.index(after: eq)...])
        guard !key.isEmpty, let v = Double(text) else { throw ValidationError("\(option) \(s): expected group=number") }
        return (key, v)
    }

    func run() throws {
        let loaded = try loadScenario(scenario)
        let model = runOptions.applied(to: loaded.model)
        let options = try staffingOptions().withDefaults(from: model.groups)
        do { try options.validate(groups: model.groups.map(\.name)) } catch let e as StaffingError {
            throw ValidationError(e.description)
        }
        try requireTargets(loaded, model, options)
        let directory = try ResultDirectory(given: out, default: "Results/\(model.name)/staffing")
        let start = ContinuousClock.now
        let outcome: StaffOutcome
        do {
            outcome = try StaffOutcome.compute(model: model, options: options, method: method,
                                               threads: runOptions.threads, quiet: runOptions.quiet)
        } catch let e as StaffingError {
            throw ValidationError(e.description)
        }
        let wall = (ContinuousClock.now - start) / .seconds(1)
        try directory.write([("staffing.csv", outcome.staffingCSV), ("forecast.csv", outcome.forecastCSV),
                             ("report.html", outcome.html)])
        switch format {
        case .json: print(outcome.json.rendered(pretty: true))
        case .table:
            print(outcome.table, terminator: "")
            print("\(outcome.simulations) simulation(s) in \(formatNumber(wall, digits: 1)) s; files in \(directory.path)/")
        }
    }
}

/// The plan, its forecast and, for the simulation method, the comparison.
struct StaffOutcome {
    var model: SimulationModel
    var options: StaffingOptions
    var method: StaffingMethod
    var forecast: PlanEvaluation
    /// Simulation method: the Erlang plan and the iterative (single-skill) plan, simulated.
    var erlang: PlanEvaluation?
    var iterative: PlanEvaluation?
    var simulations: Int

    var plan: StaffingPlan { forecast.plan }

    static func compute(model: SimulationModel, options: StaffingOptions, method: StaffingMethod,
                        threads: Int?, quiet: Bool) throws -> StaffOutcome {
        let bar = ProgressBar(label: "\(model.name) staffing", quiet: quiet)
        defer { bar.finish() }
        let staffing = SimulationStaffing(model: model, options: options, threads: threads)
        switch method {
        case .erlang:
            let erlang = try IntervalStaffing(model: model, options: options)
            let forecast = try staffing.evaluate(erlang.plan.required)
            return StaffOutcome(model: model, options: options, method: method, forecast: forecast,
                                erlang: nil, iterative: nil, simulations: 1)
        case .simulation:
            let o = try staffing.run { bar.update($0) }
            return StaffOutcome(model: model, options: options, method: method, forecast: o.final,
                                erlang: o.erlang, iterative: o.iterative, simulations: o.simulations)
        }
    }

    func label(_ i: Int) -> String { clockLabel(Double(i) * model.intervalSeconds) }

    var staffingCSV: String {
        var s = "interval,group,required,scheduled\n"
        for i in 0..<plan.intervalCount {
            for g in plan.groupNames.indices {
                s += "\(label(i)),\(csvField(plan.groupNames[g])),\(plan.required[g][i]),\(plan.scheduled[g][i])\n"
            }
        }
        return s
    }

    var forecastCSV: String {
        var s = "interval,queue,offered,service_level,service_level_ci_low,service_level_ci_high,target,asa,abandon_rate,occupancy,meets_target,ci_reaches_target\n"
        let offset = model.firstReportedInterval
        let r = forecast.result
        for k in 0..<(r.intervals.first?.count ?? 0) {
            let i = k + offset
            guard i < plan.intervalCount else { break }
            for q in r.queueNames.indices {
                let f = r.intervals[q][k]
                let target = model.queues[q].target.map { fixed($0.serviceLevel, 3) } ?? ""
                s += "\(clockLabel(r.grid.start(of: k))),\(csvField(r.queueNames[q])),\(fixed(f.offered.mean, 2)),\(fixed(f.serviceLevel.mean, 4)),"
                    + "\(fixed(f.serviceLevel.ciLow, 4)),\(fixed(f.serviceLevel.ciHigh, 4)),\(target),"
                    + "\(fixed(f.asa.mean, 2)),\(fixed(f.abandonRate.mean, 4)),\(fixed(f.occupancy.mean, 4)),"
                    + "\(yesNo(forecast.metByMean[q][i])),\(yesNo(forecast.metByCI[q][i]))\n"
            }
        }
        return s
    }

    private func yesNo(_ b: Bool) -> String { b ? "yes" : "no" }

    /// Rows of the comparison: plan name and evaluation.
    var comparison: [(String, PlanEvaluation)] {
        var rows: [(String, PlanEvaluation)] = []
        if let erlang { rows.append(("erlang per skill", erlang)) }
        if let iterative { rows.append(("iterative per skill", iterative)) }
        rows.append((method == .erlang ? "erlang per skill" : "multi-skill", forecast))
        return rows
    }

    var table: String {
        var s = "\(model.name): \(method.rawValue) staffing, \(plan.intervalCount) intervals of \(Int(model.intervalSeconds / 60)) min, \(model.replications) replications, seed \(model.seed)\n"
        s += "group".padRight(18) + "agent-h".padLeft(10) + "scheduled-h".padLeft(13)
            + "cost".padLeft(10) + "peak".padLeft(7) + "\n"
        for g in plan.groupNames.indices {
            s += plan.groupNames[g].padRight(18) + fixed(plan.agentHours(group: g), 1).padLeft(10)
                + fixed(plan.scheduledAgentHours(group: g), 1).padLeft(13)
                + fixed(plan.cost(options, group: g), 1).padLeft(10)
                + String(plan.required[g].max() ?? 0).padLeft(7) + "\n"
        }
        s += "total".padRight(18) + fixed(plan.agentHours(), 1).padLeft(10)
            + fixed(plan.scheduledAgentHours(), 1).padLeft(13) + fixed(plan.cost(options), 1).padLeft(10) + "\n"
        s += "(cost: scheduled agent-hours × cost per agent-hour)\n"
        s += "queue".padRight(18) + "intervals meeting target (CI reaches it / mean meets it)\n"
        let n = plan.intervalCount
        for q in model.queues.indices {
            s += model.queues[q].name.padRight(18)
                + "\(forecast.intervalsMet(queue: q, byCI: true))/\(n) / \(forecast.intervalsMet(queue: q, byCI: false))/\(n)\n"
        }
        if comparison.count > 1 {
            s += "plan".padRight(22) + "agent-h".padLeft(10) + "cost".padLeft(10)
                + "met(CI)".padLeft(9) + "met(mean)".padLeft(11) + "\n"
            for (name, e) in comparison {
                s += name.padRight(22) + fixed(e.plan.agentHours(), 1).padLeft(10)
                    + fixed(e.plan.cost(options), 1).padLeft(10)
                    + (fixed(100 * e.shareMet(byCI: true), 1) + "%").padLeft(9)
                    + (fixed(100 * e.shareMet(byCI: false), 1) + "%").padLeft(11) + "\n"
            }
            s += "met: share of (queue, interval) pairs, judged on seed \(model.seed), the seed of the search (in-sample); "
                + "check another: acd simulate --staffing staffing.csv --seed N\n"
            if let erlang {
                s += "pooling saved \(fixed(erlang.plan.agentHours() - plan.agentHours(), 1)) agent-hours "
                    + "(\(fixed(100 * (1 - plan.agentHours() / erlang.plan.agentHours()), 1))%) and "
                    + "\(fixed(erlang.plan.cost(options) - plan.cost(options), 1)) cost vs per-skill Erlang"
                if let iterative {
                    s += "; \(fixed(iterative.plan.agentHours() - plan.agentHours(), 1)) agent-hours vs per-skill iterative"
                }
                s += "\n"
            }
        }
        return s
    }

    var json: JSONValue {
        func planJSON(_ e: PlanEvaluation) -> JSONValue {
            .object([("agent_hours", .number(e.plan.agentHours())), ("scheduled_agent_hours", .number(e.plan.scheduledAgentHours())),
                     ("cost", .number(e.plan.cost(options))),
                     ("share_met_ci", .number(e.shareMet(byCI: true))), ("share_met_mean", .number(e.shareMet(byCI: false)))])
        }
        return .object([
            ("scenario", .string(model.name)), ("method", .string(method.rawValue)),
            ("replications", .int(model.replications)), ("seed", .unsigned(model.seed)),
            ("simulations", .int(simulations)),
            ("plan", planJSON(forecast)),
            ("groups", .array(plan.groupNames.indices.map { g in
                .object([("name", .string(plan.groupNames[g])), ("required", .array(plan.required[g].map { .int($0) })),
                         ("scheduled", .array(plan.scheduled[g].map { .int($0) }))])
            })),
            ("comparison", .object(comparison.map { ($0.0.replacingOccurrences(of: " ", with: "_"), planJSON($0.1)) })),
        ])
    }

    /// For the simulation method: the plan's figures come from the seed it was searched with.
    var inSampleNote: String {
        method == .simulation
            ? " The plans are judged on seed \(model.seed), the seed the search used (in-sample); judge the final plan on another seed "
                + "with <code>acd simulate --staffing staffing.csv --seed N</code>."
            : ""
    }

    var html: String {
        let labels = (0..<plan.intervalCount).map(label)
        var charts: [SVGLineChart] = []
        for g in plan.groupNames.indices {
            var series = [ChartSeries(name: "required", values: plan.required[g].map(Double.init)),
                          ChartSeries(name: "scheduled", values: plan.scheduled[g].map(Double.init), dashed: true)]
            if let erlang { series.append(ChartSeries(name: "erlang per skill", values: erlang.plan.required[g].map(Double.init), dashed: true)) }
            charts.append(SVGLineChart(title: "\(plan.groupNames[g]): agents per interval", xLabels: labels,
                                       series: series, scale: .count))
        }
        let offset = model.firstReportedInterval
        for q in model.queues.indices {
            let est = forecast.result.intervals[q]
            func column(_ f: (FigureEstimates) -> Double) -> [Double] {
                (0..<plan.intervalCount).map { i in i - offset >= 0 && i - offset < est.count ? f(est[i - offset]) : .nan }
            }
            var series = [ChartSeries(name: "forecast", values: column { $0.serviceLevel.mean }),
                          ChartSeries(name: "CI low", values: column { $0.serviceLevel.ciLow }, dashed: true),
                          ChartSeries(name: "CI high", values: column { $0.serviceLevel.ciHigh }, dashed: true)]
            if let t = model.queues[q].target {
                series.append(ChartSeries(name: "target", values: Array(repeating: t.serviceLevel, count: plan.intervalCount), dashed: true))
            }
            charts.append(SVGLineChart(title: "\(model.queues[q].name): service level vs target", xLabels: labels,
                                       series: series, yRange: 0...1))
        }
        let rows = comparison.map { name, e in
            "<tr><td>\(escapeXML(name))</td><td>\(fixed(e.plan.agentHours(), 1))</td><td>\(fixed(e.plan.scheduledAgentHours(), 1))</td>"
                + "<td>\(fixed(e.plan.cost(options), 1))</td><td>\(fixed(100 * e.shareMet(byCI: true), 1))%</td>"
                + "<td>\(fixed(100 * e.shareMet(byCI: false), 1))%</td></tr>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>\(escapeXML(model.name)) — acd staff</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:900px}
            table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
            td:first-child,th:first-child{text-align:left}figure{margin:1.5em 0}
            </style></head><body>
            <h1>\(escapeXML(model.name)): \(method.rawValue) staffing</h1>
            <p>\(model.replications) replications per simulation, seed \(model.seed), \(simulations) simulation(s). \
            Cost: scheduled (paid) agent-hours × cost per agent-hour. Intervals meeting target: by CI, the 95% confidence interval \
            reaches every target (service level CI high ≥ target: not below it with confidence); by mean, the means meet every target.\(inSampleNote)</p>
            <table><tr><th>plan</th><th>agent-hours</th><th>scheduled agent-hours</th><th>cost</th><th>met (CI)</th><th>met (mean)</th></tr>
            \(rows)
            </table>
            \(charts.map { "<figure>\($0.svg)</figure>" }.joined(separator: "\n"))
            </body></html>

            """
    }
}

private extension String {
    func padRight(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    func padLeft(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
