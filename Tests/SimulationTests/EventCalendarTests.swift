@testable import Simulation
import Testing

@Suite struct EventCalendarTests {
    @Test func eventsComeOutInTimeOrderAndEqualTimesInInsertionOrder() {
        var calendar = EventCalendar<Int>()
        let times: [Int64] = [50, 10, 30, 10, 50, 20, 10, 40, 30, 0]
        for (k, t) in times.enumerated() { calendar.schedule(k, at: t) }
        var out: [(Int64, Int)] = []
        while let (t, e) = calendar.next() { out.append((t, e)) }
        let expected = times.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }
        #expect(out.map(\.0) == expected.map(\.element))
        #expect(out.map(\.1) == expected.map(\.offset))
        let empty = calendar.isEmpty
        #expect(empty)
    }

    @Test func staysOrderedUnderInterleavedUse() {
        var calendar = EventCalendar<Int64>()
        var state: UInt64 = 12345
        var last: Int64 = .min
        var now: Int64 = 0
        for step in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            if step % 3 != 2 || calendar.isEmpty {
                let t = now + Int64(state >> 44)
                calendar.schedule(t, at: t)
            } else {
                let (t, e) = calendar.next()!
                #expect(t == e && t >= last)
                last = t
                now = t
            }
        }
    }
}

extension EventCalendarTests {
    /// The calendar queue against a sorted reference through phases that
    /// make it change shape: its events grow from none to about 9,000 and
    /// drain (buckets doubled, then halved), the gaps between them change
    /// from below a microsecond to seconds (days of other widths), bursts at
    /// one time pile up in one bucket, and lone events far ahead (more than
    /// a year of days away) are found by the search over all buckets.
    @Test func calendarQueueKeepsTheOrderWhileItChangesShape() {
        var calendar = EventCalendar<Int>()
        var reference: [(time: Int64, event: Int)] = []
        var state: UInt64 = 2024
        var now: Int64 = 0
        var event = 0
        var out: [Int] = []
        var expected: [Int] = []
        // The shapes it took, and events found more than a year of days ahead.
        var bucketCounts: [Int] = []
        var dayShifts: Set<UInt64> = []
        var searched = 0
        func draw() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 24
        }
        func add(at t: Int64) {
            calendar.schedule(event, at: t)
            reference.append((t, event))
            event += 1
        }
        func take() {
            // The reference is in scheduling order: the first of the least time.
            let i = reference.indices.min { reference[$0].time < reference[$1].time }!
            let day = (UInt64(bitPattern: reference[i].time) ^ (1 << 63)) >> calendar.dayShift
            if day - calendar.today > UInt64(calendar.bucketMask + 1) { searched += 1 }
            expected.append(reference.remove(at: i).event)
            let (t, e) = calendar.next()!
            out.append(e)
            now = t
        }
        // (events added per step, taken per step, steps, spread of times ahead in µs)
        let phases: [(add: Int, take: Int, steps: Int, spread: UInt64)] = [
            (3, 1, 3_000, 1_000),             // grows to about 9,000 at sub-microsecond gaps
            (1, 4, 3_500, 1_000_000),         // drains at gaps of a few hundred microseconds
            (4, 3, 3_000, 3_600_000_000),     // hundreds pending, hours ahead: gaps of seconds
            (1, 2, 3_000, 50),                // drains again
        ]
        for phase in phases {
            for step in 0..<phase.steps {
                for _ in 0..<phase.add {
                    let r = draw()
                    switch r % 64 {
                    case 0: for _ in 0..<20 { add(at: now) }                          // a burst at one time
                    case 1: add(at: now + Int64(phase.spread) * 1_000 + Int64(r % 1_000))  // far ahead
                    default: add(at: now + Int64(r % phase.spread))
                    }
                }
                for _ in 0..<phase.take where !reference.isEmpty { take() }
                if step % 500 == 0 { #expect(calendar.count == reference.count) }
                if bucketCounts.last != calendar.bucketMask + 1 { bucketCounts.append(calendar.bucketMask + 1) }
                dayShifts.insert(calendar.dayShift)
            }
        }
        while !reference.isEmpty { take() }
        #expect(out == expected)
        #expect(out.count > 30_000)
        // Buckets 16 ... 32,768, 1,024 ... 16,384; day widths 2^0 ... 2^25 µs
        // in 9 steps; 161 searches, with this seed.
        let most = bucketCounts.max()!
        let peak = bucketCounts.firstIndex(of: most)!
        #expect(most >= 4_096 && bucketCounts[peak...].min()! <= most / 8, "\(bucketCounts)")
        #expect(dayShifts.count >= 5 && dayShifts.max()! - dayShifts.min()! >= 20, "\(dayShifts.sorted())")
        #expect(searched > 10)
        let empty = calendar.next() == nil
        #expect(empty)
    }

