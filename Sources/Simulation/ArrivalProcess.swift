/// A non-homogeneous Poisson arrival process with a piecewise-constant rate,
/// sampled exactly by inverting the cumulative rate (no thinning, no
/// rejected draws): the next arrival after `t` is where the integrated rate
/// has grown by one standard exponential.
public struct ArrivalProcess: Sendable {
    /// Rate segments in time order: from `start` (seconds) to the next
    /// segment's start, `ratePerSecond` arrivals per second. The last segment
    /// runs to `end`.
    public struct Segment: Sendable, Equatable {
        public var start: Double
        public var ratePerSecond: Double

        public init(start: Double, ratePerSecond: Double) {
            self.start = start
            self.ratePerSecond = ratePerSecond
        }
    }

    public let segments: [Segment]
    /// No arrivals at or after this time (seconds).
    public let end: Double

    /// Builds the process from rates per interval (interval `i` covers
    /// `[i·intervalSeconds, (i+1)·intervalSeconds)`; the profile repeats when
    /// the horizon is longer than it), multiplied by `scale` and by each
    /// surge's factor while it lasts.
    public init(ratesPerSecond: [Double], intervalSeconds: Double, scale: Double = 1,
                surges: [Surge] = [], end: Double) {
        precondition(!ratesPerSecond.isEmpty && intervalSeconds > 0)
        var cuts: [Double] = []
        var t = 0.0
        var i = 0
        while t < end {
            cuts.append(t)
            i += 1
            t = Double(i) * intervalSeconds
        }
        for surge in surges {
            if surge.start > 0 && surge.start < end { cuts.append(surge.start) }
            if surge.end > 0 && surge.end < end { cuts.append(surge.end) }
        }
        cuts.sort()
        var segments: [Segment] = []
        for start in cuts where segments.last?.start != start {
            let interval = Int(start / intervalSeconds) % ratesPerSecond.count
            var rate = ratesPerSecond[interval] * scale
            for surge in surges where surge.runs(at: start) {
                rate *= surge.factor
            }
            if let last = segments.last, last.ratePerSecond == rate { continue }
            segments.append(Segment(start: start, ratePerSecond: rate))
        }
        self.segments = segments
        self.end = end
    }

    /// The time of the first arrival after `time`, given a standard
    /// exponential draw `e` (mean 1) and the index of the segment holding
    /// `time` (updated in place); nil when none comes before `end`.
    @inlinable public func nextArrival(after time: Double, exponential e: Double,
                                       segment: inout Int) -> Double? {
        var t = time
        var remaining = e
        var s = segment
        while true {
            let rate = segments[s].ratePerSecond
            let segmentEnd = s + 1 < segments.count ? segments[s + 1].start : end
            if rate > 0 {
                let needed = remaining / rate
                if t + needed < segmentEnd {
                    segment = s
                    return t + needed
                }
                remaining -= rate * (segmentEnd - t)
            }
            guard s + 1 < segments.count else { return nil }
            s += 1
            t = segmentEnd
        }
    }

    /// Expected arrivals in `[from, to)` (the integrated rate).
    public func expectedArrivals(from: Double, to: Double) -> Double {
        var total = 0.0
        for (s, segment) in segments.enumerated() {
            let segmentEnd = s + 1 < segments.count ? segments[s + 1].start : end
            let lo = max(from, segment.start), hi = min(to, segmentEnd)
            if hi > lo { total += segment.ratePerSecond * (hi - lo) }
        }
        return total
    }
}

/// A scheduled change of a queue's arrival rate: the rate is multiplied by
/// `factor` from `start` to `end` (seconds from the start of the run).
public struct Surge: Sendable, Equatable {
    public var start: Double
    public var end: Double
    public var factor: Double

    public init(start: Double, end: Double, factor: Double) {
        self.start = start
        self.end = end
        self.factor = factor
    }

    /// Whether the surge multiplies the rate at time `t`: from its start, up to its end.
    public func runs(at t: Double) -> Bool { start <= t && t < end }
}
