import Simulation

/// How a staffing plan fares in simulation: per queue and staffing interval,
/// whether its targets are met.
public struct PlanEvaluation: Sendable {
    public var plan: StaffingPlan
    public var result: SimulationResult
    /// `metByMean[q][i]`: the mean estimates meet every target of queue `q` in
    /// staffing interval `i` (true when the interval is not reported or has no contacts).
    public var metByMean: [[Bool]]
    /// `metByCI[q][i]`: not below target with confidence: the 95% intervals
    /// reach every target (service level CI high ≥ target, CI low ≤ each maximum).
    public var metByCI: [[Bool]]

    /// Share of (queue, interval) pairs with a target meeting it.
    public func shareMet(byCI: Bool) -> Double {
        let m = byCI ? metByCI : metByMean
        let all = m.reduce(0) { $0 + $1.count }
        return all == 0 ? 1 : Double(m.reduce(0) { $0 + $1.filter { $0 }.count }) / Double(all)
    }

    /// Intervals of queue `q` meeting its target (by CI or by mean).
    public func intervalsMet(queue q: Int, byCI: Bool) -> Int {
        (byCI ? metByCI : metByMean)[q].filter { $0 }.count
    }
}

/// The outcome of the simulation-based search.
public struct SimulationStaffingOutcome: Sendable {
    /// Interval-by-interval Erlang, each skill staffed separately, as simulated.
    public var erlang: PlanEvaluation
    /// After the iterative (ISA-style) correction with each queue kept on its group.
    public var iterative: PlanEvaluation
    /// After the multi-skill search (greedy removal with common random numbers).
    public var final: PlanEvaluation
    /// Simulations run (each with every replication, same seed).
    public var simulations: Int
}

/// Simulation-based staffing with the shared routing core. Every candidate
/// is simulated with the model's seed and replications (common random
/// numbers), so differences between candidates are due to the staffing only.
public struct SimulationStaffing: Sendable {
    public let model: SimulationModel
    public let options: StaffingOptions
    public let threads: Int?
    /// Upper bound of simulations, for progress reporting and to bound the run.
    public var maxSimulations = 40

    public init(model: SimulationModel, options: StaffingOptions, threads: Int? = nil) {
        self.model = model
        self.options = options
        self.threads = threads
    }

    /// Simulates `required` headcounts (agents on duty, so with no absence)
    /// and judges every queue and interval.
    public func evaluate(_ required: [[Int]]) throws -> PlanEvaluation {
        let plan = StaffingPlan(groupNames: model.groups.map(\.name), intervalSeconds: model.intervalSeconds,
                                required: required, options: options)
        let simulator = try Simulator(model: model.withHeadcounts(required, onDuty: true))
        let result = simulator.run(threads: threads)
        let n = model.staffingIntervalCount
        let offset = model.firstReportedInterval
        var byMean = Array(repeating: Array(repeating: true, count: n), count: model.queues.count)
        var byCI = byMean
        for q in model.queues.indices {
            let target = options.target(for: model.queues[q])
            for (r, f) in result.intervals[q].enumerated() where r + offset < n {
                let i = r + offset
                if let sl = target.serviceLevel, !f.serviceLevel.mean.isNaN {
                    if f.serviceLevel.mean < sl { byMean[q][i] = false }
                    if f.serviceLevel.ciHigh < sl { byCI[q][i] = false }
                }
                if let asa = target.maxASA, !f.asa.mean.isNaN {
                    if f.asa.mean > asa { byMean[q][i] = false }
                    if f.asa.ciLow > asa { byCI[q][i] = false }
                }
                if let ab = target.maxAbandon, !f.abandonRate.mean.isNaN {
                    if f.abandonRate.mean > ab { byMean[q][i] = false }
                    if f.abandonRate.ciLow > ab { byCI[q][i] = false }
                }
                if let occ = target.maxOccupancy, !f.occupancy.mean.isNaN {
                    if f.occupancy.mean > occ { byMean[q][i] = false }
                    if f.occupancy.ciLow > occ { byCI[q][i] = false }
                }
            }
        }
        return PlanEvaluation(plan: plan, result: result, metByMean: byMean, metByCI: byCI)
    }