    /// Lanes and the calendar queue share one (time, scheduling order) order, ties included.
    @Test func lanesAndCalendarQueueComeOutInOneOrder() {
        var calendar = EventCalendar<Int>(lanes: 3)
        var reference: [(time: Int64, sequence: Int, event: Int)] = []
        var state: UInt64 = 99
        var sequence = 0
        var laneBusy = [false, false, false]
        var now: Int64 = 0
        var out: [Int] = []
        var expected: [Int] = []
        for step in 0..<30_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let r = Int(state >> 33)
            if r % 5 < 3 || reference.isEmpty {
                // Coarse times, so that equal times are common.
                let t = now + Int64(r % 7)
                let lane = r % 4
                if lane < 3 {
                    guard !laneBusy[lane] else { continue }
                    laneBusy[lane] = true
                    calendar.schedule(step * 4 + lane, at: t, lane: lane)
                    reference.append((t, sequence, step * 4 + lane))
                } else {
                    calendar.schedule(step * 4 + 3, at: t)
                    reference.append((t, sequence, step * 4 + 3))
                }
                sequence += 1
            } else {
                let i = reference.indices.min { (reference[$0].time, reference[$0].sequence) < (reference[$1].time, reference[$1].sequence) }!
                expected.append(reference.remove(at: i).event)
                let (t, e) = calendar.next()!
                out.append(e)
                if e % 4 < 3 { laneBusy[e % 4] = false }
                now = t
            }
        }
        #expect(out == expected)
        let pending = calendar.count
        #expect(pending == reference.count)
        calendar.removeAll()
        let emptied = calendar.isEmpty
        let nothing = calendar.next() == nil
        #expect(emptied && nothing)
    }
}

