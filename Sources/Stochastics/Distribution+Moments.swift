#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Distribution {
    /// The exact (analytic) mean, in the unit of the draws.
    public var mean: Double {
        switch kind {
        case let .exponential(mean): mean
        case let .lognormal(mean, _, _, _): mean
        case let .gamma(shape, scale): shape * scale
        case let .weibull(shape, scale, _): scale * exp(logGamma(1 + 1 / shape))
        case let .erlang(_, mean, _, _): mean
        case let .uniform(low, high): (low + high) / 2
        case let .constant(value): value
        case let .empirical(values): Self.populationMoments(values).mean
        case let .mixture(probabilities, _, components):
            zip(probabilities, components).reduce(0) { $0 + $1.0 * $1.1.mean }
        }
    }

    /// The exact (analytic) variance, in the unit of the draws squared.
    /// Mixtures follow the law of total variance:
    /// Σ pᵢ(σᵢ² + μᵢ²) − μ². Empirical distributions have the population
    /// variance of their list (divisor n), which is what resampling yields.
    public var variance: Double {
        switch kind {
        case let .exponential(mean): return mean * mean
        case let .lognormal(mean, cv, _, _): return mean * mean * cv * cv
        case let .gamma(shape, scale): return shape * scale * scale
        case let .weibull(shape, scale, _):
            let g1 = exp(logGamma(1 + 1 / shape))
            let g2 = exp(logGamma(1 + 2 / shape))
            return scale * scale * (g2 - g1 * g1)
        case let .erlang(k, mean, _, _): return mean * mean / Double(k)
        case let .uniform(low, high): return (high - low) * (high - low) / 12
        case .constant: return 0
        case let .empirical(values): return Self.populationMoments(values).variance
        case let .mixture(probabilities, _, components):
            var secondMoment = 0.0
            var mean = 0.0
            for (p, component) in zip(probabilities, components) {
                let m = component.mean
                secondMoment += p * (component.variance + m * m)
                mean += p * m
            }
            return secondMoment - mean * mean
        }
    }

    /// Mean and population variance of `values` (two-pass, for accuracy).
    private static func populationMoments(_ values: [Double]) -> (mean: Double, variance: Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let sumSquares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, sumSquares / n)
    }
}
