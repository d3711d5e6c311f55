import Foundation

import CGSL

/// GSL's default error handler aborts; turned off once, before the first
/// `_e` call, so that failures come back as status codes.
private let gslErrorsAsValues: Void = acd_gsl_errors_as_values()

/// Relative size below which a series tail is dropped.
private let seriesTolerance = 1e-17

/// Hard cap on series terms: guarantees termination on any input.
private let maxSeriesTerms = 100_000_000.0

/// Cap on each walk away from the mode in `servedWaitFactor`: the walk needs
/// about 12·√y terms, so sums are complete for y = λ·patience up to ~7e11
/// and truncated (but finite) beyond.
private let maxWalkTerms = 10_000_000

/// The function A(x, y) = x·e^y·y^(−x)·γ(x, y) = 1 + Σ_{j≥1} y^j / Π_{k=1..j}(x+k)
/// of Erlang A (Garnett, Mandelbaum and Reiman 2002), with the companions
/// the Erlang A formulas need, all free of cancellation.
///
/// Scheme: the positive series when y < x (and also when y < 100, where it is
/// short and exact); otherwise log A from GSL's regularised incomplete gamma
/// P(x, y) (≥ about 0.5 there) and Γ*(x), the Stirling-scaled gamma function,
/// so that no large logarithms cancel.
struct AFunction: Sendable, Equatable {
    /// ln A(x, y).
    let logA: Double
    /// 1/A.
    let invA: Double
    /// (A − 1)/A = 1 − 1/A, with A − 1 summed directly when A ≈ 1.
    let fractionAbove: Double
    /// P(Ab | W > 0) = Σ j·T_j / (y·A) (series) or 1 − (x/y)(1 − 1/A).
    let abandonGivenWait: Double

    init(x: Double, y: Double) {
        if y < x || y < 100 {
            var term = 1.0, aMinusOne = 0.0, weighted = 0.0, j = 0.0
            var r = y / (x + 1)
            while j < maxSeriesTerms {
                j += 1
                term *= r
                aMinusOne += term
                weighted += j * term
                r = y / (x + j + 1)
                // Cheap screen first; the exact tail bound below implies it when r ≥ ½.
                if r < 1, j * term <= 1e-14 * weighted {
                    let tail = term * r / (1 - r)
                    let weightedTail = term * (j * r / (1 - r) + r / ((1 - r) * (1 - r)))
                    if tail <= seriesTolerance * (1 + aMinusOne), weightedTail <= seriesTolerance * weighted {
                        break
                    }
                }
            }
            let a = 1 + aMinusOne
            logA = log1p(aMinusOne)
            invA = 1 / a
            fractionAbove = aMinusOne / a
            abandonGivenWait = weighted / (y * a)
        } else {
            _ = gslErrorsAsValues
            var p = gsl_sf_result(val: 0, err: 0)
            var star = gsl_sf_result(val: 0, err: 0)
            let ok = gsl_sf_gamma_inc_P_e(x, y, &p) == GSL_SUCCESS && gsl_sf_gammastar_e(x, &star) == GSL_SUCCESS
            // ln A = ln x + y − x ln y + ln Γ(x) + ln P(x, y), rewritten with
            // u = (y − x)/x and Γ(x) = Γ*(x)·√(2π)·x^(x−½)·e^(−x).
            let u = (y - x) / x
            logA = ok ? 0.5 * log(2 * Double.pi * x) + x * (u - log1p(u)) + log(star.val) + log(p.val) : .nan
            invA = exp(-logA)
            fractionAbove = -expm1(-logA)
            abandonGivenWait = 1 - (x / y) * fractionAbove
        }
    }

