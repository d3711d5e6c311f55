import Foundation

/// Staffing targets; every non-nil target must hold. At least one is required.
public struct StaffingTarget: Sendable, Equatable {
    /// Minimum service level in [0, 1]: answered within `targetSeconds` / offered.
    public var serviceLevel: Double?
    /// Maximum ASA (mean wait of answered contacts), seconds, ≥ 0.
    public var maxASA: Double?
    /// Maximum abandonment share in [0, 1] (Erlang B: blocking share).
    public var maxAbandon: Double?
    /// Maximum occupancy share in [0, 1].
    public var maxOccupancy: Double?

    public init(serviceLevel: Double? = nil, maxASA: Double? = nil, maxAbandon: Double? = nil, maxOccupancy: Double? = nil) {
        self.serviceLevel = serviceLevel
        self.maxASA = maxASA
        self.maxAbandon = maxAbandon
        self.maxOccupancy = maxOccupancy
    }

    /// Throws `StaffingError.invalid` naming a target out of range, or when none is given.
    public func validate() throws {
        if let v = serviceLevel, !(0...1).contains(v) {
            throw StaffingError.invalid("service level target must be in [0, 1], got \(v)")
        }
        if let v = maxASA, !(v >= 0 && v.isFinite) {
            throw StaffingError.invalid("max ASA must be finite and ≥ 0 seconds, got \(v)")
        }
        if let v = maxAbandon, !(0...1).contains(v) {
            throw StaffingError.invalid("max abandon must be in [0, 1], got \(v)")
        }
        if let v = maxOccupancy, !(0...1).contains(v) {
            throw StaffingError.invalid("max occupancy must be in [0, 1], got \(v)")
        }
        if isEmpty { throw StaffingError.invalid("no staffing target given") }
    }

    /// Whether no target is given.
    public var isEmpty: Bool { serviceLevel == nil && maxASA == nil && maxAbandon == nil && maxOccupancy == nil }

    /// Whether `f` meets every given target.
    func isMet(by f: QueueFigures) -> Bool {
        if let v = serviceLevel, !(f.serviceLevel >= v) { return false }
        if let v = maxASA, !(f.asa <= v) { return false }
        if let v = maxAbandon, !(f.pAbandon <= v) { return false }
        if let v = maxOccupancy, !(f.occupancy <= v) { return false }
        return true
    }

    /// Names of the targets `f` misses, empty when all are met.
    func missed(by f: QueueFigures, targetSeconds: Double) -> [String] {
        var out: [String] = []
        if let v = serviceLevel, !(f.serviceLevel >= v) { out.append("service level \(v) within \(targetSeconds) s") }
        if let v = maxASA, !(f.asa <= v) { out.append("max ASA \(v) s") }
        if let v = maxAbandon, !(f.pAbandon <= v) { out.append("max abandon \(v)") }
        if let v = maxOccupancy, !(f.occupancy <= v) { out.append("max occupancy \(v)") }
        return out
    }
}

/// The fewest agents meeting a `StaffingTarget`, with the figures at that level.
public struct StaffingSolution: Sendable, Equatable {
    public var requiredAgents: Int
    public var figures: QueueFigures
}

