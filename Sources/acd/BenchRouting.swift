import ArgumentParser
import RoutingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `acd bench routing`: drives the routing core with a synthetic mixed event
/// stream and prints one JSON object with its throughput.
struct BenchRouting: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routing",
        abstract: "Benchmark the routing core: 1,000 agents, 20 skills, 5 levels, 3 expansion steps per queue."
    )

    @Option(help: "Number of events to time (after logging every agent in).")
    var events: Int = 5_000_000

    @Option(help: "Seed of the event stream.")
    var seed: UInt64 = 1

    @Option(help: "Agent-selection policy: \(AgentSelectionPolicy.allCases.map(\.rawValue).joined(separator: ", ")).")
    var policy: String = AgentSelectionPolicy.longestIdle.rawValue

    @Option(help: "Number of agents.")
    var agents: Int = 1_000

    func validate() throws {
        guard events > 0 else { throw ValidationError("--events must be positive") }
        guard agents > 0 else { throw ValidationError("--agents must be positive") }
        guard AgentSelectionPolicy(rawValue: policy) != nil else { throw ValidationError("unknown --policy '\(policy)'") }
    }

    func run() throws {
        var random = BenchGenerator(seed: seed)
        let config = Self.syntheticConfiguration(agents: agents, policy: AgentSelectionPolicy(rawValue: policy)!,
                                                 random: &random)
        var core = try RoutingCore(configuration: config)
        var driver = BenchDriver(queues: config.queues.count, seed: seed)
        var buffer = ActionBuffer(capacity: 256)
        for a in 0..<agents {
            buffer.removeAll()
            _ = core.handle(.agentLoggedIn(AgentID(a)), at: 0, random: &random, into: &buffer)
        }
        let start = clockSeconds(CLOCK_MONOTONIC)
        let cpuStart = clockSeconds(CLOCK_THREAD_CPUTIME_ID)
        for _ in 0..<events { driver.step(&core, &buffer, &random) }
        let elapsed = clockSeconds(CLOCK_MONOTONIC) - start
        let cpu = clockSeconds(CLOCK_THREAD_CPUTIME_ID) - cpuStart
        let rate = Double(events) / elapsed
        print("""
            {"events": \(events), "seconds": \(elapsed), "events_per_second": \(Int(rate.rounded())), \
            "cpu_seconds": \(cpu), "events_per_cpu_second": \(Int((Double(events) / cpu).rounded())), \
            "decisions": \(core.decisions), "arrivals": \(driver.arrivals), "abandonments": \(driver.abandonments), \
            "completions": \(driver.completions), "timer_events": \(driver.ticks), \
            "waiting_at_end": \(driver.waiting.count), "agents": \(agents), "skills": 20, "levels": 5, \
            "expansion_steps": 3, "policy": "\(policy)", "seed": \(seed)}
            """)
    }

    /// 20 queues, one per skill; each requires its skill at level 4, then
    /// relaxes to 3 after 10 s, to 1 after 20 s, and adds a neighbouring
    /// skill after 40 s. Agents have 3 distinct skills at levels 1...5.
    static func syntheticConfiguration(agents: Int, policy: AgentSelectionPolicy, random: inout BenchGenerator)
        -> RoutingConfiguration {
        let skills = (0..<20).map { "skill\($0)" }
        let queues = (0..<20).map { q in
            QueueConfiguration(
                id: "queue\(q)", priority: q % 3,
                requirement: SkillRequirement(allOf: [SkillLevel(skills[q], 4)]),
                expansion: [
                    ExpansionStep(afterSeconds: 10, requirement: SkillRequirement(allOf: [SkillLevel(skills[q], 3)])),
                    ExpansionStep(afterSeconds: 20, requirement: SkillRequirement(allOf: [SkillLevel(skills[q], 1)])),
                    ExpansionStep(afterSeconds: 40, requirement: SkillRequirement(
                        anyOf: [SkillLevel(skills[q], 1), SkillLevel(skills[(q + 1) % 20], 3)])),
                ],
                wrapUpSeconds: 5, agentSelection: policy)
        }
        let agentList = (0..<agents).map { a in
            var chosen: [Int] = []
            while chosen.count < 3 {
                let s = Int(random.next() % 20)
                if !chosen.contains(s) { chosen.append(s) }
            }
            return AgentConfiguration(id: "agent\(a)",
                                      skills: chosen.map { SkillLevel(skills[$0], Int(random.next() % 5) + 1) })
        }
        return RoutingConfiguration(skills: skills, queues: queues, agents: agentList)
    }
}

