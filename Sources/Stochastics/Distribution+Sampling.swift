import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Distribution {
    /// One draw from this distribution, using (and advancing) `stream`.
    ///
    /// Exponential, Weibull, uniform, empirical and the mixture's choice of
    /// component invert uniforms of the stream; lognormal uses GSL's ziggurat
    /// normal (`gsl_ran_gaussian_ziggurat`); gamma and Erlang use
    /// `gsl_ran_gamma` (Marsaglia–Tsang, about 17 ns for any k; a product of
    /// k uniforms would save a few nanoseconds at k ≤ 2 and cost more from
    /// k = 3 on, so one path serves all k). The sequence of values is
    /// a deterministic function of the stream's seed and the sequence of calls.
    @inlinable public func sample(_ stream: RandomStream) -> Double {
        withExtendedLifetime(stream) { sample(stream.view) }
    }

    /// One draw using `stream`, a view of a live ``RandomStream`` (the same
    /// draw ``sample(_:)-(RandomStream)`` makes, without reference counting).
    @inlinable public func sample(_ stream: StreamView) -> Double {
        switch kind {
        case let .empirical(values):
            let index = Int(stream.uniform() * Double(values.count))
            return values[min(index, values.count - 1)]
        case let .mixture(_, cumulative, components):
            let u = stream.uniform()
            var chosen = 0
            for i in 0..<(components.count - 1) where u >= cumulative[i] { chosen &+= 1 }
            return components[chosen].sample(stream)
        default:
            return parametric!.sample(stream)
        }
    }
}
