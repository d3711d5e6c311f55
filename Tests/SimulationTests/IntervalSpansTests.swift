@testable import Simulation
import Testing

@Suite struct IntervalSpansTests {
    /// A warm-up of 1.1 h and half-hour intervals: 5760 s, the end of the
    /// first interval, divides to 0.99999…, the interval before. The part
    /// from there belongs to the next interval (this used to return empty
    /// parts for ever).
    @Test func aBoundaryThatDividesIntoTheIntervalBeforeStartsTheNext() {
        let warmup = 1.1 * 3600
        #expect(Int((warmup + 1800 - warmup) / 1800) == 0)  // the rounding this is about
        let parts = Array(IntervalSpans(t: warmup + 1800, stop: warmup + 4000, origin: warmup, interval: 1800, last: 5))
        #expect(parts.map(\.0) == [1, 2])
        #expect(parts.map(\.1) == [1800, 400])
    }

    @Test func aSpanIsSplitAtEveryBoundaryAndTheLastIntervalTakesTheRest() {
        let parts = Array(IntervalSpans(t: 100, stop: 10_000, origin: 0, interval: 1800, last: 2))
        #expect(parts.map(\.0) == [0, 1, 2])
        #expect(parts.map(\.1) == [1700, 1800, 6400])
    }

    /// Every start on a boundary of warm-ups and intervals that do not divide
    /// evenly: the parts are positive, in increasing intervals, and add up.
    @Test(arguments: [0.3, 0.7, 1.1, 2.2], [13.3, 0.3, 0.1, 1800])
    func partsArePositiveAndAddUp(warmupHours: Double, interval: Double) {
        let warmup = warmupHours * 3600
        for k in 0 ..< 200 {
            let t = warmup + Double(k) * interval
            let stop = t + 2.5 * interval
            let parts = Array(IntervalSpans(t: t, stop: stop, origin: warmup, interval: interval, last: 1_000_000))
            #expect(parts.count <= 4)
            #expect(parts.allSatisfy { $0.1 > 0 })
            #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.0 < $1.0 })
            #expect(abs(parts.map(\.1).reduce(0, +) - 2.5 * interval) <= 1e-9 * stop)
        }
    }
}
