/// Ordering key of an available agent inside a pool: smaller is chosen
/// first. `load` (contacts in progress) comes first, `agent` breaks ties.
struct PoolKey: Comparable {
    var load: Int32
    var agent: Int32
    var primary: Int64
    var secondary: Int64

    @inline(__always)
    static func < (l: PoolKey, r: PoolKey) -> Bool {
        if l.load != r.load { return l.load < r.load }
        if l.primary != r.primary { return l.primary < r.primary }
        if l.secondary != r.secondary { return l.secondary < r.secondary }
        return l.agent < r.agent
    }
}

/// The available agents among a fixed set of qualified members (those that
/// meet one requirement with one set of delays and reservation rules), for
/// one channel and one selection policy.
///
/// Heap policies keep an intrusive binary min-heap of `PoolKey`: insert,
/// update, remove O(log n), top O(1). `weightedRandom` keeps a sum tree of
/// member weights instead: update O(log n), weighted draw O(log n).
/// Membership is fixed; the core rebuilds pools when skills change.
struct AgentPool {
    struct Entry {
        var key: PoolKey
        var local: Int32
    }

    let channel: Int
    let policy: AgentSelectionPolicy
    /// Member agent indices, ascending.
    let members: [Int32]
    /// Member proficiency in the pool's requirement (1...10).
    let proficiency: [Int8]
    /// Heap of available members (heap policies): the first `count`
    /// entries of storage sized for every member, so that entering and
    /// leaving never resize it.
    private var heap: [Entry] = []
    /// Heap index of each member, or -1 when absent; for `weightedRandom`,
    /// 0 when present.
    private(set) var position: [Int32]
    /// Sum tree of weights (`weightedRandom`): leaves at `leafBase + local`.
    private var tree: [Int64] = []
    private var leafBase = 0
    private(set) var count = 0

    init(channel: Int, policy: AgentSelectionPolicy, members: [Int32], proficiency: [Int8]) {
        self.channel = channel
        self.policy = policy
        self.members = members
        self.proficiency = proficiency
        position = Array(repeating: -1, count: members.count)
        if policy == .weightedRandom {
            leafBase = 1
            while leafBase < max(members.count, 1) { leafBase <<= 1 }
            tree = Array(repeating: 0, count: 2 * leafBase)
        } else {
            heap = Array(repeating: Entry(key: PoolKey(load: 0, agent: 0, primary: 0, secondary: 0), local: 0),
                         count: members.count)
        }
    }

    @inline(__always) var isEmpty: Bool { count == 0 }
    @inline(__always) func contains(_ local: Int32) -> Bool { position[Int(local)] >= 0 }
    /// Sum of weights of available members (`weightedRandom` only).
    @inline(__always) var totalWeight: Int64 { tree[1] }
    /// Best available member's key (heap policies).
    @inline(__always) var top: Entry { heap[0] }

    /// Inserts `local` or moves it to its new key.
    mutating func set(_ local: Int32, key: PoolKey) {
        let l = Int(local)
        if policy == .weightedRandom {
            if position[l] < 0 {
                position[l] = 0
                count += 1
                setWeight(l, Int64(max(proficiency[l], 1)))
            }
            return
        }
        let p = Int(position[l])
        if p < 0 {
            count += 1
            withHeap { heap, position in
                heap[heap.count - 1] = Entry(key: key, local: local)
                IndexedHeap.siftUp(heap.count - 1, heap, position)
            }
        } else {
            withHeap { heap, position in
                let old = heap[p].key
                heap[p].key = key
                if key < old { IndexedHeap.siftUp(p, heap, position) } else if old < key { IndexedHeap.siftDown(p, heap, position) }
            }
        }
    }

    /// Removes `local` if present.
    mutating func remove(_ local: Int32) {
        let l = Int(local)
        let p = Int(position[l])
        guard p >= 0 else { return }
        if policy == .weightedRandom {
            count -= 1
            position[l] = -1
            setWeight(l, 0)
            return
        }
        withHeap { heap, position in
            position[l] = -1
            let last = heap.count - 1
            guard p < last else { return }
            heap[p] = heap[last]
            let rest = UnsafeMutableBufferPointer(rebasing: heap[..<last])
            IndexedHeap.siftDown(IndexedHeap.siftUp(p, rest, position), rest, position)
        }
        count -= 1
    }

    /// Restores heap order after keys changed wholesale. O(n).
    mutating func reorder(keys: [PoolKey]) {
        guard policy != .weightedRandom else { return }
        for i in 0..<count { heap[i].key = keys[Int(heap[i].local)] }
        withHeap { heap, position in
            var i = heap.count / 2 - 1
            while i >= 0 {
                IndexedHeap.siftDown(i, heap, position)
                i -= 1
            }
        }
    }

    /// The member whose cumulative weight interval contains `r`
    /// (`0 <= r < totalWeight`). O(log n).
    func member(atWeight r: Int64) -> Int32 {
        var node = 1
        var r = r
        while node < leafBase {
            let left = tree[2 * node]
            if r < left {
                node = 2 * node
            } else {
                r -= left
                node = 2 * node + 1
            }
        }
        return Int32(node - leafBase)
    }

    private mutating func setWeight(_ local: Int, _ w: Int64) {
        var node = leafBase + local
        let delta = w - tree[node]
        while node >= 1 {
            tree[node] += delta
            node >>= 1
        }
    }

    // Heap operations work on unsafe buffers: one uniqueness check per
    // operation, not one per element moved (the indices are the heap's own,
    // in bounds).

    /// Runs `body` on the live heap (the first `count` entries) and the positions.
    private mutating func withHeap(
        _ body: (UnsafeMutableBufferPointer<Entry>, UnsafeMutableBufferPointer<Int32>) -> Void
    ) {
        let count = count
        heap.withUnsafeMutableBufferPointer { heap in
            position.withUnsafeMutableBufferPointer { position in
                body(UnsafeMutableBufferPointer(rebasing: heap[..<count]), position)
            }
        }
    }

    /// Heap order, positions and weights agree. O(n).
    func checkInvariants() {
        if policy == .weightedRandom {
            var n = 0
            for l in members.indices where position[l] >= 0 {
                n += 1
                precondition(tree[leafBase + l] == Int64(max(proficiency[l], 1)), "pool weight")
            }
            precondition(n == count, "pool count")
            for node in 1..<leafBase { precondition(tree[node] == tree[2 * node] + tree[2 * node + 1], "sum tree") }
            return
        }
        precondition(count <= heap.count && position.count { $0 >= 0 } == count, "pool count")
        for (i, e) in heap[..<count].enumerated() {
            precondition(position[Int(e.local)] == Int32(i), "pool position")
            if i > 0 { precondition(!(e.key < heap[(i - 1) >> 1].key), "pool heap order") }
        }
    }
}

extension AgentPool.Entry: IndexedHeapEntry {
    @inline(__always) var position: Int32 { local }
    @inline(__always) static func precedes(_ l: Self, _ r: Self) -> Bool { l.key < r.key }
}
