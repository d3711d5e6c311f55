import CGSL

/// Turns GSL's default error handler (which aborts the process) off, once per
/// process, so that GSL domain errors come back as values (NaN, ±inf, status
/// codes) instead of killing the simulator. Every entry point of this module
/// that calls GSL touches this token first.
let gslErrorHandlerOff: Void = acd_gsl_errors_as_values()

/// ln Γ(x), from GSL (`gsl_sf_lngamma`).
///
/// Defined for x > 0 and for negative non-integers (where it is ln |Γ(x)|);
/// at the poles (0, −1, −2, ...) it returns a non-finite value instead of
/// aborting.
public func logGamma(_ x: Double) -> Double {
    _ = gslErrorHandlerOff
    return gsl_sf_lngamma(x)
}
