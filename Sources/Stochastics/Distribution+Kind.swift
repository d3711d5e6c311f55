extension Distribution {
    /// The validated, sampling-ready parameters of a ``Distribution``.
    @usableFromInline enum Kind: Sendable, Equatable {
        case exponential(mean: Double)
        /// `mean` and `cv` as given; `mu`, `sigma` of ln X derived from them.
        case lognormal(mean: Double, cv: Double, mu: Double, sigma: Double)
        case gamma(shape: Double, scale: Double)
        /// `inverseShape` = 1 / shape, for sampling.
        case weibull(shape: Double, scale: Double, inverseShape: Double)
        /// A gamma of `shape` = k and `scale` = mean / k (the mean of each
        /// exponential phase).
        case erlang(k: Int, mean: Double, shape: Double, scale: Double)
        case uniform(low: Double, high: Double)
        case constant(Double)
        case empirical([Double])
        /// `probabilities` sum to 1; `cumulative` are their running sums, the
        /// last exactly 1.
        case mixture(probabilities: [Double], cumulative: [Double], components: [Distribution])
    }
}
