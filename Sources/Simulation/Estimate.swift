import Stochastics

/// A figure estimated from independent replications, with a Student-t
/// confidence interval: the mean of per-replication amounts
/// (`init(values:)`), or a ratio pooled over them (`init(ratios:)`).
public struct Estimate: Sendable, Equatable {
    public var mean: Double
    public var ciLow: Double
    public var ciHigh: Double
    /// Replications in which the figure was defined (e.g. ASA needs an answered call).
    public var samples: Int

    public init(mean: Double, ciLow: Double, ciHigh: Double, samples: Int) {
        self.mean = mean
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.samples = samples
    }

    /// The estimate from per-replication `values`, skipping undefined (NaN)
    /// ones, at two-sided `confidence` (0.95 by default), its interval cut to
    /// `range`, where the figure lies (a share in 0...1). With one value the
    /// interval is undefined (NaN): one replication says nothing of the
    /// spread; with none, everything is NaN.
    public init(values: [Double], confidence: Double = 0.95, range: ClosedRange<Double> = -.infinity ... .infinity) {
        let defined = values.filter { !$0.isNaN }
        guard !defined.isEmpty else {
            self.init(mean: .nan, ciLow: .nan, ciHigh: .nan, samples: 0)
            return
        }
        let n = Double(defined.count)
        let mean = defined.reduce(0, +) / n
        guard defined.count > 1 else {
            self.init(mean: mean, ciLow: .nan, ciHigh: .nan, samples: 1)
            return
        }
        let variance = defined.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let t = studentTQuantile(probability: 0.5 + confidence / 2, degreesOfFreedom: n - 1)
        let half = t * (variance / n).squareRoot()
        self.init(mean: mean, ciLow: max(mean - half, range.lowerBound), ciHigh: min(mean + half, range.upperBound),
                  samples: defined.count)
    }

    /// The ratio estimate from per-replication `ratios`: the pooled ratio
    /// Σ numerators / Σ denominators (the share of all contacts, which
    /// weighs each replication by its denominator: a mean of each
    /// replication's share would give a replication with 2 calls the weight
    /// of one with 200, and is biased when counts are small), with the
    /// delta-method interval from the residuals numerator − ratio ×
    /// denominator of the `n` replications, Student t with n − 1 degrees
    /// of freedom, the ratio and its interval cut to `range`. `samples` counts the replications with a
    /// denominator; with none the figure is undefined (NaN), with one its
    /// interval is.
    public init(ratios: [Ratio], confidence: Double = 0.95, range: ClosedRange<Double> = -.infinity ... .infinity) {
        let numerator = ratios.reduce(0) { $0 + $1.numerator }
        let denominator = ratios.reduce(0) { $0 + $1.denominator }
        let samples = ratios.count { $0.denominator > 0 }
        guard denominator > 0 else {
            self.init(mean: .nan, ciLow: .nan, ciHigh: .nan, samples: 0)
            return
        }
        // Within its range also when rounding in the sums would put it past a
        // bound (busy time over staffed time of agents never idle: 1.0000000000000004).
        let ratio = min(max(numerator / denominator, range.lowerBound), range.upperBound)
        guard samples > 1 else {
            self.init(mean: ratio, ciLow: .nan, ciHigh: .nan, samples: samples)
            return
        }
        let n = Double(ratios.count)
        let squares = ratios.reduce(0) { sum, r in
            let residual = r.numerator - ratio * r.denominator
            return sum + residual * residual
        }
        let standardError = (squares / (n - 1) / n).squareRoot() / (denominator / n)
        let half = studentTQuantile(probability: 0.5 + confidence / 2, degreesOfFreedom: n - 1) * standardError
        self.init(mean: ratio, ciLow: max(ratio - half, range.lowerBound), ciHigh: min(ratio + half, range.upperBound),
                  samples: samples)
    }

    /// Half the width of the confidence interval.
    public var halfWidth: Double { (ciHigh - ciLow) / 2 }

    /// Whether `value` lies inside the confidence interval.
    public func contains(_ value: Double) -> Bool { ciLow <= value && value <= ciHigh }
}
