import RoutingCore
import Simulation

/// One queue in one staffing interval: the analytic parameters and the
/// fewest agents meeting the target (0 when no contacts arrive).
public struct IntervalRequirement: Sendable, Equatable {
    public var parameters: QueueParameters
    /// nil when no contacts arrive in the interval.
    public var solution: StaffingSolution?
    public var requiredAgents: Int { solution?.requiredAgents ?? 0 }
}

/// Single-skill staffing, interval by interval: each queue is staffed on its
/// own with Erlang A (patience given: exponential with its mean) or Erlang C,
/// handle time = talk mean (times the assigned group's handle-time factor) +
/// wrap-up mean, arrivals less the IVR's containment share and later by its
/// mean time (the contacts leaving it), and assigned to one group.
public struct IntervalStaffing: Sendable {
    /// `requirements[q][i]`: queue `q`, staffing interval `i`.
    public var requirements: [[IntervalRequirement]]
    /// `assignment[q]`: the group that staffs queue `q` (the group meeting the
    /// queue's first requirement step with the lowest cost per productive
    /// hour, cost / (1 − shrinkage); ties: the group serving fewest queues,
    /// then the first).
    public var assignment: [Int]
    public var plan: StaffingPlan

    /// - Throws: `StaffingError` when a queue has no target, no group meets
    ///   its first requirement step, or a target is out of range or unreachable.
    public init(model: SimulationModel, options: StaffingOptions, maxAgents: Int = 100_000) throws {
        try options.validate(groups: model.groups.map(\.name))
        let n = model.staffingIntervalCount
        var assignment: [Int] = []
        var requirements: [[IntervalRequirement]] = []
        for (q, queue) in model.queues.enumerated() {
            let target = options.target(for: queue)
            guard !target.isEmpty else {
                throw StaffingError.invalid("queue \(queue.name) has no target: give it `target:` in the scenario or use --max-asa/--max-abandon/--max-occupancy")
            }
            do { try target.validate() } catch StaffingError.invalid(let what) {
                throw StaffingError.invalid("queue \(queue.name): \(what)")
            }
            let candidates = firstStepGroups(model, queue: q)
            guard let best = candidates.min(by: { a, b in
                let ca = options.costPerProductiveHour(of: model.groups[a].name)
                let cb = options.costPerProductiveHour(of: model.groups[b].name)
                if ca != cb { return ca < cb }
                if model.groups[a].serves.count != model.groups[b].serves.count {
                    return model.groups[a].serves.count < model.groups[b].serves.count
                }
                return a < b
            }) else {
                throw StaffingError.invalid("queue \(queue.name): no agent group meets its first requirement step")
            }
            assignment.append(best)
            let level = model.groups[best].agentTemplate(in: model.routing).skills
                .first { $0.skill == queue.name }?.level
            let factor = queue.handleTimeFactors?.factor(level: level) ?? 1
            let aht = queue.talkTime.mean * factor + (queue.wrapUp?.mean ?? 0)
            let passed = 1 - (queue.ivr?.containment ?? 0), delay = queue.ivr?.time.mean ?? 0
            let erlang: ErlangModel = queue.patience.map { .a(patienceSeconds: $0.mean) } ?? .c
            var row: [IntervalRequirement] = []
            for i in 0..<n {
                // Contacts entering the queue in interval i arrived `delay` earlier, from time 0 on.
                let from = max(0, Double(i) * model.intervalSeconds - delay)
                let to = Double(i + 1) * model.intervalSeconds - delay
                let rate = to <= from ? 0 : passed * meanArrivalRate(queue, from: from, to: to) * (to - from) / model.intervalSeconds
                let p = QueueParameters(arrivalRatePerSecond: rate, ahtSeconds: aht, model: erlang,
                                        targetSeconds: queue.target?.withinSeconds ?? 0)
                guard rate > 0 else { row.append(IntervalRequirement(parameters: p, solution: nil)); continue }
                do {
                    row.append(IntervalRequirement(parameters: p, solution: try solveStaffing(p, target: target, maxAgents: maxAgents)))
                } catch let e as StaffingError {
                    throw StaffingError.unreachable("queue \(queue.name), interval \(i): \(e)")
                }
            }
            requirements.append(row)
        }
        var required = Array(repeating: Array(repeating: 0, count: n), count: model.groups.count)
        for q in model.queues.indices {
            for i in 0..<n { required[assignment[q]][i] += requirements[q][i].requiredAgents }
        }
        self.requirements = requirements
        self.assignment = assignment
        self.plan = StaffingPlan(groupNames: model.groups.map(\.name), intervalSeconds: model.intervalSeconds,
                                 required: required, options: options)
    }
}

/// The groups whose agents meet queue `q`'s requirement before any expansion.
public func firstStepGroups(_ model: SimulationModel, queue q: Int) -> [Int] {
    let step = model.routing.queues[q].requirement
    return model.groups.indices.filter { g in
        let group = model.groups[g]
        let agent = group.agentTemplate(in: model.routing)
        if step.groups.contains(group.name) || agent.groups.contains(where: step.groups.contains) { return true }
        func meets(_ r: SkillLevel) -> Bool { agent.skills.contains { $0.skill == r.skill && $0.level >= r.level } }
        return (!step.allOf.isEmpty || !step.anyOf.isEmpty) && step.allOf.allSatisfy(meets)
            && (step.anyOf.isEmpty || step.anyOf.contains(where: meets))
    }
}

/// Mean arrival rate (per second) of `queue` over [start, end): the
/// piecewise-constant profile (repeating) times any surge factors.
public func meanArrivalRate(_ queue: QueueModel, from start: Double, to end: Double) -> Double {
    guard end > start, !queue.ratesPerSecond.isEmpty, queue.arrivalIntervalSeconds > 0 else { return 0 }
    var cuts: [Double] = [start, end]
    let w = queue.arrivalIntervalSeconds
    var k = (start / w).rounded(.down) + 1
    while k * w < end { cuts.append(k * w); k += 1 }
    for s in queue.surges {
        if s.start > start && s.start < end { cuts.append(s.start) }
        if s.end > start && s.end < end { cuts.append(s.end) }
    }
    cuts.sort()
    var total = 0.0
    for j in 0..<(cuts.count - 1) where cuts[j + 1] > cuts[j] {
        let mid = (cuts[j] + cuts[j + 1]) / 2
        var rate = queue.ratesPerSecond[Int((mid / w).rounded(.down)) % queue.ratesPerSecond.count]
        for s in queue.surges where s.start <= mid && mid < s.end { rate *= s.factor }
        total += rate * (cuts[j + 1] - cuts[j])
    }
    return total / (end - start)
}
