import CGSL

/// The `probability` quantile of Student's t distribution with
/// `degreesOfFreedom` (> 0), from GSL: the t in confidence intervals.
/// `studentTQuantile(probability: 0.975, degreesOfFreedom: 9)` ≈ 2.262.
public func studentTQuantile(probability: Double, degreesOfFreedom: Double) -> Double {
    gsl_cdf_tdist_Pinv(probability, degreesOfFreedom)
}

/// The `probability` quantile of the standard normal distribution, from
/// GSL: `normalQuantile(probability: 0.975)` ≈ 1.960.
public func normalQuantile(probability: Double) -> Double {
    gsl_cdf_ugaussian_Pinv(probability)
}
