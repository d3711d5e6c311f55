import CGSL

/// A GSL special function: ln Γ(x).
public func logGamma(_ x: Double) -> Double { gsl_sf_lngamma(x) }
