import Testing
@testable import RoutingCore

/// The core's data structures against naive models.
@Suite struct StructureTests {
    @Test func queueLineCountsPlacesAcrossGrowth() {
        var g = SplitMix64(seed: 5)
        var line = QueueLine(capacity: 2)
        var model: [(ticket: Int64, slot: Int32)] = []  // in entry order
        for step in 0..<5000 {
            if model.isEmpty || g.next(upperBound: UInt64(3)) > 0 {
                let slot = Int32(step)
                model.append((line.enter(slot), slot))
            } else {
                let i = Int(g.next(upperBound: UInt64(model.count)))
                line.leave(model[i].ticket)
                model.remove(at: i)
            }
            line.checkInvariants()
            #expect(line.count == model.count)
            #expect(line.oldest == model.first?.slot)
            if !model.isEmpty {
                let i = Int(g.next(upperBound: UInt64(model.count)))
                #expect(line.ahead(of: model[i].ticket) == i)
            }
        }
    }

    @Test func timerQueueFiresByDeadlineThenInsertionOrder() {
        var g = SplitMix64(seed: 9)
        var timers = TimerQueue()
        var expected: [(Int64, Int32)] = []
        for i in 0..<2000 {
            let deadline = Int64(g.next(upperBound: UInt64(50)))
            timers.schedule(at: deadline, target: Int32(i), stamp: 0)
            expected.append((deadline, Int32(i)))
        }
        expected.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var fired: [(Int64, Int32)] = []
        while timers.first != nil {
            let t = timers.removeFirst()
            fired.append((t.deadline, t.target))
        }
        #expect(fired.map(\.0) == expected.map(\.0))
        #expect(fired.map(\.1) == expected.map(\.1))
    }

    @Test func agentPoolTopIsMinimumKeyUnderUpdates() {
        var g = SplitMix64(seed: 3)
        var pool = AgentPool(channel: 0, policy: .longestIdle, members: (0..<64).map { Int32($0) },
                             proficiency: Array(repeating: 1, count: 64))
        var keys: [Int32: PoolKey] = [:]
        for _ in 0..<5000 {
            let local = Int32(g.next(upperBound: UInt64(64)))
            if g.next(upperBound: UInt64(3)) == 0 {
                pool.remove(local)
                keys[local] = nil
            } else {
                let key = PoolKey(load: Int32(g.next(upperBound: UInt64(2))), agent: local,
                                  primary: Int64(g.next(upperBound: UInt64(100))), secondary: 0)
                pool.set(local, key: key)
                keys[local] = key
            }
            pool.checkInvariants()
            #expect(pool.count == keys.count)
            if let best = keys.values.min() { #expect(pool.top.key == best) }
        }
    }
}
