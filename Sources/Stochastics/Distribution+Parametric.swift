import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Distribution {
    /// A distribution of one of the parametric families (every family but
    /// empirical samples and mixtures), reduced to what drawing from it
    /// needs: a trivial value, so copying it and drawing from it involve no
    /// reference counting. It draws exactly what its ``Distribution``
    /// draws. See ``Distribution/parametric``.
    public struct Parametric: Sendable, Equatable {
        @usableFromInline enum Family: Sendable, Equatable {
            case exponential(mean: Double)
            case lognormal(mu: Double, sigma: Double)
            /// Gamma and Erlang.
            case gamma(shape: Double, scale: Double)
            case weibull(scale: Double, inverseShape: Double)
            case uniform(low: Double, high: Double)
            case constant(Double)
        }

        @usableFromInline let family: Family

        @usableFromInline init(_ family: Family) { self.family = family }

        /// One draw using `stream`: the draw its ``Distribution`` makes.
        @inlinable public func sample(_ stream: StreamView) -> Double {
            switch family {
            case let .exponential(mean):
                return -mean * log(stream.uniform())
            case let .lognormal(mu, sigma):
                return exp(mu + sigma * gsl_ran_gaussian_ziggurat(stream.rng, 1))
            case let .gamma(shape, scale):
                return gsl_ran_gamma(stream.rng, shape, scale)
            case let .weibull(scale, inverseShape):
                return scale * exp(log(-log(stream.uniform())) * inverseShape)
            case let .uniform(low, high):
                return low + (high - low) * stream.uniform()
            case let .constant(value):
                return value
            }
        }

        /// A draw whose random numbers are taken from `stream` now, exactly
        /// as ``sample(_:)`` takes them, and whose value is worked out only
        /// when read: an exponential's logarithm is skipped for a draw that
        /// is never needed (the patience of a caller answered at once).
        @inlinable public func sampleLater(_ stream: StreamView) -> Draw {
            if case let .exponential(mean) = family { return Draw(scale: -mean, uniform: stream.uniform()) }
            return Draw(scale: 0, uniform: sample(stream))
        }
    }

    /// A draw of ``Parametric/sampleLater(_:)``: the value is `scale × log(uniform)`,
    /// or the value itself, held in `uniform`, when `scale` is 0.
    public struct Draw: Sendable {
        @usableFromInline let scale: Double
        @usableFromInline let uniform: Double

        /// A draw whose value is `value`.
        @inlinable public init(value: Double) { self.init(scale: 0, uniform: value) }

        @inlinable init(scale: Double, uniform: Double) {
            self.scale = scale
            self.uniform = uniform
        }

        /// What ``Parametric/sample(_:)`` would have returned.
        @inlinable public var value: Double { scale == 0 ? uniform : scale * log(uniform) }
    }

    /// This distribution as a ``Parametric`` value when its family is
    /// parametric; nil for empirical samples and mixtures.
    @inlinable public var parametric: Parametric? {
        switch kind {
        case let .exponential(mean): Parametric(.exponential(mean: mean))
        case let .lognormal(_, _, mu, sigma): Parametric(.lognormal(mu: mu, sigma: sigma))
        case let .gamma(shape, scale), let .erlang(_, _, shape, scale): Parametric(.gamma(shape: shape, scale: scale))
        case let .weibull(_, scale, inverseShape): Parametric(.weibull(scale: scale, inverseShape: inverseShape))
        case let .uniform(low, high): Parametric(.uniform(low: low, high: high))
        case let .constant(value): Parametric(.constant(value))
        case .empirical, .mixture: nil
        }
    }
}
