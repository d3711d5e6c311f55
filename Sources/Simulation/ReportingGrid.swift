/// The reporting intervals of a run: the clock's grid of `intervalSeconds`
/// from time 0 (the grid of headcounts and staffing plans), between the end
/// of the warm-up and the end of the run. The first interval is part of a
/// grid interval when the warm-up is not a whole number of intervals; the
/// last ends at the end of the run.
public struct ReportingGrid: Sendable, Equatable {
    /// The end of the warm-up: where reporting starts.
    public let start: Double
    /// The end of the run.
    public let end: Double
    public let intervalSeconds: Double
    /// The start of the grid interval holding `start`.
    let origin: Double
    /// Reporting intervals, at least one.
    public let count: Int

    public init(start: Double, end: Double, intervalSeconds: Double) {
        self.start = start
        self.end = end
        self.intervalSeconds = intervalSeconds
        origin = (start / intervalSeconds).rounded(.down) * intervalSeconds
        count = max(1, Int(((end - origin) / intervalSeconds).rounded(.up)))
    }

    /// The interval holding time `t` (not before `start`), clipped to the last.
    @inline(__always) func index(_ t: Double) -> Int {
        Swift.min(Int((t - origin) / intervalSeconds), count - 1)
    }

    /// Where interval `i` starts.
    public func start(of i: Int) -> Double { Swift.max(start, origin + Double(i) * intervalSeconds) }

    /// The length of interval `i`, seconds.
    public func length(of i: Int) -> Double {
        (i == count - 1 ? end : Swift.min(end, origin + Double(i + 1) * intervalSeconds)) - start(of: i)
    }

    /// The parts of `[from, to)` in each interval, within the grid.
    @inline(__always) func spans(from: Double, to: Double) -> IntervalSpans {
        IntervalSpans(t: Swift.max(from, start), stop: Swift.min(to, end), origin: origin,
                      interval: intervalSeconds, last: count - 1)
    }
}