/// Patience deadlines kept in `PatienceDeadlines`, only the earliest in a
/// lane, come out exactly where scheduling every one of them in the
/// calendar and skipping the cancelled ones would have put them.
@Suite struct PatienceDeadlineTests {
    @Test func cancellableDeadlinesKeepTheCalendarsOrder() {
        var calendar = EventCalendar<Int>(lanes: 1)
        var deadlines = PatienceDeadlines()
        // Events: steps for the calendar queue's, slots for deadlines (−1 −
        // slot in the lane). The reference: everything in the calendar queue,
        // cancelled deadlines recognised by a stamp per slot (−1 − slot −
        // 100 × stamp).
        var reference = EventCalendar<Int>()
        var stamps = Array(repeating: 0, count: 20)
        var live = Array(repeating: false, count: 20)
        var state: UInt64 = 7
        var now: Int64 = 0
        var popped = 0, fromLane = 0
        func sync() {
            if let (key, slot) = deadlines.first {
                calendar.setLane(0, -1 - slot, key: key)
            } else {
                calendar.clearLane(0)
            }
        }
        for step in 0..<40_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let r = Int(state >> 33)
            let slot = r % 20
            let t = now + Int64(r / 20 % 9)
            switch r / 200 % 8 {
            case 0, 1:
                calendar.schedule(step, at: t)
                reference.schedule(step, at: t)
            case 2, 3:
                if deadlines.set(slot, calendar.key(at: t)) { sync() }
                stamps[slot] += 1
                live[slot] = true
                reference.schedule(-1 - slot - 100 * stamps[slot], at: t)
            case 4:
                let contained = deadlines.contains(slot)
                #expect(contained == live[slot])
                if deadlines.remove(slot) { sync() }
                stamps[slot] += 1
                live[slot] = false
            default:
                var expected: (Int64, Int)?
                while let (time, e) = reference.next() {
                    if e >= 0 || (-1 - e) / 100 == stamps[(-1 - e) % 100] {
                        expected = (time, e >= 0 ? e : -1 - (-1 - e) % 100)
                        break
                    }
                }
                guard let (time, event) = calendar.next() else {
                    #expect(expected == nil)
                    continue
                }
                #expect(time == expected?.0 && event == expected?.1)
                if event < 0 {
                    let slot = -1 - event
                    let wasFirst = deadlines.remove(slot)
                    #expect(wasFirst)
                    sync()
                    stamps[slot] += 1
                    live[slot] = false
                    fromLane += 1
                }
                popped += 1
                now = time
            }
        }
        // Both kinds come out often (15,042 and 5,021 with this seed).
        #expect(popped > 10_000 && fromLane > 3_000)
    }
}

@Suite struct ArrivalProcessTests {
    @Test func segmentsCombineIntervalRatesAndSurges() {
        let p = ArrivalProcess(ratesPerSecond: [1, 2], intervalSeconds: 100,
                               surges: [Surge(start: 150, end: 250, factor: 4)], end: 400)
        #expect(p.segments == [
            .init(start: 0, ratePerSecond: 1), .init(start: 100, ratePerSecond: 2),
            .init(start: 150, ratePerSecond: 8), .init(start: 200, ratePerSecond: 4),
            .init(start: 250, ratePerSecond: 1), .init(start: 300, ratePerSecond: 2),
        ])
        // 100·1 + 50·2 + 50·8 + 50·4 + 50·1 + 100·2
        #expect(p.expectedArrivals(from: 0, to: 400) == 1050)
    }

    @Test func inversionCrossesSegmentsExactly() {
        let p = ArrivalProcess(ratesPerSecond: [1, 0, 2], intervalSeconds: 10, end: 30)
        var segment = 0
        // 5 units of integrated rate from t = 8: 2 in [8,10), none in [10,20), 3 more at rate 2 → 21.5.
        #expect(p.nextArrival(after: 8, exponential: 5, segment: &segment) == 21.5)
        #expect(segment == 2)
        #expect(p.nextArrival(after: 21.5, exponential: 100, segment: &segment) == nil)
    }
}

extension EventCalendarTests {
    /// A payload that counts its instances, to see what the calendar's node
    /// storage does with events that own memory.
    final class Counted {
        nonisolated(unsafe) static var alive = 0
        let value: Int
        init(_ value: Int) {
            self.value = value
            Counted.alive += 1
        }
        deinit { Counted.alive -= 1 }
    }

    /// Events that own memory survive the node storage growing (moved, not
    /// copied), its buckets being rebuilt, and come out whole and in order;
    /// those still pending when the calendar goes are released with it, and
    /// none twice.
    @Test func eventsOwningMemoryAreMovedKeptAndReleased() {
        do {
            var calendar = EventCalendar<Counted>()
            for k in 0..<5_000 { calendar.schedule(Counted(k), at: Int64((k * 7_919) % 5_000) * 1_000) }
            #expect(Counted.alive == 5_000)
            var last: Int64 = -1
            for _ in 0..<2_500 {
                let (t, e) = calendar.next()!
                #expect(t == Int64((e.value * 7_919) % 5_000) * 1_000 && t > last)
                last = t
            }
            #expect(Counted.alive == 2_500)
        }
        #expect(Counted.alive == 0)
    }
}
