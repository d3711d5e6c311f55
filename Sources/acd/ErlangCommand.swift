import ArgumentParser
import Foundation
import Reports
import Staffing

/// How a command prints its result on stdout.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `acd erlang`: the analyst's calculator for Erlang B, C and A.
struct ErlangCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erlang",
        abstract: "Erlang B, C and A figures for one queue, or the fewest agents that meet a target.",
        discussion: """
            With --agents, prints the figures at that staffing. Without it, give at least one \
            target (--service-level, --max-asa, --max-abandon, --max-occupancy) and it prints \
            the fewest agents that meet them all, the scheduled agents after --shrinkage, and \
            the figures at the required staffing.
            Example: acd erlang --model a --arrival-rate 6000 --aht 180 --patience 120 --service-level 0.8
            """
    )

    enum Model: String, ExpressibleByArgument, CaseIterable { case b, c, a }

    @Option(help: "Queueing model: b (loss), c (infinite patience) or a (exponential patience).")
    var model: Model = .c

    @Option(parsing: .unconditional, help: "Offered calls per hour (> 0).")
    var arrivalRate: Double

    @Option(parsing: .unconditional, help: "Average handle time in seconds (> 0).")
    var aht: Double

    @Option(parsing: .unconditional, help: "Agents answering the queue (≥ 1). Omit to solve for the fewest agents.")
    var agents: Int?

    @Option(parsing: .unconditional, help: "Mean patience in seconds before a caller abandons (Erlang A only, > 0).")
    var patience: Double?

    @Option(parsing: .unconditional, help: "Service-level threshold T in seconds (≥ 0).")
    var target: Double = 20

    @Option(parsing: .unconditional, help: "Solve: required share answered within --target, over offered calls (0..1].")
    var serviceLevel: Double?

    @Option(parsing: .unconditional, help: "Solve: maximum average speed of answer, in seconds (> 0).")
    var maxAsa: Double?

    @Option(parsing: .unconditional, help: "Solve: maximum share of calls abandoned (Erlang A) or blocked (Erlang B), 0..1.")
    var maxAbandon: Double?

    @Option(parsing: .unconditional, help: "Solve: maximum occupancy, (0..1].")
    var maxOccupancy: Double?

    @Option(parsing: .unconditional, help: "Solve: share of paid time agents cannot take calls, [0..1), for scheduled agents.")
    var shrinkage: Double = 0

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    private var solving: Bool { agents == nil }

    func validate() throws {
        guard arrivalRate.isFinite, arrivalRate > 0 else {
            throw ValidationError("--arrival-rate must be a positive number of calls per hour, got \(arrivalRate)")
        }
        guard aht.isFinite, aht > 0 else {
            throw ValidationError("--aht must be a positive number of seconds, got \(aht)")
        }
        guard target.isFinite, target >= 0 else {
            throw ValidationError("--target must be zero or a positive number of seconds, got \(target)")
        }
        if let agents, agents < 1 {
            throw ValidationError("--agents must be at least 1, got \(agents)")
        }
        switch (model, patience) {
        case (.a, nil):
            throw ValidationError("--patience is required with --model a")
        case (.a, let p?) where !(p.isFinite && p > 0):
            throw ValidationError("--patience must be a positive number of seconds, got \(p)")
        case (.b, _?), (.c, _?):
            throw ValidationError("--patience applies only to --model a (Erlang \(model.rawValue.uppercased()) has no abandonment)")
        default:
            break
        }
        if let sl = serviceLevel, !(sl > 0 && sl <= 1) {
            throw ValidationError("--service-level must be in (0, 1], got \(sl)")
        }
        if let asa = maxAsa, !(asa.isFinite && asa > 0) {
            throw ValidationError("--max-asa must be a positive number of seconds, got \(asa)")
        }
        if let ab = maxAbandon, !(ab >= 0 && ab <= 1) {
            throw ValidationError("--max-abandon must be in [0, 1], got \(ab)")
        }
        if let occ = maxOccupancy, !(occ > 0 && occ <= 1) {
            throw ValidationError("--max-occupancy must be in (0, 1], got \(occ)")
        }
        guard shrinkage >= 0 && shrinkage < 1 else {
            throw ValidationError("--shrinkage must be in [0, 1), got \(shrinkage)")
        }
        let hasTarget = serviceLevel != nil || maxAsa != nil || maxAbandon != nil || maxOccupancy != nil
        if solving && !hasTarget {
            throw ValidationError("give --agents, or at least one of --service-level, --max-asa, --max-abandon, --max-occupancy to solve")
        }
        if !solving && (hasTarget || shrinkage != 0) {
            throw ValidationError("--service-level, --max-asa, --max-abandon, --max-occupancy and --shrinkage solve for agents; drop them or drop --agents")
        }
        if solving && model == .c && maxAbandon != nil {
            throw ValidationError("--max-abandon applies to --model a or b (Erlang C has no abandonment)")
        }
    }

    private var parameters: QueueParameters {
        let erlangModel: ErlangModel
        switch model {
        case .b: erlangModel = .b
        case .c: erlangModel = .c
        case .a: erlangModel = .a(patienceSeconds: patience!)
        }
        return QueueParameters(
            arrivalRatePerSecond: arrivalRate / 3600,
            ahtSeconds: aht,
            model: erlangModel,
            targetSeconds: target
        )
    }

    func run() throws {
        let p = parameters
        if let agents {
            print(render(queueFigures(p, agents: agents), solve: nil))
            return
        }
        let goal = StaffingTarget(
            serviceLevel: serviceLevel, maxASA: maxAsa,
            maxAbandon: maxAbandon, maxOccupancy: maxOccupancy
        )
        let solution: StaffingSolution
        do {
            solution = try solveStaffing(p, target: goal)
        } catch let error as StaffingError {
            throw ValidationError(error.description)
        }
        let scheduled = scheduledAgents(required: solution.requiredAgents, shrinkage: shrinkage)
        print(render(solution.figures, solve: (solution.requiredAgents, scheduled)))
    }

    private func render(_ f: QueueFigures, solve: (required: Int, scheduled: Int)?) -> String {
        switch format {
        case .json: return json(f, solve: solve)
        case .table: return table(f, solve: solve)
        }
    }

    private func json(_ f: QueueFigures, solve: (required: Int, scheduled: Int)?) -> String {
        var fields: [(String, JSONValue)] = [
            ("model", .string(model.rawValue)),
            ("offered_load", .number(f.offeredLoad)),
            ("agents", .int(f.agents)),
            ("p_wait", .number(f.pWait)),
            ("service_level", .number(f.serviceLevel)),
            ("service_level_answered", .number(f.serviceLevelAnswered)),
            ("asa", .number(f.asa)),
        ]
        if model != .c { fields.append(("p_abandon", .number(f.pAbandon))) }
        fields.append(("occupancy", .number(f.occupancy)))
        if let solve {
            fields.append(("required_agents", .int(solve.required)))
            fields.append(("scheduled_agents", .int(solve.scheduled)))
        }
        return JSONValue.object(fields).rendered(pretty: false)
    }

    private func table(_ f: QueueFigures, solve: (required: Int, scheduled: Int)?) -> String {
        let t = formatNumber(target, digits: 0)
        var rows: [(String, String)] = []
        let title: String
        switch model {
        case .b: title = "Erlang B (loss system: callers who find all agents busy are lost)"
        case .c: title = "Erlang C (M/M/n, no abandonment)"
        case .a: title = "Erlang A (M/M/n+M, mean patience \(formatNumber(patience!, digits: 0)) s)"
        }
        rows.append(("arrival rate", "\(formatNumber(arrivalRate, digits: 2)) calls/h"))
        rows.append(("average handle time", "\(formatNumber(aht, digits: 1)) s"))
        rows.append(("offered load", "\(formatNumber(f.offeredLoad, digits: 3)) Erlangs"))
        if let solve {
            rows.append(("required agents", "\(solve.required)"))
            rows.append(("scheduled agents", "\(solve.scheduled) (shrinkage \(formatNumber(shrinkage * 100, digits: 1))%)"))
        } else {
            rows.append(("agents", "\(f.agents)"))
        }
        rows.append(("probability of wait", percent(f.pWait)))
        rows.append(("service level", "\(percent(f.serviceLevel)) answered within \(t) s (of offered)"))
        rows.append(("", "\(percent(f.serviceLevelAnswered)) answered within \(t) s (of answered)"))
        rows.append(("average speed of answer", f.asa.isFinite ? "\(formatNumber(f.asa, digits: 2)) s" : "unbounded (load ≥ agents)"))
        if model == .a { rows.append(("abandonment", percent(f.pAbandon))) }
        if model == .b { rows.append(("blocked (lost)", percent(f.pAbandon))) }
        rows.append(("occupancy", percent(f.occupancy)))
        let width = rows.map(\.0.count).max() ?? 0
        let body = rows.map { label, value in
            label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
        }
        return ([title] + body).joined(separator: "\n")
    }

    private func percent(_ x: Double) -> String {
        x.isFinite ? formatNumber(x * 100, digits: 2) + "%" : "n/a"
    }
}

