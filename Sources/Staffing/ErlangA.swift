import Foundation

/// Erlang A (M/M/n+M: Poisson arrivals, exponential handle times and
/// exponential patience) for one staffing level, after Garnett, Mandelbaum and
/// Reiman (2002). With μ = 1/AHT, θ = 1/patience, x = nμ/θ, y = λ/θ, ρ = λ/(nμ):
///
///     P(W>0)         = B / (1/A + (1 − 1/A)·B),   B = Erlang B(n, λ/μ)
///     π_n            = P(W>0) / A
///     P(Ab)          = P(Ab | W>0)·P(W>0)
///     P(V>t)         = π_n·A(x, y e^{−θt})·exp(−nμt + y(1 − e^{−θt}))
///     P(W>t, served) = P(V>t)·(1/ρ)·(1 − 1/A(x, y e^{−θt}))
///
/// All quantities are computed without cancellation (see `AFunction`).
/// Construction costs O(n) for Erlang B plus one evaluation of A.
public struct ErlangAQueue: Sendable, Equatable {
    public let agents: Int
    public let arrivalRatePerSecond: Double
    public let ahtSeconds: Double
    public let patienceSeconds: Double
    /// Erlang B(n, λ·AHT).
    public let blocking: Double
    /// P(W > 0): an arrival finds all agents busy.
    public let pWait: Double
    /// P(W = 0) = (1 − B) / (1 + (A − 1)·B), computed without cancellation.
    public let pNoWait: Double
    /// P(Ab): share of arrivals that abandon.
    public let pAbandon: Double
    /// P(served) = 1 − P(Ab), as P(W=0) + P(W>0)·(1/ρ)(1 − 1/A): no cancellation.
    public let pServed: Double
    private let x: Double
    private let y: Double
    private let a: AFunction

    /// - Parameters:
    ///   - agents: n ≥ 1.
    ///   - arrivalRatePerSecond: λ > 0.
    ///   - ahtSeconds: mean handle time 1/μ > 0.
    ///   - patienceSeconds: mean patience 1/θ > 0.
    ///   Invalid (non-positive or non-finite) input gives NaN figures, never a trap.
    /// - Complexity: O(n).
    public init(agents: Int, arrivalRatePerSecond: Double, ahtSeconds: Double, patienceSeconds: Double) {
        let valid = agents >= 1 && [arrivalRatePerSecond, ahtSeconds, patienceSeconds].allSatisfy { $0 > 0 && $0.isFinite }
        var ladder = ErlangBLadder(load: valid ? arrivalRatePerSecond * ahtSeconds : .nan)
        self.init(agents: valid ? agents : 1, arrivalRatePerSecond: arrivalRatePerSecond, ahtSeconds: ahtSeconds,
                  patienceSeconds: patienceSeconds, ladder: &ladder)
    }

    init(agents: Int, arrivalRatePerSecond: Double, ahtSeconds: Double, patienceSeconds: Double, ladder: inout ErlangBLadder) {
        self.agents = agents
        self.arrivalRatePerSecond = arrivalRatePerSecond
        self.ahtSeconds = ahtSeconds
        self.patienceSeconds = patienceSeconds
        x = Double(agents) * patienceSeconds / ahtSeconds
        y = arrivalRatePerSecond * patienceSeconds
        a = AFunction(x: x, y: y)
        let b = ladder.blocking(agents)
        blocking = b
        let denominator = a.invA + a.fractionAbove * b
        pWait = b / denominator
        pNoWait = ladder.nonBlocking(agents) * a.invA / denominator
        pAbandon = a.abandonGivenWait * pWait
        pServed = pNoWait + pWait * (x / y) * a.fractionAbove
    }

    /// π_n·A(x, y e^{−θt}) split as (P(V>t), 1 − 1/A(x, y e^{−θt})), in log space.
    private func virtualWaitTail(_ t: Double) -> (pV: Double, fractionAbove: Double) {
        guard t > 0 else { return (pWait, a.fractionAbove) }
        let decay = -expm1(-t / patienceSeconds)  // 1 − e^{−θt}
        let shifted = AFunction(x: x, y: y * (1 - decay))
        let drift: Double = y * decay - Double(agents) * t / ahtSeconds
        let logPV: Double = log(pWait) - a.logA + shifted.logA + drift
        return (exp(logPV), shifted.fractionAbove)
    }

