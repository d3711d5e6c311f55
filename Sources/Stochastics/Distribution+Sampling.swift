import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Distribution {
    /// One draw from this distribution, using (and advancing) `stream`.
    ///
    /// Exponential, Weibull, uniform, empirical, mixture selection and
    /// Erlang with k ≤ ``erlangProductLimit`` invert buffered uniforms of the
    /// stream; lognormal uses GSL's ziggurat normal (`gsl_ran_gaussian_ziggurat`),
    /// gamma and larger-k Erlang use `gsl_ran_gamma` (Marsaglia–Tsang), both
    /// drawing straight from the stream's generator. The sequence of values is
    /// a deterministic function of the stream's seed and the sequence of calls.
    @inlinable public func sample(_ stream: RandomStream) -> Double {
        switch kind {
        case let .exponential(mean):
            return -mean * log(stream.uniform())
        case let .lognormal(_, _, mu, sigma):
            return exp(mu + sigma * gsl_ran_gaussian_ziggurat(stream.rng, 1))
        case let .gamma(shape, scale):
            return gsl_ran_gamma(stream.rng, shape, scale)
        case let .weibull(shape, scale):
            return scale * pow(-log(stream.uniform()), 1 / shape)
        case let .erlang(k, mean):
            return Self.erlang(k: k, mean: mean, stream)
        case let .uniform(low, high):
            return low + (high - low) * stream.uniform()
        case let .constant(value):
            return value
        case let .empirical(values):
            let index = Int(stream.uniform() * Double(values.count))
            return values[min(index, values.count - 1)]
        case let .mixture(_, cumulative, components):
            let u = stream.uniform()
            var chosen = 0
            while chosen < components.count - 1, u >= cumulative[chosen] { chosen += 1 }
            return components[chosen].sample(stream)
        }
    }

    /// Above this k, Erlang draws go to `gsl_ran_gamma` (constant cost)
    /// instead of the product of k uniforms (cost growing with k).
    @inlinable static var erlangProductLimit: Int { 16 }

    /// Erlang(k, mean): −(mean/k)·ln(U₁⋯U_k) for small k; the product of at
    /// most 16 uniforms ≥ 2⁻³² cannot underflow.
    @inlinable static func erlang(k: Int, mean: Double, _ stream: RandomStream) -> Double {
        let scale = mean / Double(k)
        guard k <= erlangProductLimit else { return gsl_ran_gamma(stream.rng, Double(k), scale) }
        var product = stream.uniform()
        for _ in 1..<k { product *= stream.uniform() }
        return -scale * log(product)
    }
}