    /// Runs the search: Erlang start, iterative correction per assigned group,
    /// then multi-skill greedy removal by cost with repairs. `progress` gets
    /// the share of the simulation budget used.
    public func run(progress: (Double) -> Void = { _ in }) throws -> SimulationStaffingOutcome {
        let erlang = try IntervalStaffing(model: model, options: options)
        let n = model.staffingIntervalCount
        let groups = model.groups.indices
        let offset = model.firstReportedInterval
        var sims = 0
        func simulate(_ h: [[Int]]) throws -> PlanEvaluation {
            let e = try evaluate(h)
            sims += 1
            progress(min(1, Double(sims) / Double(maxSimulations)))
            return e
        }
        /// How far below its service-level target queue `q` is in interval `i` (0 if met).
        func deficit(_ e: PlanEvaluation, _ q: Int, _ i: Int) -> Double {
            guard !e.metByMean[q][i] else { return 0 }
            let r = i - offset
            guard let sl = options.target(for: model.queues[q]).serviceLevel, r >= 0,
                  r < e.result.intervals[q].count else { return 0.05 }
            return max(0.05, sl - e.result.intervals[q][r].serviceLevel.mean)
        }
        /// Raises the assigned group of every missed (queue, interval).
        func repair(_ h: inout [[Int]], _ e: PlanEvaluation) -> Bool {
            var raised = false
            for q in model.queues.indices {
                for i in 0..<n where !e.metByMean[q][i] {
                    let g = erlang.assignment[q]
                    let base = max(1, erlang.requirements[q][i].requiredAgents)
                    h[g][i] += max(1, Int((deficit(e, q, i) * Double(base) * 0.5).rounded(.up)))
                    raised = true
                }
            }
            return raised
        }

        // 1. Erlang, interval by interval, each skill on its own.
        var h = erlang.plan.required
        let erlangEvaluation = try simulate(h)
        var current = erlangEvaluation

        // 2. Iterative correction (ISA-style): raise where a queue misses its
        // target, lower where every queue the group staffs is comfortably above.
        for round in 0..<8 {
            var changed = repair(&h, current)
            if !changed && round < 2 {
                for g in groups {
                    let staffed = model.queues.indices.filter { erlang.assignment[$0] == g }
                    for i in 0..<n where h[g][i] > 1 {
                        let r = i - offset
                        let comfortable = staffed.allSatisfy { q in
                            guard let sl = options.target(for: model.queues[q]).serviceLevel, r >= 0,
                                  r < current.result.intervals[q].count else { return false }
                            let f = current.result.intervals[q][r].serviceLevel
                            return !f.ciLow.isNaN && f.ciLow >= min(0.99, sl + 0.1)
                        }
                        if comfortable && !staffed.isEmpty { h[g][i] -= 1; changed = true }
                    }
                }
            }
            if !changed { break }
            current = try simulate(h)
        }
        while sims < maxSimulations, repair(&h, current) { current = try simulate(h) }
        let iterative = current

        // 3. Multi-skill: greedy removal, groups most expensive per productive
        // hour first (then specialists, whom pooled multi-skilled agents
        // cover), with common random numbers; accept a removal in interval i
        // when every queue still meets its target by the mean in i and i + 1.
        let order = groups.sorted { a, b in
            let ca = options.costPerProductiveHour(of: model.groups[a].name)
            let cb = options.costPerProductiveHour(of: model.groups[b].name)
            if ca != cb { return ca > cb }
            if model.groups[a].serves.count != model.groups[b].serves.count {
                return model.groups[a].serves.count < model.groups[b].serves.count
            }
            return a < b
        }
        func allMet(_ e: PlanEvaluation, _ i: Int) -> Bool {
            model.queues.indices.allSatisfy { q in e.metByMean[q][i] && (i + 1 >= n || e.metByMean[q][i + 1]) }
        }
        var frozen = Array(repeating: Array(repeating: false, count: n), count: model.groups.count)
        round: for round in 0..<3 {
            var accepted = false
            for g in order {
                guard sims + 2 < maxSimulations else { break round }
                var candidate = h
                var touched: [Int] = []
                for i in 0..<n where h[g][i] > 0 && !frozen[g][i] && allMet(current, i) {
                    candidate[g][i] -= round == 0 ? max(1, h[g][i] / 12) : 1
                    touched.append(i)
                }
                guard !touched.isEmpty else { continue }
                let e = try simulate(candidate)
                var all = true
                for i in touched {
                    if allMet(e, i) { h[g][i] = candidate[g][i]; accepted = true } else {
                        all = false
                        if round > 0 { frozen[g][i] = true }
                    }
                }
                if all { current = e } else {
                    current = try simulate(h)
                    while sims < maxSimulations, repair(&h, current) { current = try simulate(h) }
                }
            }
            if !accepted { break }
        }
        while sims < maxSimulations + 10, repair(&h, current) { current = try simulate(h) }
        progress(1)
        return SimulationStaffingOutcome(erlang: erlangEvaluation, iterative: iterative, final: current, simulations: sims)
    }
}
