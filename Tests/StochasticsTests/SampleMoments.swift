import Stochastics

/// Sample moments of a batch of draws, and the standard-error-based checks
/// every moment test uses.
///
/// Tolerances: the sample mean is checked against μ within 5·σ/√n, with σ the
/// analytic standard deviation. The sample variance s² has standard error
/// √((μ₄ − σ⁴)/n) (delta method); μ₄, the fourth central moment, is estimated
/// from the same sample (m₄ − s⁴), and s² must lie within 5 of those standard
/// errors of σ². Five standard errors give a false-alarm rate below 10⁻⁶ per
/// check under normality, and all seeds are fixed, so a failure is a bug.
struct SampleMoments {
    let count: Int
    let mean: Double
    let variance: Double
    let fourthCentralMoment: Double

    init(_ values: [Double]) {
        count = values.count
        let n = Double(values.count)
        mean = values.reduce(0, +) / n
        var m2 = 0.0
        var m4 = 0.0
        for value in values {
            let d = value - mean
            let d2 = d * d
            m2 += d2
            m4 += d2 * d2
        }
        variance = m2 / n
        fourthCentralMoment = m4 / n
    }

    /// `n` draws of `distribution` from `stream`.
    init(_ distribution: Distribution, draws n: Int, stream: RandomStream) {
        self.init((0..<n).map { _ in distribution.sample(stream) })
    }

    /// Five standard errors of the sample mean for a population of variance σ².
    func meanTolerance(populationVariance: Double) -> Double {
        5 * (populationVariance / Double(count)).squareRoot()
    }

    /// Five estimated standard errors of the sample variance.
    var varianceTolerance: Double {
        5 * ((fourthCentralMoment - variance * variance) / Double(count)).squareRoot()
    }

    /// Whether the sample mean is consistent with mean `mu` and variance `sigma2`.
    func meanMatches(_ mu: Double, variance sigma2: Double) -> Bool {
        abs(mean - mu) < meanTolerance(populationVariance: sigma2)
    }

    /// Whether the sample variance is consistent with population variance `sigma2`.
    func varianceMatches(_ sigma2: Double) -> Bool {
        abs(variance - sigma2) < varianceTolerance
    }
}
