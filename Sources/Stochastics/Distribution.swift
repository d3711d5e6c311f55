#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A probability distribution of a quantity the simulator draws — inter-arrival
/// times, handle and wrap-up times, patience, ... — in whatever unit the
/// caller uses (seconds throughout the simulator).
///
/// Values are built only through the throwing factories below, which validate
/// their parameters, so every `Distribution` can be sampled without traps.
/// Sampling-ready parameters (lognormal μ and σ, normalised mixture weights)
/// are computed once at construction, keeping ``sample(_:)`` to tens of
/// nanoseconds.
///
/// It is a struct over an internal enum rather than a public enum so that no
/// invalid value (a negative mean, an empty empirical list) can be written
/// down at all.
public struct Distribution: Sendable, Equatable {
    @usableFromInline let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// Exponential with the given mean (rate 1/mean). `mean` > 0.
    public static func exponential(mean: Double) throws(DistributionError) -> Distribution {
        try requirePositive("mean", mean)
        return Distribution(.exponential(mean: mean))
    }

    /// Lognormal with the given mean and coefficient of variation
    /// (standard deviation / mean): ln X ~ Normal(μ, σ²) with
    /// σ² = ln(1 + cv²), μ = ln(mean) − σ²/2. `mean` > 0, `cv` from 0
    /// (the constant `mean`) to `maximumCV`.
    public static func lognormal(mean: Double, cv: Double) throws(DistributionError) -> Distribution {
        try requirePositive("mean", mean)
        try requireNonNegative("cv", cv)
        try require("cv", cv, in: 0 ... maximumCV)
        let sigmaSquared = log1p(cv * cv)
        return Distribution(.lognormal(
            mean: mean, cv: cv, mu: log(mean) - sigmaSquared / 2, sigma: sigmaSquared.squareRoot()))
    }

    /// Gamma with shape k and scale θ (mean kθ, variance kθ²). θ > 0,
    /// k >= 1 / maximumCV².
    public static func gamma(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try requirePositive("shape", shape)
        try require("shape", shape, in: 1 / (maximumCV * maximumCV) ... .greatestFiniteMagnitude)
        try requirePositive("scale", scale)
        return Distribution(.gamma(shape: shape, scale: scale))
    }

    /// Gamma with the given mean and coefficient of variation: shape 1/cv²,
    /// scale mean·cv². `mean` > 0, 0 < `cv` <= `maximumCV`.
    public static func gamma(mean: Double, cv: Double) throws(DistributionError) -> Distribution {
        try requirePositive("mean", mean)
        try requirePositive("cv", cv)
        try require("cv", cv, in: 0 ... maximumCV)
        return try gamma(shape: 1 / (cv * cv), scale: mean * cv * cv)
    }

    /// Weibull with shape k and scale λ: P(X > x) = exp(−(x/λ)^k). Both > 0.
    public static func weibull(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try requirePositive("shape", shape)
        try requirePositive("scale", scale)
        return Distribution(.weibull(shape: shape, scale: scale, inverseShape: 1 / shape))
    }

    /// Erlang: the sum of `k` independent exponentials of mean `mean / k`, so
    /// the mean is `mean` and the coefficient of variation 1/√k. `k` >= 1,
    /// `mean` > 0.
    public static func erlang(k: Int, mean: Double) throws(DistributionError) -> Distribution {
        guard k >= 1 else { throw .notPositive(parameter: "k", value: Double(k)) }
        try requirePositive("mean", mean)
        return Distribution(.erlang(k: k, mean: mean, shape: Double(k), scale: mean / Double(k)))
    }

    /// Continuous uniform on [low, high] (draws fall strictly inside when
    /// low < high). Both finite, `low <= high`, and the width `high − low`
    /// finite.
    public static func uniform(low: Double, high: Double) throws(DistributionError) -> Distribution {
        try requireFinite("low", low)
        try requireFinite("high", high)
        guard low <= high else { throw .invertedRange(low: low, high: high) }
        try requireFinite("high - low", high - low)
        return Distribution(.uniform(low: low, high: high))
    }

    /// Always `value` (finite). Sampling it consumes no randomness.
    public static func constant(_ value: Double) throws(DistributionError) -> Distribution {
        try requireFinite("value", value)
        return Distribution(.constant(value))
    }

    /// Resamples the observed `values` uniformly with replacement: each entry
    /// is drawn with probability 1/count (repeated values proportionally
    /// more often). Non-empty, all finite.
    public static func empirical(_ values: [Double]) throws(DistributionError) -> Distribution {
        guard !values.isEmpty else { throw .empty(parameter: "values") }
        for value in values { try requireFinite("values", value) }
        return Distribution(.empirical(values))
    }

    /// A finite mixture: draws component i with probability
    /// weight_i / Σ weights, then samples it. Non-empty, every weight finite
    /// and > 0 (weights need not sum to 1). Choosing the component scans the
    /// weights, so sampling costs grow linearly with their number; meant for
    /// a handful of components (use ``empirical(_:)`` for long lists).
    public static func mixture(
        _ components: [(weight: Double, distribution: Distribution)]
    ) throws(DistributionError) -> Distribution {
        guard !components.isEmpty else { throw .empty(parameter: "components") }
        for component in components { try requirePositive("weight", component.weight) }
        let total = components.reduce(0) { $0 + $1.weight }
        var cumulative: [Double] = []
        cumulative.reserveCapacity(components.count)
        var running = 0.0
        for component in components {
            running += component.weight
            cumulative.append(running / total)
        }
        cumulative[cumulative.count - 1] = 1
        return Distribution(.mixture(
            probabilities: components.map { $0.weight / total },
            cumulative: cumulative,
            components: components.map(\.distribution)))
    }

    /// The largest coefficient of variation a lognormal or gamma takes (a
    /// gamma shape of at least 1/100): beyond it nearly every draw is 0 or
    /// the arithmetic overflows.
    public static let maximumCV = 10.0

    private static func require(_ parameter: String, _ value: Double, in range: ClosedRange<Double>)
        throws(DistributionError) {
        guard range.contains(value) else { throw .outOfRange(parameter: parameter, value: value, range: range) }
    }

    private static func requireFinite(_ parameter: String, _ value: Double) throws(DistributionError) {
        guard value.isFinite else { throw .notFinite(parameter: parameter, value: value) }
    }

    private static func requirePositive(_ parameter: String, _ value: Double) throws(DistributionError) {
        guard value.isFinite, value > 0 else { throw .notPositive(parameter: parameter, value: value) }
    }

    private static func requireNonNegative(_ parameter: String, _ value: Double) throws(DistributionError) {
        guard value.isFinite, value >= 0 else { throw .negative(parameter: parameter, value: value) }
    }
}
