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
        // Interleaves setting and firing; delays come from a few fixed values
        // (lanes) and many random ones (heap), more than there are lanes.
        var g = SplitMix64(seed: 9)
        var timers = TimerQueue()
        var pending: [(deadline: Int64, target: Int32)] = []
        var now: Int64 = 0
        var fired = 0
        for i in 0..<20_000 {
            now += Int64(g.next(upperBound: UInt64(3)))
            if g.next(upperBound: UInt64(3)) > 0 {
                let delay = g.next() & 1 == 0 ? [5, 10, 20, 0][Int(g.next(upperBound: UInt64(4)))]
                                               : Int64(g.next(upperBound: UInt64(40)))
                timers.schedule(at: now + delay, now: now, target: Int32(i), stamp: 0)
                pending.append((now + delay, Int32(i)))
            }
            while let t = timers.first, t.deadline <= now {
                // The earliest pending deadline; among equals, the first set.
                let best = pending.indices.min { pending[$0].deadline != pending[$1].deadline
                    ? pending[$0].deadline < pending[$1].deadline : pending[$0].target < pending[$1].target }!
                #expect(t.deadline == pending[best].deadline && t.target == pending[best].target)
                pending.remove(at: best)
                timers.removeFirst()
                fired += 1
            }
            #expect(timers.count == pending.count)
        }
        #expect(fired > 10_000)
    }

    /// Both ordered layouts (a linked list for longest idle, or most
    /// proficient within one level, on an exclusive channel; a heap
    /// otherwise), with keys in any order.
    @Test(arguments: [(AgentSelectionPolicy.longestIdle, true, true), (.longestIdle, false, true),
                      (.mostProficient, true, true), (.mostProficient, true, false), (.fewestSkills, true, true)])
    func agentPoolTopIsMinimumKeyUnderUpdates(policy: AgentSelectionPolicy, exclusive: Bool, oneLevel: Bool) {
        var g = SplitMix64(seed: 3)
        var pool = AgentPool(channel: 0, policy: policy, exclusive: exclusive, members: (0..<64).map { Int32($0) },
                             proficiency: (0..<64).map { oneLevel ? 5 : Int8($0 % 3 + 4) })
        let listed = exclusive && (policy == .longestIdle || policy == .mostProficient && oneLevel)
        #expect(pool.layout == (listed ? .list : .heap))
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
            #expect(pool.contains(local) == (keys[local] != nil))
            if let best = keys.values.min() { #expect(pool.top.key == best && pool.top.local == best.agent) }
        }
    }

    /// The count by key depends on the contacts in line and their order only,
    /// not on the gaps departed contacts leave among the tickets.
    @Test func lineCountByKeyIgnoresTicketLayout() {
        let keys: [Int64] = [1, 5, 2, 6, 3, 7, 4, 8, 9, 0, 10, 12, 11]
        var packed = QueueLine(capacity: 4)
        var gappy = QueueLine(capacity: 4)
        var dummies: [Int64] = []
        for (slot, _) in keys.enumerated() {
            _ = packed.enter(Int32(slot))
            for d in 0..<(slot % 3 + 1) { dummies.append(gappy.enter(Int32(100 + d))) }
            _ = gappy.enter(Int32(slot))
        }
        for t in dummies { gappy.leave(t) }
        #expect(packed.count == keys.count && gappy.count == keys.count)
        let key: (Int32) -> Int64 = { keys[Int($0)] }
        for limit in -1...13 {
            #expect(packed.count(keyAtMost: Int64(limit), key: key) == gappy.count(keyAtMost: Int64(limit), key: key))
        }
        // Non-decreasing keys: the exact count.
        let sorted: (Int32) -> Int64 = { Int64($0) * 2 }
        for limit in -1...30 {
            #expect(gappy.count(keyAtMost: Int64(limit), key: sorted) == (limit < 0 ? 0 : min(limit / 2 + 1, keys.count)))
        }
    }
}
