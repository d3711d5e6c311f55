import Stochastics

/// A figure estimated from independent replications: the mean of the
/// per-replication values and a Student-t confidence interval around it.
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

    /// Half the width of the confidence interval.
    public var halfWidth: Double { (ciHigh - ciLow) / 2 }

    /// Whether `value` lies inside the confidence interval.
    public func contains(_ value: Double) -> Bool { ciLow <= value && value <= ciHigh }
}