/// The fewest agents (1…`maxAgents`) meeting all given targets; for Erlang C
/// only stable levels (agents > load) count.
///
/// Every figure is monotone in the number of agents (service level rises;
/// ASA, abandonment and occupancy fall), so the search gallops from the
/// offered load (up or down, doubling the step) and then bisects; Erlang B
/// values come from one recursion shared by all candidates.
///
/// - Throws: `StaffingError.invalid` for parameters or targets out of range;
///   `StaffingError.unreachable` naming the target when no level up to
///   `maxAgents` meets it (immediately for targets no finite staffing meets:
///   service level 1, abandonment 0 under Erlang A or B, ASA 0 under Erlang A
///   or C, occupancy 0).
/// - Complexity: O(load + log(answer − load)) Erlang B steps plus
///   O(log(answer − load)) figure evaluations.
public func solveStaffing(_ p: QueueParameters, target: StaffingTarget, maxAgents: Int = 100_000) throws -> StaffingSolution {
    try p.validate()
    try target.validate()
    guard maxAgents >= 1 else { throw StaffingError.invalid("max agents must be ≥ 1, got \(maxAgents)") }
    let hasQueue: Bool = if case .b = p.model { false } else { true }
    let hasLoss: Bool = if case .c = p.model { false } else { true }
    if target.serviceLevel == 1 {
        throw StaffingError.unreachable("service level 1 within \(p.targetSeconds) s: some contacts always wait or are lost")
    }
    if target.maxAbandon == 0, hasLoss {
        throw StaffingError.unreachable("max abandon 0: some contacts are always lost")
    }
    if target.maxASA == 0, hasQueue {
        throw StaffingError.unreachable("max ASA 0 s: some contacts always wait")
    }
    if target.maxOccupancy == 0 {
        throw StaffingError.unreachable("max occupancy 0: the offered load keeps agents busy")
    }

    let load = p.offeredLoad
    var ladder = ErlangBLadder(load: load)
    // Loads are clamped to the agent limit in floating point before any Int conversion.
    let cap = Double(maxAgents)
    let lowest: Int = if case .c = p.model { Int(min(load.rounded(.down), cap)) + 1 } else { 1 }
    guard lowest <= maxAgents else {
        throw StaffingError.unreachable("stability: \(load) Erlangs need more than \(maxAgents) agents")
    }
    func meets(_ n: Int) -> Bool {
        guard case .a(let patience) = p.model else {
            return target.isMet(by: figures(p, agents: n, ladder: &ladder))
        }
        // Erlang A: only the figures the targets need, cheapest first (same
        // computations as `queueFigures`).
        let q = ErlangAQueue(agents: n, arrivalRatePerSecond: p.arrivalRatePerSecond, ahtSeconds: p.ahtSeconds,
                             patienceSeconds: patience, ladder: &ladder)
        if let v = target.maxAbandon, !(q.pAbandon <= v) { return false }
        if let v = target.maxOccupancy, !(q.occupancy <= v) { return false }
        if let v = target.serviceLevel, !(q.serviceLevel(within: p.targetSeconds) >= v) { return false }
        if let v = target.maxASA, !(q.asaServed <= v) { return false }
        return true
    }

    // Gallop from the load to a bracket (fail, pass], then bisect.
    let start = max(lowest, Int(min(load.rounded(.up), cap)))
    var pass: Int, fail: Int
    if meets(start) {
        pass = start
        fail = lowest - 1
        var step = 1
        while pass > lowest {
            let candidate = max(lowest, pass - step)
            if meets(candidate) { pass = candidate } else { fail = candidate; break }
            step *= 2
        }
    } else {
        fail = start
        var step = 1
        while true {
            guard fail < maxAgents else {
                let f = figures(p, agents: maxAgents, ladder: &ladder)
                let names = target.missed(by: f, targetSeconds: p.targetSeconds).joined(separator: ", ")
                throw StaffingError.unreachable("\(names) not met with \(maxAgents) agents")
            }
            let candidate = min(maxAgents, fail + step)
            if meets(candidate) { pass = candidate; break }
            fail = candidate
            step *= 2
        }
    }
    while pass - fail > 1 {
        let mid = fail + (pass - fail) / 2
        if meets(mid) { pass = mid } else { fail = mid }
    }
    return StaffingSolution(requiredAgents: pass, figures: figures(p, agents: pass, ladder: &ladder))
}

/// Agents to schedule so that `required` remain after shrinkage:
/// ⌈required / (1 − shrinkage)⌉, the smallest k with k·(1 − shrinkage) ≥ required
/// (ties within 1e-12 relative count as met, so 70 at 30% gives 100, not 101).
///
/// - Parameters:
///   - required: agents needed on the phones, ≥ 0.
///   - shrinkage: share of paid time unavailable, in [0, 1).
/// - Returns: the scheduled head count. Never traps: `required` ≤ 0, or
///   shrinkage < 0 or NaN, returns `required` unchanged; shrinkage ≥ 1 returns
///   `Int.max`. Reject such input first with `validateShrinkage(_:)`.
public func scheduledAgents(required: Int, shrinkage: Double) -> Int {
    guard required > 0, shrinkage >= 0 else { return required }
    guard shrinkage < 1 else { return Int.max }
    let available = 1 - shrinkage
    let raw = (Double(required) / available).rounded(.up)
    guard raw < 9e15 else { return Int.max }
    let k = Int(raw)
    return Double(k - 1) * available >= Double(required) * (1 - 1e-12) ? k - 1 : k
}

/// Throws `StaffingError.invalid` unless `shrinkage` is in [0, 1).
public func validateShrinkage(_ shrinkage: Double) throws {
    guard shrinkage >= 0, shrinkage < 1 else {
        throw StaffingError.invalid("shrinkage must be in [0, 1), got \(shrinkage)")
    }
}
