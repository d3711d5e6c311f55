import Foundation

/// Erlang C (M/M/n, infinite patience): the probability that an arrival waits,
/// C = n·B / (n − a·(1 − B)) with B = `erlangB(agents:load:)`, and 1 when the
/// queue is unstable (a ≥ n).
///
/// - Parameters:
///   - agents: number of agents n ≥ 1.
///   - load: offered load a = λ·AHT in Erlangs, finite and > 0.
/// - Returns: P(W > 0) in [0, 1]; NaN for invalid input.
/// - Complexity: O(n).
public func erlangC(agents: Int, load: Double) -> Double {
    guard agents >= 1, load > 0, load.isFinite else { return .nan }
    var ladder = ErlangBLadder(load: load)
    return ErlangCQueue(agents: agents, load: load, ladder: &ladder).pWait
}

/// Erlang C figures for one staffing level, from an Erlang B value.
struct ErlangCQueue {
    let agents: Int
    let load: Double
    /// P(W > 0).
    let pWait: Double
    /// 1 − P(W > 0) = (n − a)(1 − B) / (n − a + a·B), without cancellation.
    let pNoWait: Double

    init(agents: Int, load: Double, ladder: inout ErlangBLadder) {
        self.agents = agents
        self.load = load
        let n = Double(agents)
        guard load < n else {
            pWait = 1
            pNoWait = 0
            return
        }
        let b = ladder.blocking(agents)
        let oneMinusB = ladder.nonBlocking(agents)
        let denominator = (n - load) + load * b
        pWait = n * b / denominator
        pNoWait = (n - load) * oneMinusB / denominator
    }

    var isStable: Bool { load < Double(agents) }

    /// SL(t) = 1 − C·e^{−(nμ−λ)t}: directly when C·e^{−(nμ−λ)t} < ½, else as
    /// (1 − C) − C·expm1(−(nμ−λ)t), two non-negative terms. 0 when unstable.
    func serviceLevel(within t: Double, ahtSeconds: Double) -> Double {
        guard isStable else { return 0 }
        let drain = (Double(agents) - load) / ahtSeconds
        let late = pWait * exp(-drain * t)
        return late < 0.5 ? 1 - late : pNoWait - pWait * expm1(-drain * t)
    }

    /// ASA = C / (nμ − λ) seconds; infinity when unstable.
    func asa(ahtSeconds: Double) -> Double {
        guard isStable else { return .infinity }
        return pWait * ahtSeconds / (Double(agents) - load)
    }
}