/// xorshift64*: a small, fast generator for the event stream and for
/// `weightedRandom`.
struct BenchGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

/// The shell side of the benchmark: which contacts wait, talk or wrap up,
/// in swap-remove arrays indexed by contact slot (O(1) per event).
struct BenchDriver {
    struct Pool {
        var handles: [ContactHandle] = []
        var index: [Int32] = []

        var count: Int { handles.count }

        mutating func insert(_ h: ContactHandle) {
            let s = Int(h.slot)
            if s >= index.count { index += Array(repeating: -1, count: s - index.count + 1) }
            index[s] = Int32(handles.count)
            handles.append(h)
        }

        mutating func remove(_ h: ContactHandle) {
            let s = Int(h.slot)
            guard s < index.count, index[s] >= 0, handles[Int(index[s])] == h else { return }
            let i = Int(index[s])
            let last = handles.removeLast()
            if i < handles.count {
                handles[i] = last
                index[Int(last.slot)] = Int32(i)
            }
            index[s] = -1
        }
    }

    let queues: Int
    var now: Int64 = 0
    var events = BenchGenerator(seed: 1)
    var waiting = Pool()
    var talking = Pool()
    var wrapping = Pool()
    var arrivals = 0, completions = 0, abandonments = 0, ticks = 0

    init(queues: Int, seed: UInt64) {
        self.queues = queues
        events = BenchGenerator(seed: seed &+ 0x5851_F42D_4C95_7F2D)
    }

    /// One event: a due timer if any, else an arrival, completion, wrap-up
    /// end or abandonment, chosen at random.
    @inline(__always)
    mutating func step<R: RandomNumberGenerator>(_ core: inout RoutingCore, _ buffer: inout ActionBuffer,
                                                 _ random: inout R) {
        now += Int64(events.next() % 4_000)  // mean 2 ms between events
        buffer.removeAll()
        if let wake = core.nextWakeup, wake <= now {
            ticks += 1
            _ = core.handle(.timePassed, at: now, random: &random, into: &buffer)
        } else {
            let roll = events.next() % 100
            if roll < (waiting.count < 400 ? 50 : 30) {
                arrivals += 1
                let q = QueueID(Int(events.next() % UInt64(queues)))
                let outcome = core.handle(.contactArrived(queue: q, priority: Int32(events.next() % 3)),
                                          at: now, random: &random, into: &buffer)
                if case .admitted(let h) = outcome { waiting.insert(h) }
            } else if roll < 85, talking.count > 0 {
                completions += 1
                let h = talking.handles[Int(events.next() % UInt64(talking.count))]
                talking.remove(h)
                wrapping.insert(h)
                _ = core.handle(.contactFinished(h, wrapUpMicroseconds: nil), at: now, random: &random, into: &buffer)
            } else if roll < 93, wrapping.count > 0 {
                let h = wrapping.handles[Int(events.next() % UInt64(wrapping.count))]
                _ = core.handle(.wrapUpDone(h), at: now, random: &random, into: &buffer)
            } else if waiting.count > 0 {
                abandonments += 1
                let h = waiting.handles[Int(events.next() % UInt64(waiting.count))]
                waiting.remove(h)
                _ = core.handle(.contactAbandoned(h), at: now, random: &random, into: &buffer)
            } else {
                ticks += 1
                _ = core.handle(.timePassed, at: now, random: &random, into: &buffer)
            }
        }
        for action in buffer {
            switch action {
            case .assign(let h, _):
                waiting.remove(h)
                talking.insert(h)
            case .released(let h, _):
                wrapping.remove(h)
            default: break
            }
        }
    }
}

/// Seconds from a system clock (the benchmark's own timing, not the core's):
/// wall time, and this thread's CPU time, which other processes sharing the
/// cores do not inflate.
func clockSeconds(_ clock: clockid_t) -> Double {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