    /// P(V > t): the offered (virtual) wait, the wait of a caller with infinite
    /// patience, exceeds t seconds (t ≥ 0). P(V > 0) = P(W > 0).
    public func probabilityVirtualWaitExceeds(_ t: Double) -> Double {
        virtualWaitTail(t).pV
    }

    /// P(W > t, served): the caller is answered after waiting more than t seconds.
    public func probabilityServedAfter(_ t: Double) -> Double {
        let tail = virtualWaitTail(t)
        return tail.pV * (x / y) * tail.fractionAbove
    }

    /// Answered within t seconds, as a share of all arrivals:
    /// P(W=0) + (1/ρ)·π_n·D(t), i.e. 1 − P(Ab) − P(W>t, served), where
    /// D(t) = (A − 1) − (A(x, y e^{−θt}) − 1)·e^{−nμt + y(1−e^{−θt})}
    ///      = λ ∫₀ᵗ exp(−(nμ+θ)u + y(1 − e^{−θu})) du.
    /// D is taken from the closed form when that loses at most 3 digits;
    /// otherwise (long waits: almost every served caller waits beyond t) from
    /// D = y·[g·K(x+1, y e^{−θt}) − K(x+1, y)] in log space, with
    /// g = e^{y(1−e^{−θt}) − (x+1)θt} and K the continued fraction of the upper
    /// incomplete gamma function (needs y e^{−θt} > x + 2), as
    /// e^{u}·(−expm1(l − u)) with u, l the logs of the two terms: accurate unless
    /// they agree to 1e-4, where the closed form is kept.
    public func serviceLevel(within t: Double) -> Double {
        let tail = virtualWaitTail(t)
        let closed = pWait * a.fractionAbove - tail.pV * tail.fractionAbove   // π_n·D(t)
        var servedWithin = max(0, closed)
        let yShifted = y * exp(-t / patienceSeconds)
        if closed < 1e-3 * pWait * a.fractionAbove, yShifted > x + 2 {
            let logG = -y * expm1(-t / patienceSeconds) - (x + 1) * t / patienceSeconds
            let upper = logG + log(AFunction.upperGammaFraction(a: x + 1, z: yShifted))
            let lower = log(AFunction.upperGammaFraction(a: x + 1, z: y))
            if upper - lower > 1e-4 {
                let logD = log(y) + upper + log(-expm1(lower - upper))
                servedWithin = exp(log(pWait) - a.logA + logD)
            }
        }
        let answeredWithin = pNoWait + (x / y) * servedWithin
        guard answeredWithin > 0.5 else { return answeredWithin }
        // Near 1, from the small complement: rounds like the true value.
        return 1 - (pAbandon + tail.pV * (x / y) * tail.fractionAbove)
    }

    /// Answered within t seconds as a share of answered calls.
    public func serviceLevelAnswered(within t: Double) -> Double {
        serviceLevel(within: t) / pServed
    }

    /// E[W; served] = Σ_j π_{n+j}·x/(x+j+1)·(1/θ)·Σ_{i=1..j+1} 1/(x+i), seconds:
    /// a caller finding j waiting is served with probability x/(x+j+1) and,
    /// given that, waits through stages of rate θ(x+i), i = 1…j+1.
    /// - Complexity: O(√y + (y − x)⁺ up to 2,000) terms.
    public var servedWaitIntegral: Double {
        pWait * patienceSeconds * AFunction.servedWaitFactor(x: x, y: y)
    }

    /// ASA: mean wait of answered callers, seconds.
    public var asaServed: Double { servedWaitIntegral / pServed }

    /// E[W] over all arrivals (answered and abandoned) = P(Ab)·patience, seconds.
    public var meanWaitAll: Double { pAbandon * patienceSeconds }

    /// Carried load over agents: ρ·P(served) = ρ·P(W=0) + P(W>0)(1 − 1/A), at most 1.
    public var occupancy: Double { min(1, (y / x) * pNoWait + pWait * a.fractionAbove) }
}
