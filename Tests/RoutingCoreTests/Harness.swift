@testable import RoutingCore

/// SplitMix64: a small, fast, seeded generator for tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func seconds(_ s: Double) -> Int64 { Int64((s * 1_000_000).rounded()) }

/// Drives a core with invariant checks on, at times given in seconds.
struct Harness {
    var core: RoutingCore
    var buffer = ActionBuffer()
    var rng: SplitMix64
    var log: [RoutingAction] = []

    init(_ configuration: RoutingConfiguration, seed: UInt64 = 1) {
        core = try! RoutingCore(configuration: configuration)
        core.checksInvariants = true
        rng = SplitMix64(seed: seed)
    }

    @discardableResult
    mutating func send(_ event: RoutingEvent, at t: Double) -> (RoutingOutcome, [RoutingAction]) {
        buffer.removeAll()
        let outcome = core.handle(event, at: seconds(t), random: &rng, into: &buffer)
        let actions = Array(buffer)
        log += actions
        return (outcome, actions)
    }

    /// A contact arrives; returns its handle and the actions.
    mutating func arrive(_ queue: Int, priority: Int32 = 0, at t: Double) -> (ContactHandle, [RoutingAction]) {
        let (outcome, actions) = send(.contactArrived(queue: QueueID(queue), priority: priority), at: t)
        guard case .admitted(let h) = outcome else { fatalError("not admitted: \(outcome)") }
        return (h, actions)
    }

    mutating func logIn(_ agents: [Int], at t: Double) -> [RoutingAction] {
        var all: [RoutingAction] = []
        for a in agents { all += send(.agentLoggedIn(AgentID(a)), at: t).1 }
        return all
    }

    /// Delivers `timePassed` at `t`.
    mutating func tick(_ t: Double) -> [RoutingAction] { send(.timePassed, at: t).1 }

    func agent(of c: ContactHandle) -> Int? { core.facts(of: c)?.agent.map { Int($0.index) } }
}

func assigned(_ actions: [RoutingAction]) -> [(ContactHandle, Int)] {
    actions.compactMap {
        switch $0 {
        case .assign(let c, let a), .offer(let c, let a, _): (c, Int(a.index))
        default: nil
        }
    }
}

/// One queue per entry: (id, requirement skill, min level).
func configuration(
    skills: [String] = ["s"], queues: [QueueConfiguration], agents: [AgentConfiguration],
    groups: [String] = [], profiles: [RoutingProfile] = [], reservations: [ReservationRule] = [],
    policies: RoutingPolicies = .init()
) -> RoutingConfiguration {
    RoutingConfiguration(skills: skills, groups: groups, queues: queues, agents: agents,
                         routingProfiles: profiles, reservations: reservations, policies: policies)
}

func queue(_ id: String, _ skill: String = "s", level: Int = 1) -> QueueConfiguration {
    QueueConfiguration(id: id, requirement: SkillRequirement(allOf: [SkillLevel(skill, level)]))
}

func agent(_ id: String, _ skills: [(String, Int)] = [("s", 5)]) -> AgentConfiguration {
    AgentConfiguration(id: id, skills: skills.map { SkillLevel($0.0, $0.1) })
}

/// One queue "q" (expected handle time 100 s), agents a0 and a1 logged in
/// and talking to contacts that arrived at 0, and a third contact waiting
/// from `t`: the Ibrahim-Whitt head of line, 1 / (2 x 0.01) = 50 s.
func twoBusyAgentsAndOneWaiting(from t: Double) -> (Harness, ContactHandle) {
    var q = queue("q")
    q.expectedHandleSeconds = 100
    var h = Harness(configuration(queues: [q], agents: [agent("a0"), agent("a1")]))
    _ = h.logIn([0, 1], at: 0)
    _ = h.arrive(0, at: 0)
    _ = h.arrive(0, at: 0)
    let (c, _) = h.arrive(0, at: t)
    return (h, c)
}
