/// The per-contact-slot, per-agent, per-queue and per-pool arrays that the
/// core changes on every event, in buffers one object owns. Copies of a core
/// share a store until one of them is changed, which first copies it
/// (`RoutingCore.makeUnique`, at each public mutating entry point): one
/// copy-on-write check per event, where arrays would make one per access.
///
/// Every element up to each capacity is initialised (new slots are free,
/// new agents logged out), so growing is a copy into a larger store.
final class CoreStore: @unchecked Sendable {
    // Sendable: a store is only ever changed by the one core that holds it
    // uniquely; shared stores are read-only.
    let slotCapacity: Int
    let agentCount: Int
    let queueCount: Int
    let poolCount: Int
    let info: UnsafeMutablePointer<ContactInfo>
    let state: UnsafeMutablePointer<ContactState>
    let generation: UnsafeMutablePointer<UInt32>
    let timerStamp: UnsafeMutablePointer<UInt32>
    /// Heap index per (slot x 2 + membership) in the contact's bucket.
    let bucketPosition: UnsafeMutablePointer<Int32>
    /// The engaged slots' bits (`SlotSet`), a word per 64 slots.
    let engaged: UnsafeMutablePointer<UInt64>
    let agents: UnsafeMutablePointer<AgentRecord>
    let queueStats: UnsafeMutablePointer<QueueStatistics>
    let arrivalRates: UnsafeMutablePointer<ArrivalRate>
    let pools: UnsafeMutablePointer<AgentPool>

    /// A store of free slots, logged-out agents, queues with the given
    /// figures and no recent arrivals, and the given agent pools.
    init(slotCapacity: Int, agentCount: Int, queueStats: [QueueStatistics], pools: [AgentPool]) {
        self.slotCapacity = slotCapacity
        self.agentCount = agentCount
        queueCount = queueStats.count
        poolCount = pools.count
        info = .allocate(capacity: slotCapacity)
        info.initialize(repeating: ContactInfo(), count: slotCapacity)
        state = .allocate(capacity: slotCapacity)
        state.initialize(repeating: .free(next: -1), count: slotCapacity)
        generation = .allocate(capacity: slotCapacity)
        generation.initialize(repeating: 0, count: slotCapacity)
        timerStamp = .allocate(capacity: slotCapacity)
        timerStamp.initialize(repeating: 0, count: slotCapacity)
        bucketPosition = .allocate(capacity: 2 * slotCapacity)
        bucketPosition.initialize(repeating: -1, count: 2 * slotCapacity)
        engaged = .allocate(capacity: Self.words(slotCapacity))
        engaged.initialize(repeating: 0, count: Self.words(slotCapacity))
        agents = .allocate(capacity: agentCount)
        agents.initialize(repeating: AgentRecord(), count: agentCount)
        self.queueStats = .allocate(capacity: queueCount)
        self.queueStats.initialize(from: queueStats, count: queueCount)
        arrivalRates = .allocate(capacity: queueCount)
        arrivalRates.initialize(repeating: ArrivalRate(), count: queueCount)
        self.pools = .allocate(capacity: poolCount)
        self.pools.initialize(from: pools, count: poolCount)
    }

    /// Words of the engaged-slot bits for `slots` slots.
    static func words(_ slots: Int) -> Int { (slots + 63) >> 6 }

    /// A copy with room for `slotCapacity` slots and `agentCount` agents
    /// (both at least this store's), with `pools` when given instead of
    /// this store's.
    func copy(slotCapacity: Int, agentCount: Int, pools: [AgentPool]? = nil) -> CoreStore {
        let c = CoreStore(slotCapacity: slotCapacity, agentCount: agentCount,
                          queueStats: Array(UnsafeBufferPointer(start: queueStats, count: queueCount)),
                          pools: pools ?? Array(UnsafeBufferPointer(start: self.pools, count: poolCount)))
        c.info.update(from: info, count: self.slotCapacity)
        c.state.update(from: state, count: self.slotCapacity)
        c.generation.update(from: generation, count: self.slotCapacity)
        c.timerStamp.update(from: timerStamp, count: self.slotCapacity)
        c.bucketPosition.update(from: bucketPosition, count: 2 * self.slotCapacity)
        c.engaged.update(from: engaged, count: Self.words(self.slotCapacity))
        c.agents.update(from: agents, count: self.agentCount)
        c.arrivalRates.update(from: arrivalRates, count: queueCount)
        return c
    }

    deinit {
        info.deinitialize(count: slotCapacity).deallocate()
        state.deinitialize(count: slotCapacity).deallocate()
        generation.deinitialize(count: slotCapacity).deallocate()
        timerStamp.deinitialize(count: slotCapacity).deallocate()
        bucketPosition.deinitialize(count: 2 * slotCapacity).deallocate()
        engaged.deinitialize(count: Self.words(slotCapacity)).deallocate()
        agents.deinitialize(count: agentCount).deallocate()
        queueStats.deinitialize(count: queueCount).deallocate()
        arrivalRates.deinitialize(count: queueCount).deallocate()
        pools.deinitialize(count: poolCount).deallocate()
    }
}

/// A bounds-checked view of `count` elements of a `CoreStore` array.
/// Writing needs a mutable view, which the core hands out only to its
/// mutating methods.
struct Column<Element>: RandomAccessCollection {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    @inline(__always) init(_ base: UnsafeMutablePointer<Element>, count: Int) {
        self.base = base
        self.count = count
    }

    @inline(__always) var startIndex: Int { 0 }
    @inline(__always) var endIndex: Int { count }

    @inline(__always) subscript(i: Int) -> Element {
        unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
            return UnsafePointer(base + i)
        }
        mutating unsafeMutableAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
            return base + i
        }
    }

    /// Element `i`'s address, checked once, for code that reads or writes
    /// several of its fields (each subscript access checks again). Valid
    /// until the store is replaced (`makeUnique`, slot growth). Mutating, as
    /// writing is: only a mutating method of the core gets one.
    @inline(__always) mutating func address(_ i: Int) -> UnsafeMutablePointer<Element> {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
        return base + i
    }

    /// The elements as a buffer, for heap operations that index it directly.
    @inline(__always) var buffer: UnsafeMutableBufferPointer<Element> {
        mutating get { UnsafeMutableBufferPointer(start: base, count: count) }
    }
}
