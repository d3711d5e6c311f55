/// Erlang B (M/M/n/n, blocked calls lost): the probability that an arrival finds
/// all `agents` busy when `load` Erlangs are offered.
///
/// Uses the recursion B₀ = 1, B_k = a·B_{k−1} / (k + a·B_{k−1}), which is stable
/// (it contracts relative errors) and never overflows; values below the double
/// range underflow to 0, never NaN.
///
/// - Parameters:
///   - agents: number of servers n ≥ 0 (n = 0 gives 1).
///   - load: offered load a = λ/μ in Erlangs, finite and ≥ 0.
/// - Returns: B(n, a) in [0, 1]; NaN if `agents` < 0 or `load` is negative or not finite.
/// - Complexity: O(n).
public func erlangB(agents: Int, load: Double) -> Double {
    guard agents >= 0, load >= 0, load.isFinite else { return .nan }
    var b = 1.0
    var k = 0
    while k < agents {
        k += 1
        b = load * b / (Double(k) + load * b)
    }
    return b
}

/// Erlang B values B(0, a), B(1, a), … for one load, extended on demand, so that
/// a search over the number of agents pays O(1) per further agent instead of
/// recomputing the recursion.
struct ErlangBLadder {
    let load: Double
    private var values: [Double] = [1]

    init(load: Double) {
        self.load = load
        values.reserveCapacity(Int(min(max(load, 0), 1e6)) + 64)
    }

    /// B(n, a), extending the recursion up to n if needed. Requires n ≥ 0.
    mutating func blocking(_ n: Int) -> Double {
        while values.count <= n {
            let k = Double(values.count)
            let previous = values[values.count - 1]
            values.append(load * previous / (k + load * previous))
        }
        return values[n]
    }

    /// 1 − B(n, a) = n / (n + a·B(n−1, a)), without cancellation when B ≈ 1.
    /// Requires n ≥ 1.
    mutating func nonBlocking(_ n: Int) -> Double {
        let previous = blocking(n - 1)
        return Double(n) / (Double(n) + load * previous)
    }
}
