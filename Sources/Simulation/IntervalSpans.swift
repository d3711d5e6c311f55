/// Splits a time span into its parts per reporting interval: (interval, seconds).
struct IntervalSpans: Sequence, IteratorProtocol {
    var t: Double
    let stop: Double
    let warmup: Double
    let interval: Double
    let last: Int

    mutating func next() -> (Int, Double)? {
        guard t < stop else { return nil }
        let i = Swift.min(Int((t - warmup) / interval), last)
        let boundary = i == last ? stop : Swift.min(stop, warmup + Double(i + 1) * interval)
        defer { t = boundary }
        return (i, boundary - t)
    }
}
