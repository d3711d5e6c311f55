/// Expected waits and places in line as a voice prompt says them: rounded to
/// what a caller can take in ("about 3 minutes"), never falsely precise.
/// Pure functions for the shells (the server's IVR, wallboards, reports).
public enum VoicePrompt {
    /// A wait rounded for speech, with its text.
    public struct SpokenWait: Sendable, Equatable {
        /// The rounded value, seconds (what the caller is told).
        public var seconds: Int64
        public var text: String
    }

    /// Rounds `microseconds` the way a prompt says it: under a minute is
    /// "less than a minute"; to the nearest minute up to 10 minutes; to the
    /// nearest 5 minutes up to an hour; to the nearest half hour beyond;
    /// `Int64.max` (no estimate) says nothing precise.
    public static func wait(_ microseconds: Int64) -> SpokenWait {
        guard microseconds != .max else { return SpokenWait(seconds: .max, text: "we cannot estimate your wait right now") }
        let s = Double(max(microseconds, 0)) / 1e6
        if s < 60 { return SpokenWait(seconds: 60, text: "less than a minute") }
        if s < 570 {
            let minutes = Int64((s / 60).rounded())
            return SpokenWait(seconds: minutes * 60, text: minutes == 1 ? "about 1 minute" : "about \(minutes) minutes")
        }
        if s < 3450 {
            let minutes = Int64((s / 300).rounded()) * 5
            return SpokenWait(seconds: minutes * 60, text: "about \(minutes) minutes")
        }
        let halfHours = Int64((s / 1800).rounded())
        let hours = halfHours / 2
        let text = halfHours % 2 == 0
            ? (hours == 1 ? "about 1 hour" : "about \(hours) hours")
            : (hours == 0 ? "about half an hour" : "about \(hours) and a half hours")
        return SpokenWait(seconds: halfHours * 1800, text: text)
    }

    /// A range from two waits, e.g. "between 2 and 5 minutes" (whole
    /// minutes, low rounded down, high up; collapses to one value when equal).
    public static func range(low: Int64, high: Int64) -> String {
        guard high != .max else { return "more than \(wait(low).text.replacingAbout())" }
        let lo = Int64((Double(max(low, 0)) / 60e6).rounded(.down))
        let hi = max(lo, Int64((Double(max(high, 0)) / 60e6).rounded(.up)))
        if hi == 0 { return "less than a minute" }
        if lo == hi { return hi == 1 ? "about 1 minute" : "about \(hi) minutes" }
        return lo == 0 ? "up to \(hi) minutes" : "between \(lo) and \(hi) minutes"
    }

    /// The place in line, `ahead` contacts before this one.
    public static func position(ahead: Int) -> String {
        ahead <= 0 ? "You are next in line." : "You are number \(ahead + 1) in line."
    }
}

extension String {
    /// "about 3 minutes" → "3 minutes".
    func replacingAbout() -> String { hasPrefix("about ") ? String(dropFirst(6)) : self }
}

/// Quantiles of a wait known by its mean and variance, by a gamma distribution
/// with those moments (the Wilson–Hilferty approximation to its quantile).
/// The queue-length method's wait is a sum of exponential stages, which a
/// gamma matches closely; used to announce a percentile or a range.
public enum WaitQuantile {
    /// The `probability` quantile (0 < p < 1) of a gamma variable with this
    /// mean and variance (seconds, seconds²); the mean itself when the
    /// variance is zero.
    public static func gamma(mean: Double, variance: Double, probability p: Double) -> Double {
        precondition(p > 0 && p < 1, "probability must be in (0, 1)")
        guard mean > 0, variance > 0 else { return max(mean, 0) }
        let shape = mean * mean / variance
        let scale = variance / mean
        let z = standardNormalQuantile(p)
        let c = 1 / (9 * shape)
        let cube = 1 - c + z * c.squareRoot()
        return max(0, shape * scale * cube * cube * cube)
    }

    /// Acklam's rational approximation of the standard normal quantile
    /// (relative error below 1.2e-9).
    static func standardNormalQuantile(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * naturalLog(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low {
            let q = (-2 * naturalLog(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
