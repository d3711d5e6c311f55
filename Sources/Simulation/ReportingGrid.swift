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
    /// The grid interval (from time 0) of the first reporting interval.
    public let firstGridInterval: Int
    /// Reporting intervals, at least one.
    public let count: Int

    /// A warm-up or end within a billionth of an interval of a grid boundary
    /// (`0.21h` in intervals of `0.07h`, which divide to 2.9999999999999996)
    /// is on it: no sliver of an interval before or after it.
    public init(start: Double, end: Double, intervalSeconds: Double) {
        self.start = start
        self.end = end
        self.intervalSeconds = intervalSeconds
        firstGridInterval = Int((start / intervalSeconds + 1e-9).rounded(.down))
        origin = Double(firstGridInterval) * intervalSeconds
        count = max(1, Int(((end - origin) / intervalSeconds - 1e-9).rounded(.up)))
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

    /// Calls `body` with each part of `[from, to)` that `spans` gives:
    /// at once for a span within one interval (nearly all), through the
    /// iterator otherwise.
    @inline(__always) func forEachSpan(from: Double, to: Double, _ body: (Int, Double) -> Void) {
        if let (i, seconds) = span(from: from, to: to) { return body(i, seconds) }
        for (i, seconds) in spans(from: from, to: to) { body(i, seconds) }
    }

    /// `[from, to)` within the grid when it lies in one interval: that
    /// interval and its length, as `spans` gives them; nil when it is
    /// empty or crosses a boundary.
    @inline(__always) func span(from: Double, to: Double) -> (interval: Int, seconds: Double)? {
        let t = Swift.max(from, start), stop = Swift.min(to, end)
        guard t < stop else { return nil }
        let i = Swift.min(Int((t - origin) / intervalSeconds), count - 1)
        guard i == count - 1 || stop <= origin + Double(i + 1) * intervalSeconds else { return nil }
        return (i, stop - t)
    }
}
