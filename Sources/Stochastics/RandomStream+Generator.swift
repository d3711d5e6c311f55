import CGSL

extension RandomStream {
    /// The GSL generator behind a stream. All produce 32-bit outputs
    /// (`gsl_rng_get` in [0, 2³² − 1]).
    public enum Generator: Sendable, Hashable, CaseIterable {
        /// `gsl_rng_taus2`: combined Tausworthe, period ≈ 2⁸⁸; the fastest.
        case taus2
        /// `gsl_rng_mt19937`: Mersenne Twister, period 2¹⁹⁹³⁷ − 1.
        case mt19937
        /// `gsl_rng_gfsr4`: four-tap lagged-Fibonacci shift register.
        case gfsr4
        /// `gsl_rng_ranlxd2`: RANLUX double precision, luxury level 2;
        /// best-proven decorrelation, an order of magnitude slower.
        case ranlxd2

        var gslType: UnsafePointer<gsl_rng_type> {
            switch self {
            case .taus2: acd_rng_taus2()
            case .mt19937: acd_rng_mt19937()
            case .gfsr4: acd_rng_gfsr4()
            case .ranlxd2: acd_rng_ranlxd2()
            }
        }
    }
}
