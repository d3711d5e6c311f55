/// Splits a time span into its parts per reporting interval: (interval,
/// seconds), interval `i` ending at `origin + (i + 1) · interval`.
struct IntervalSpans: Sequence, IteratorProtocol {
    var t: Double
    let stop: Double
    let origin: Double
    let interval: Double
    let last: Int

    mutating func next() -> (Int, Double)? {
        guard t < stop else { return nil }
        var i = Swift.min(Int((t - origin) / interval), last)
        var boundary = end(of: i)
        // `t` on a boundary that the division rounded into the interval
        // before it (origin 1.1 h, say): the part starts in the next one.
        while boundary <= t && i < last {
            i += 1
            boundary = end(of: i)
        }
        defer { t = boundary }
        return (i, boundary - t)
    }

    /// Where interval `i`'s part ends: its end, or `stop` for the last.
    @inline(__always) private func end(of i: Int) -> Double {
        i == last ? stop : Swift.min(stop, origin + Double(i + 1) * interval)
    }
}
