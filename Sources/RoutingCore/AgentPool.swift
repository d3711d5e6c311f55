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
/// Three layouts (`Layout`), chosen by the policy:
/// - `longestIdle` on an exclusive channel, and `mostProficient` there when
///   all members have one proficiency (a level band), keep a doubly linked
///   list in key order. A member there is available only with no load, so
///   its key comes down to its idle-since time (then its index), and members
///   mostly become available in time order: inserting walks back from the
///   tail, usually not at all. Remove and top O(1); insert O(1) in that
///   usual case, O(n) at worst.
/// - Other heap policies keep an intrusive binary min-heap of `PoolKey`:
///   insert, update, remove O(log n), top O(1).
/// - `weightedRandom` keeps a sum tree of member weights: update O(log n),
///   weighted draw O(log n).
/// Membership is fixed; the core rebuilds pools when skills change.
struct AgentPool {
    struct Entry {
        var key: PoolKey
        var local: Int32
    }

    enum Layout {
        case list, heap, sumTree
    }

    /// A member's place in the list layout.
    struct Link {
        var key: PoolKey
        var prev: Int32
        /// `AgentPool.absent` when the member is not in the list.
        var next: Int32
    }

    /// `Link.next` of a member not in the list.
    static let absent: Int32 = -2

    let channel: Int
    /// Whether the channel excludes all others.
    let exclusive: Bool
    let policy: AgentSelectionPolicy
    let layout: Layout
    /// Member agent indices, ascending.
    let members: [Int32]
    /// Member proficiency in the pool's requirement (1...10).
    let proficiency: [Int8]
    /// Heap of available members (heap layout): the first `count`
    /// entries of storage sized for every member, so that entering and
    /// leaving never resize it.
    private var heap: [Entry] = []
    /// Heap index of each member, or -1 when absent; in the sum-tree layout,
    /// 0 when present; empty in the list layout.
    private var position: [Int32]
    /// Sum tree of weights (`weightedRandom`): leaves at `leafBase + local`.
    private var tree: [Int64] = []
    private var leafBase = 0
    /// The list layout's links, by member, and its ends (-1: none).
    private var links: [Link] = []
    private var head: Int32 = -1
    private var tail: Int32 = -1
    private(set) var count = 0

    /// A pool of `members` (none available), with their proficiency in the
    /// pool's requirement. `exclusive`: the channel excludes all others, so
    /// that available members carry no load.
    init(channel: Int, policy: AgentSelectionPolicy, exclusive: Bool, members: [Int32], proficiency: [Int8]) {
        self.channel = channel
        self.exclusive = exclusive
        self.policy = policy
        self.members = members
        self.proficiency = proficiency
        let idleOrder = policy == .longestIdle
            || policy == .mostProficient && proficiency.allSatisfy { $0 == proficiency.first }
        layout = policy == .weightedRandom ? .sumTree : exclusive && idleOrder ? .list : .heap
        switch layout {
        case .list:
            position = []
            links = Array(repeating: Link(key: PoolKey(load: 0, agent: 0, primary: 0, secondary: 0), prev: -1,
                                          next: Self.absent), count: members.count)
        case .heap:
            position = Array(repeating: -1, count: members.count)
            heap = Array(repeating: Entry(key: PoolKey(load: 0, agent: 0, primary: 0, secondary: 0), local: 0),
                         count: members.count)
        case .sumTree:
            position = Array(repeating: -1, count: members.count)
            leafBase = 1
            while leafBase < max(members.count, 1) { leafBase <<= 1 }
            tree = Array(repeating: 0, count: 2 * leafBase)
        }
    }

    @inline(__always) var isEmpty: Bool { count == 0 }
    @inline(__always) func contains(_ local: Int32) -> Bool {
        layout == .list ? links[Int(local)].next != Self.absent : position[Int(local)] >= 0
    }
    /// Sum of weights of available members (`weightedRandom` only).
    @inline(__always) var totalWeight: Int64 { tree[1] }
    /// Best available member and its key (list and heap layouts).
    @inline(__always) var top: Entry {
        layout == .list ? Entry(key: links[Int(head)].key, local: head) : heap[0]
    }

    /// Inserts `local` or moves it to its new key.
    mutating func set(_ local: Int32, key: PoolKey) {
        let l = Int(local)
        if layout == .list {
            var (head, tail) = (head, tail)
            let added = links.withUnsafeMutableBufferPointer { links in
                let present = links[l].next != Self.absent
                if present {
                    if links[l].key == key { return false }
                    Self.unlink(l, links, head: &head, tail: &tail)
                }
                links[l].key = key
                Self.link(l, links, head: &head, tail: &tail)
                return !present
            }
            (self.head, self.tail) = (head, tail)
            if added { count += 1 }
            return
        }
        if layout == .sumTree {
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
        if layout == .list {
            var (head, tail) = (head, tail)
            let removed = links.withUnsafeMutableBufferPointer { links in
                guard links[l].next != Self.absent else { return false }
                Self.unlink(l, links, head: &head, tail: &tail)
                return true
            }
            (self.head, self.tail) = (head, tail)
            if removed { count -= 1 }
            return
        }
        let p = Int(position[l])
        guard p >= 0 else { return }
        if layout == .sumTree {
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

    /// Restores heap order after keys changed wholesale (the heap layout's
    /// policies; the others' keys do not change so). O(n).
    mutating func reorder(keys: [PoolKey]) {
        guard layout == .heap else { return }
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

    /// Links `l` (absent) in after the last member whose key is smaller.
    @inline(__always)
    private static func link(_ l: Int, _ links: UnsafeMutableBufferPointer<Link>, head: inout Int32, tail: inout Int32) {
        var before = tail
        while before >= 0 && links[l].key < links[Int(before)].key { before = links[Int(before)].prev }
        let after = before >= 0 ? links[Int(before)].next : head
        links[l].prev = before
        links[l].next = after
        if before >= 0 { links[Int(before)].next = Int32(l) } else { head = Int32(l) }
        if after >= 0 { links[Int(after)].prev = Int32(l) } else { tail = Int32(l) }
    }

    /// Takes `l` (present) out of the list.
    @inline(__always)
    private static func unlink(_ l: Int, _ links: UnsafeMutableBufferPointer<Link>, head: inout Int32, tail: inout Int32) {
        let (before, after) = (links[l].prev, links[l].next)
        if before >= 0 { links[Int(before)].next = after } else { head = after }
        if after >= 0 { links[Int(after)].prev = before } else { tail = before }
        links[l].next = Self.absent
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

    /// List order and links, heap order and positions, or weights agree. O(n).
    func checkInvariants() {
        if layout == .list {
            var n = 0, prev: Int32 = -1, l = head
            while l >= 0 {
                precondition(links[Int(l)].prev == prev, "pool list link")
                if prev >= 0 { precondition(links[Int(prev)].key < links[Int(l)].key, "pool list order") }
                n += 1
                (prev, l) = (l, links[Int(l)].next)
            }
            precondition(prev == tail && n == count, "pool list count")
            precondition(links.count { $0.next != Self.absent } == count, "pool list membership")
            return
        }
        if layout == .sumTree {
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
