import CGSL

/// Turns GSL's default error handler (which aborts the process) off, once per
/// process, so that GSL domain errors come back as status codes instead of
/// killing the simulator. Every entry point of this module that can make GSL
/// report an error touches this token first.
let gslErrorHandlerOff: Void = acd_gsl_errors_as_values()

/// ln Γ(x), from GSL (`gsl_sf_lngamma_e`).
///
/// Defined for x > 0 and for negative non-integers (where it is ln |Γ(x)|);
/// at the poles (0, −1, −2, ...) and for NaN it returns NaN rather than
/// aborting or returning a finite placeholder.
public func logGamma(_ x: Double) -> Double {
    _ = gslErrorHandlerOff
    var result = gsl_sf_result()
    guard gsl_sf_lngamma_e(x, &result) == GSL_SUCCESS else { return .nan }
    return result.val
}
