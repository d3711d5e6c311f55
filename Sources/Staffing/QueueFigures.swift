/// Which analytic queue model to use.
public enum ErlangModel: Sendable, Equatable {
    /// Erlang B: blocked contacts are lost (no queue).
    case b
    /// Erlang C: infinite patience.
    case c
    /// Erlang A: exponential patience with the given mean (seconds, > 0).
    case a(patienceSeconds: Double)
}

/// Why a staffing question has no answer.
public enum StaffingError: Error, Equatable, CustomStringConvertible {
    /// The named target cannot be met by any number of agents (up to the limit).
    case unreachable(String)
    /// The named parameter is out of range.
    case invalid(String)

    public var description: String {
        switch self {
        case .unreachable(let what): "unreachable target: \(what)"
        case .invalid(let what): "invalid parameter: \(what)"
        }
    }
}

/// One queue: arrivals, handle time, model and service-level threshold.
public struct QueueParameters: Sendable, Equatable {
    /// λ, contacts per second (> 0).
    public var arrivalRatePerSecond: Double
    /// Mean handle time 1/μ, seconds (> 0).
    public var ahtSeconds: Double
    public var model: ErlangModel
    /// Service-level threshold T, seconds (≥ 0).
    public var targetSeconds: Double

    public init(arrivalRatePerSecond: Double, ahtSeconds: Double, model: ErlangModel, targetSeconds: Double) {
        self.arrivalRatePerSecond = arrivalRatePerSecond
        self.ahtSeconds = ahtSeconds
        self.model = model
        self.targetSeconds = targetSeconds
    }

    /// Offered load in Erlangs: λ·AHT.
    public var offeredLoad: Double { arrivalRatePerSecond * ahtSeconds }

    /// Throws `StaffingError.invalid` naming the first parameter out of range:
    /// λ, AHT and patience must be finite and > 0, T finite and ≥ 0.
    public func validate() throws {
        guard arrivalRatePerSecond > 0, arrivalRatePerSecond.isFinite else {
            throw StaffingError.invalid("arrival rate must be finite and > 0, got \(arrivalRatePerSecond)")
        }
        guard ahtSeconds > 0, ahtSeconds.isFinite else {
            throw StaffingError.invalid("AHT must be finite and > 0 seconds, got \(ahtSeconds)")
        }
        if case .a(let patience) = model, !(patience > 0 && patience.isFinite) {
            throw StaffingError.invalid("patience must be finite and > 0 seconds, got \(patience)")
        }
        guard targetSeconds >= 0, targetSeconds.isFinite else {
            throw StaffingError.invalid("service-level threshold must be finite and ≥ 0 seconds, got \(targetSeconds)")
        }
    }

    /// `validate()` plus agents ≥ 1.
    public func validate(agents: Int) throws {
        try validate()
        guard agents >= 1 else { throw StaffingError.invalid("agents must be ≥ 1, got \(agents)") }
    }
}

/// Steady-state figures of one queue at one staffing level.
public struct QueueFigures: Sendable, Equatable {
    /// λ·AHT, Erlangs.
    public var offeredLoad: Double
    public var agents: Int
    /// P(W > 0); 0 for Erlang B (no queue).
    public var pWait: Double
    /// Answered within T / offered.
    public var serviceLevel: Double
    /// Answered within T / answered.
    public var serviceLevelAnswered: Double
    /// Mean wait of answered contacts, seconds; infinity when Erlang C is unstable.
    public var asa: Double
    /// Erlang A: P(Ab); Erlang B: blocking probability; Erlang C: 0.
    public var pAbandon: Double
    /// Carried load / agents.
    public var occupancy: Double
    /// Mean wait over all offered contacts, seconds (Erlang A: P(Ab)·patience).
    public var meanWaitAll: Double

    static func invalid(_ p: QueueParameters, agents: Int) -> QueueFigures {
        QueueFigures(offeredLoad: p.offeredLoad, agents: agents, pWait: .nan, serviceLevel: .nan,
                     serviceLevelAnswered: .nan, asa: .nan, pAbandon: .nan, occupancy: .nan, meanWaitAll: .nan)
    }
}

/// Steady-state figures of queue `p` with `agents` agents.
///
/// Erlang C with load ≥ agents is unstable: P(W>0) = 1, service level 0,
/// ASA and mean wait infinite, occupancy 1. Parameters that fail
/// `p.validate(agents:)` give NaN figures (never a trap): validate first.
/// - Complexity: O(agents) for Erlang B, plus, for Erlang A, series of
///   O(√(λ·patience)) terms.
public func queueFigures(_ p: QueueParameters, agents: Int) -> QueueFigures {
    guard (try? p.validate(agents: agents)) != nil else { return .invalid(p, agents: agents) }
    var ladder = ErlangBLadder(load: p.offeredLoad)
    return figures(p, agents: agents, ladder: &ladder)
}

/// Figures from a shared Erlang B ladder (the solver's path). Inputs valid.
func figures(_ p: QueueParameters, agents: Int, ladder: inout ErlangBLadder) -> QueueFigures {
    let load = p.offeredLoad
    let n = Double(agents)
    switch p.model {
    case .b:
        let b = ladder.blocking(agents)
        let carried = ladder.nonBlocking(agents)
        return QueueFigures(offeredLoad: load, agents: agents, pWait: 0, serviceLevel: carried,
                            serviceLevelAnswered: 1, asa: 0, pAbandon: b, occupancy: load * carried / n, meanWaitAll: 0)
    case .c:
        let q = ErlangCQueue(agents: agents, load: load, ladder: &ladder)
        let sl = q.serviceLevel(within: p.targetSeconds, ahtSeconds: p.ahtSeconds)
        let asa = q.asa(ahtSeconds: p.ahtSeconds)
        return QueueFigures(offeredLoad: load, agents: agents, pWait: q.pWait, serviceLevel: sl,
                            serviceLevelAnswered: sl, asa: asa, pAbandon: 0,
                            occupancy: q.isStable ? load / n : 1, meanWaitAll: asa)
    case .a(let patience):
        let q = ErlangAQueue(agents: agents, arrivalRatePerSecond: p.arrivalRatePerSecond, ahtSeconds: p.ahtSeconds,
                             patienceSeconds: patience, ladder: &ladder)
        let sl = q.serviceLevel(within: p.targetSeconds)
        return QueueFigures(offeredLoad: load, agents: agents, pWait: q.pWait, serviceLevel: sl,
                            serviceLevelAnswered: sl / q.pServed, asa: q.asaServed, pAbandon: q.pAbandon,
                            occupancy: q.occupancy, meanWaitAll: q.meanWaitAll)
    }
}
