/// Agents grouped into *classes* that serve exactly the same buckets, for
/// the routing-state wait estimate (`RoutingCore.routingStateWait`): the
/// estimate adds up service rates per class, so its cost grows with the
/// number of distinct skill profiles, not of agents. Built with the
/// `Topology` (at start, on a skill change, when an agent is added).
struct EstimatorIndex {
    /// Class of each agent.
    var classOf: [Int32] = []
    /// Whether each agent may hold several contacts at once (a channel that
    /// is not exclusive, with room for two, or two such channels among the
    /// queues it serves).
    var holdsSeveral: [Bool] = []
    /// Buckets of each class (ascending), flat: those of class c are
    /// `classBucketList[classBucketStart[c] ..< classBucketStart[c + 1]]`.
    private var classBucketList: [Int32] = []
    private var classBucketStart: [Int32] = [0]
    /// Classes of each bucket, flat likewise.
    private var bucketClassList: [Int32] = []
    private var bucketClassStart: [Int32] = [0]
    /// Classes that serve some phase of each queue (each once), flat likewise.
    private var queueClassList: [Int32] = []
    private var queueClassStart: [Int32] = [0]
    /// Classes x `words` bit set: whether class c serves bucket b.
    private var serving: [UInt64] = []
    private var words = 1

    var classCount: Int { classBucketStart.count - 1 }

    init() {}

    init(topology: Topology, queues: [QueueModel], capacity: [ChannelSlots]) {
        let bucketCount = topology.bucketPools.count
        var classes: [[Int32]: Int32] = [:]
        var classBuckets: [[Int32]] = []
        classOf.reserveCapacity(topology.agentBuckets.count)
        for a in 0 ..< topology.agentBuckets.count {
            let key = topology.agentBuckets[a].map(\.bucket).sorted()
            if let c = classes[key] {
                classOf.append(c)
            } else {
                let c = Int32(classBuckets.count)
                classes[key] = c
                classBuckets.append(key)
                classOf.append(c)
            }
        }
        var bucketQueue = Array(repeating: 0, count: bucketCount)
        for (q, queue) in queues.enumerated() {
            for p in 0 ..< queue.phaseStart.count { bucketQueue[Int(queue.firstBucket) + p] = q }
        }
        holdsSeveral = (0 ..< topology.agentBuckets.count).map { a in
            var room: Int32 = 0
            var channels = Set<Int>()
            for ref in topology.agentBuckets[a] {
                let queue = queues[bucketQueue[Int(ref.bucket)]]
                if !queue.exclusive && channels.insert(queue.channel).inserted { room += capacity[a][queue.channel] }
            }
            return room > 1
        }
        var bucketClasses: [[Int32]] = Array(repeating: [], count: bucketCount)
        words = max(1, (bucketCount + 63) / 64)
        serving = Array(repeating: 0, count: max(1, classBuckets.count * words))
        for (c, buckets) in classBuckets.enumerated() {
            for b in buckets {
                bucketClasses[Int(b)].append(Int32(c))
                serving[c * words + Int(b) >> 6] |= 1 << UInt64(Int(b) & 63)
            }
            classBucketList += buckets
            classBucketStart.append(Int32(classBucketList.count))
        }
        for list in bucketClasses {
            bucketClassList += list
            bucketClassStart.append(Int32(bucketClassList.count))
        }
        for queue in queues {
            var seen = Set<Int32>()
            for p in 0 ..< queue.phaseStart.count {
                for c in bucketClasses[Int(queue.firstBucket) + p] where seen.insert(c).inserted {
                    queueClassList.append(c)
                }
            }
            queueClassStart.append(Int32(queueClassList.count))
        }
    }


    /// Whether class `c` serves bucket `b`.
    @inline(__always) func serves(_ c: Int, _ b: Int) -> Bool {
        serving[c * words + b >> 6] & (1 << UInt64(b & 63)) != 0
    }

    /// The buckets class `c` serves: `bucket(at:)` over this range.
    @inline(__always) func bucketRange(of c: Int) -> Range<Int> {
        Int(classBucketStart[c]) ..< Int(classBucketStart[c + 1])
    }

    @inline(__always) func bucket(at i: Int) -> Int { Int(classBucketList[i]) }

    /// The classes that serve bucket `b`: `bucketClass(at:)` over this range.
    @inline(__always) func classRange(of b: Int) -> Range<Int> {
        Int(bucketClassStart[b]) ..< Int(bucketClassStart[b + 1])
    }

    @inline(__always) func bucketClass(at i: Int) -> Int { Int(bucketClassList[i]) }

    /// The classes that serve some phase of queue `q`: `queueClass(at:)` over this range.
    @inline(__always) func classRange(ofQueue q: Int) -> Range<Int> {
        Int(queueClassStart[q]) ..< Int(queueClassStart[q + 1])
    }

    @inline(__always) func queueClass(at i: Int) -> Int { Int(queueClassList[i]) }
}

/// Recent arrival rates of one queue, per second: all arrivals, and those
/// with a priority above 0 (which jump ahead of priority-0 contacts). Counts
/// over fixed windows of `window` seconds; the rate at t is the current
/// window's count plus the previous one's for the part of a window still
/// in reach, over one window (a sliding window, interpolated).
struct ArrivalRate: Codable {
    static let window: Int64 = 600_000_000
    var windowIndex: Int64 = 0
    /// Arrivals in a window, all and prioritised ones.
    struct Counts: Codable {
        var all = 0
        var prioritised = 0
    }

    var current = Counts()
    var previous = Counts()

    @inline(__always) mutating func add(at now: Int64, prioritised isPrioritised: Bool) {
        let index = now / Self.window
        if index != windowIndex {
            previous = index == windowIndex + 1 ? current : Counts()
            current = Counts()
            windowIndex = index
        }
        current.all += 1
        if isPrioritised { current.prioritised += 1 }
    }

    /// (all, prioritised) arrivals per second at `now`.
    func rates(at now: Int64) -> (all: Double, prioritised: Double) {
        let index = now / Self.window
        let into = Double(now - index * Self.window) / Double(Self.window)
        let seconds = Double(Self.window) / microsPerSecond
        func rate(_ c: Int, _ p: Int) -> Double { (Double(c) + Double(p) * (1 - into)) / seconds }
        switch index - windowIndex {
        case 0: return (rate(current.all, previous.all), rate(current.prioritised, previous.prioritised))
        case 1: return (rate(0, current.all), rate(0, current.prioritised))
        default: return (0, 0)
        }
    }
}

/// e^x from the standard library alone (the core imports no platform
/// module): x = k ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor series to
/// degree 14 (relative error below 1e-15), times 2^k.
func exponential(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x < -745.2 { return 0 }
    if x > 709.7 { return .infinity }
    let ln2Hi = 0.693_147_180_369_123_816_49
    let ln2Lo = 1.908_214_929_270_587_700_02e-10
    let k = (x * 1.442_695_040_888_963_407_36).rounded()
    let r = (x - k * ln2Hi) - k * ln2Lo
    // 1/n!, n = 14 ... 1, by Horner.
    var p = 1.0 / 87_178_291_200
    p = p * r + 1.0 / 6_227_020_800
    p = p * r + 1.0 / 479_001_600
    p = p * r + 1.0 / 39_916_800
    p = p * r + 1.0 / 3_628_800
    p = p * r + 1.0 / 362_880
    p = p * r + 1.0 / 40_320
    p = p * r + 1.0 / 5_040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    return Double(sign: .plus, exponent: Int(k), significand: p)
}
