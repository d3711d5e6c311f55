import Stochastics

/// The paired comparison of one figure: replication `r` of the baseline and
/// of the new run use the same random streams (common random numbers), so
/// the differences d_r = now_r − baseline_r vary far less than the figures
/// themselves, and a small mean difference is already significant.
public struct PairedComparison: Sendable, Equatable {
    /// Pairs where both values are defined (NaN pairs are skipped).
    public var pairs: Int
    public var baselineMean: Double
    public var nowMean: Double
    /// Mean of the paired differences now − baseline.
    public var meanDifference: Double
    /// Standard error of `meanDifference` (0 with fewer than 2 pairs).
    public var standardError: Double
    /// Two-sided 95% confidence interval of the mean difference.
    public var ciLow: Double
    public var ciHigh: Double
    /// One-sided 95% bounds: the mean difference is above `lowerBound`, and
    /// below `upperBound`, each with 95% confidence.
    public var lowerBound: Double
    public var upperBound: Double

    /// Compares per-replication values, pair by pair (`baseline[r]` with
    /// `now[r]`, both from replication `r`).
    public init(baseline: [Double], now: [Double]) {
        precondition(baseline.count == now.count, "paired comparison needs equally many replications")
        let defined = zip(baseline, now).filter { !$0.0.isNaN && !$0.1.isNaN }
        pairs = defined.count
        baselineMean = FigureValues.Row.mean(baseline)
        nowMean = FigureValues.Row.mean(now)
        let d = defined.map { $0.1 - $0.0 }
        guard !d.isEmpty else {
            meanDifference = .nan; standardError = .nan
            ciLow = .nan; ciHigh = .nan; lowerBound = .nan; upperBound = .nan
            return
        }
        let n = Double(d.count)
        let mean = d.reduce(0, +) / n
        meanDifference = mean
        guard d.count > 1 else {
            standardError = .nan
            ciLow = .nan; ciHigh = .nan; lowerBound = .nan; upperBound = .nan
            return
        }
        let variance = d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let se = (variance / n).squareRoot()
        standardError = se
        let two = studentTQuantile(probability: 0.975, degreesOfFreedom: n - 1)
        let one = studentTQuantile(probability: 0.95, degreesOfFreedom: n - 1)
        ciLow = mean - two * se
        ciHigh = mean + two * se
        lowerBound = mean - one * se
        upperBound = mean + one * se
    }
}

/// How a figure compares with its baseline.
public enum Verdict: String, Sendable, Equatable {
    /// Not worse than the baseline by more than the tolerance with 95% confidence.
    case pass
    /// Worse than the baseline by more than the tolerance with 95% confidence.
    case fail
    /// Better than the baseline by more than the tolerance with 95% confidence; never fails.
    case improved
    /// Reported only: an informational figure (occupancy), or one that is
    /// undefined or has fewer than two defined pairs.
    case info
}

extension PairedComparison {
    /// The verdict for a figure that gets worse in direction `worseWhen`
    /// (nil: informational) with `tolerance` (> 0, in the figure's unit).
    ///
    /// With d_r = now_r − baseline_r and "worse" meaning lower (service
    /// level): fail when the one-sided 95% upper bound of the mean d is below
    /// −tolerance; improved when the lower bound is above +tolerance.
    /// Mirrored for figures where higher is worse (ASA, abandonment).
    public func verdict(worseWhen: CheckedFigure.Direction?, tolerance: Double) -> Verdict {
        guard let worseWhen, pairs >= 2, upperBound.isFinite, lowerBound.isFinite else { return .info }
        switch worseWhen {
        case .lower:
            if upperBound < -tolerance { return .fail }
            if lowerBound > tolerance { return .improved }
        case .higher:
            if lowerBound > tolerance { return .fail }
            if upperBound < -tolerance { return .improved }
        }
        return .pass
    }

    /// The one-sided bound that decides a failure: the bound nearest to
    /// "no change" on the worse side.
    public func decidingBound(worseWhen: CheckedFigure.Direction) -> Double {
        worseWhen == .lower ? upperBound : lowerBound
    }
}