    /// The mean of H_j·x/(x+j+1) under the queue-length distribution given W > 0,
    /// q_j = T_j / A with T_j = Π_{k=1..j} y/(x+k), where
    /// H_j = Σ_{i=1..j+1} 1/(x+i). Multiplied by P(W>0)/θ it is E[W; served].
    ///
    /// Summed from j = 0 when the mode of T_j is below 2,000 (rescaling against
    /// overflow), otherwise outward from the mode in both directions, starting
    /// H at the mode from a digamma difference.
    static func servedWaitFactor(x: Double, y: Double) -> Double {
        let mode = y > x ? (y - x).rounded(.down) : 0
        var num = 0.0, den = 0.0
        if mode <= 2000 {
            var t = 1.0, h = 1 / (x + 1), j = 0.0
            var r = y / (x + 1)
            while j < maxSeriesTerms {
                num += t * x / (x + j + 1) * h
                den += t
                j += 1
                t *= r
                h += 1 / (x + j + 1)
                if den > 1e280 {
                    num *= 1e-280; den *= 1e-280; t *= 1e-280
                }
                r = y / (x + j + 1)
                if r < 1, t <= 1e-14 * den, upperTailIsNegligible(t: t, h: h, r: r, x: x + j + 1, num: num, den: den) { break }
            }
            num += t * x / (x + j + 1) * h
            den += t
        } else {
            let hMode = digammaDifference(x + mode + 2, x + 1)
            var t = 1.0, h = hMode, j = mode
            num = t * x / (x + j + 1) * h
            den = t
            for _ in 0..<maxWalkTerms {
                j += 1
                t *= y / (x + j)
                h += 1 / (x + j + 1)
                num += t * x / (x + j + 1) * h
                den += t
                let r = y / (x + j + 1)
                if r < 1, upperTailIsNegligible(t: t, h: h, r: r, x: x + j + 1, num: num, den: den) { break }
            }
            t = 1; h = hMode; j = mode
            for _ in 0..<maxWalkTerms {
                guard j > 0 else { break }
                t *= (x + j) / y
                h -= 1 / (x + j + 1)
                j -= 1
                num += t * x / (x + j + 1) * h
                den += t
                let q = (x + j) / y
                if t * q / (1 - q) <= seriesTolerance * min(den, num / h) { break }
            }
        }
        return num / den
    }

    /// K(a, z) with Q(a, z) = e^{−z}·z^a/Γ(a)·K(a, z), the regularised upper
    /// incomplete gamma function, by its continued fraction (modified Lentz);
    /// converges quickly for z > a + 1.
    static func upperGammaFraction(a: Double, z: Double) -> Double {
        let tiny = 1e-300
        var b = z + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 1e-16 { break }
            i += 1
        }
        return h
    }

    /// Whether the terms after the current one (ratio ≤ r < 1, H growing by at
    /// most 1/(x) per step) add less than the tolerance to both sums.
    private static func upperTailIsNegligible(t: Double, h: Double, r: Double, x: Double, num: Double, den: Double) -> Bool {
        let tail = t * r / (1 - r)
        let weightedTail = t * (h * r / (1 - r) + r / ((1 - r) * (1 - r) * x))
        return tail <= seriesTolerance * den && weightedTail <= seriesTolerance * num
    }

    /// ψ(b) − ψ(a) for b > a > 0; for a ≥ 1,000 from the asymptotic series
    /// ψ(z) = ln z − 1/(2z) − 1/(12z²) + 1/(120z⁴) − 1/(252z⁶), the logarithms
    /// combined by log1p, so that no digits cancel.
    private static func digammaDifference(_ b: Double, _ a: Double) -> Double {
        guard a >= 1000 else { return gsl_sf_psi(b) - gsl_sf_psi(a) }
        func tail(_ z: Double) -> Double {
            let z2 = 1 / (z * z)
            return -0.5 / z - z2 * (1.0 / 12 - z2 * (1.0 / 120 - z2 / 252))
        }
        return log1p((b - a) / a) + (tail(b) - tail(a))
    }
}

/// ln A(x, y) of Erlang A, where x = nμ/θ and y = λ/θ (n agents, service rate μ,
/// arrival rate λ, abandonment rate θ = 1/mean patience):
/// A(x, y) = x·e^y·y^(−x)·γ(x, y) = 1 + Σ_{j≥1} y^j / Π_{k=1..j}(x+k).
///
/// Stable for all x, y > 0: positive series when y < x, GSL incomplete gamma
/// and Stirling-scaled Γ when y ≥ x. NaN for non-positive or non-finite input.
/// - Complexity: O(min(√x, 1/(1−y/x))) terms when y < x; O(1) GSL calls otherwise.
public func erlangALogA(x: Double, y: Double) -> Double {
    guard x > 0, y > 0, x.isFinite, y.isFinite else { return .nan }
    return AFunction(x: x, y: y).logA
}
