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

    /// `ReportingGrid.span`, the one-interval shortcut, gives only what
    /// `spans` gives as its one part, and gives it for most spans within an
    /// interval: spans starting and ending on, near and across boundaries,
    /// before the warm-up's end and past the run's end.
    @Test(arguments: [0.0, 0.3, 1.1], [13.3, 0.1, 1800])
    func theOneIntervalShortcutAgreesWithSpans(warmupHours: Double, interval: Double) {
        let grid = ReportingGrid(start: warmupHours * 3600, end: warmupHours * 3600 + 7.5 * interval,
                                 intervalSeconds: interval)
        var singles = 0, oneParts = 0
        for k in -20 ..< 200 {
            let from = grid.start + Double(k) * interval / 20
            for length in [0, interval / 7, interval / 2, interval, 1.3 * interval, 3 * interval] {
                let parts = Array(grid.spans(from: from, to: from + length))
                let single = grid.span(from: from, to: from + length)
                if parts.count == 1 { oneParts += 1 }
                if let single {
                    #expect(parts.count == 1 && parts[0].0 == single.interval && parts[0].1 == single.seconds)
                    singles += 1
                }
            }
        }
        // All but spans from a boundary that divides into the interval
        // before it (left to `spans`), a few in a hundred at most.
        #expect(oneParts > 200 && singles >= oneParts - oneParts / 20)
    }
}
