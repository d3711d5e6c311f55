/// Why a ``Distribution`` could not be built from the given parameters.
public enum DistributionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `parameter` must be finite and strictly positive.
    case notPositive(parameter: String, value: Double)
    /// `parameter` must be finite and zero or more.
    case negative(parameter: String, value: Double)
    /// `parameter` must be a finite number.
    case notFinite(parameter: String, value: Double)
    /// `parameter` is outside the range in which its draws mean anything
    /// (a gamma shape of 1e-300 draws only zeros).
    case outOfRange(parameter: String, value: Double, range: ClosedRange<Double>)
    /// A uniform distribution needs `low <= high`.
    case invertedRange(low: Double, high: Double)
    /// An empirical distribution needs at least one observed value, a mixture
    /// at least one component.
    case empty(parameter: String)

    public var description: String {
        switch self {
        case let .notPositive(parameter, value):
            "\(parameter) must be finite and > 0, got \(value)"
        case let .negative(parameter, value):
            "\(parameter) must be finite and >= 0, got \(value)"
        case let .notFinite(parameter, value):
            "\(parameter) must be finite, got \(value)"
        case let .outOfRange(parameter, value, range):
            "\(parameter) must be from \(range.lowerBound) to \(range.upperBound), got \(value)"
        case let .invertedRange(low, high):
            "uniform range needs low <= high, got low \(low), high \(high)"
        case let .empty(parameter):
            "\(parameter) must not be empty"
        }
    }
}
