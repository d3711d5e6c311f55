/// Microseconds per second, for converting configured durations once.
let microsPerSecond = 1_000_000.0

@inline(__always) func micros(_ seconds: Double) -> Int64 { Int64((seconds * microsPerSecond).rounded()) }

/// A requirement in dense ids.
struct RequirementModel: Hashable {
    var allOf: [SkillMin]
    var anyOf: [SkillMin]
    var groups: [Int32]

    struct SkillMin: Hashable {
        var skill: Int32
        var level: Int8
    }

    /// Whether an agent with these skill levels and groups qualifies.
    func admits(levels: [Int8], groups agentGroups: [Int32]) -> Bool {
        for g in groups where agentGroups.contains(g) { return true }
        if allOf.isEmpty && anyOf.isEmpty { return false }
        for s in allOf where levels[Int(s.skill)] < s.level { return false }
        if anyOf.isEmpty { return true }
        for s in anyOf where levels[Int(s.skill)] >= s.level { return true }
        return false
    }

    /// The (skill, minimum level) bands whose union is exactly the
    /// qualified agents, when the requirement is about single skills: one
    /// `allOf` entry, or `anyOf` entries only, and no groups. Nil otherwise.
    var bands: [(Int32, Int8)]? {
        guard groups.isEmpty else { return nil }
        if allOf.count == 1 && anyOf.isEmpty { return [(allOf[0].skill, allOf[0].level)] }
        if allOf.isEmpty && !anyOf.isEmpty { return anyOf.map { ($0.skill, $0.level) } }
        return nil
    }

    /// The agent's level in the requirement's first skill (for `anyOf`: the
    /// best skill it meets); 1 when it qualifies through a group only.
    func proficiency(levels: [Int8]) -> Int8 {
        if let first = allOf.first { return max(levels[Int(first.skill)], 1) }
        var best: Int8 = 0
        for s in anyOf where levels[Int(s.skill)] >= s.level { best = max(best, levels[Int(s.skill)]) }
        return max(best, 1)
    }
}

/// A queue in dense ids and microseconds.
struct QueueModel {
    var channel: Int
    var exclusive: Bool
    var priority: Int32
    /// Priority units per microsecond of waiting.
    var agingPerMicro: Double
    var weight: Double
    var wrapUp: Int64
    /// Offer time-out; nil: auto-answer.
    var offerTimeout: Int64?
    var selection: AgentSelectionPolicy
    /// Requirement of step 0 (base) and each expansion step.
    var requirements: [RequirementModel]
    /// Phase boundaries in microseconds of waiting (phase 0 starts at 0):
    /// the union of expansion step times and agents' routing-profile delays.
    var phaseStart: [Int64]
    /// The expansion step in force during each phase.
    var phaseStep: [Int32]
    /// Bucket index of phase 0; the queue's phases use consecutive buckets.
    var firstBucket: Int32
    /// Time-triggered overflow rules, by increasing `after`.
    var timedOverflow: [OverflowModel]
    /// Estimate-triggered overflow rules, in configuration order.
    var estimateOverflow: [OverflowModel]
    var announceAtEntry: Bool
    var announceEvery: Int64?
    var announceChangeAbove: Int64?
    /// Percentile announced instead of the mean (queue-length method only).
    var announcePercentile: Double?
    var callbackAbove: Int64?
    var recheck: Int64?
    var estimator: WaitEstimator
    var expectedHandle: Int64
}

struct OverflowModel {
    /// Wait in the queue (time-triggered) or expected wait (estimate-triggered), microseconds.
    var threshold: Int64
    var target: Int32
    var keepOriginal: Bool
}

/// An agent's static description in dense ids.
struct AgentModel {
    /// Level per skill (0: lacks it).
    var levels: [Int8]
    var groups: [Int32]
    var profile: Int32
    /// Capacity per channel index.
    var capacity: ChannelSlots
    var skillCount: Int32
}

struct ReservationModel {
    var group: Int32
    var keepFree: Int32
    /// Queues the rule protects, as a membership table by queue index.
    var protects: [Bool]
}

struct ProfileModel {
    /// Delay per queue index, microseconds.
    var delays: [Int64]
    var contactSelection: ContactSelectionPolicy
}

/// The reservation rules whose group contains the agent, as a bit set.
func reservationMask(_ agent: AgentModel, _ rules: [ReservationModel]) -> UInt64 {
    var m: UInt64 = 0
    for (r, rule) in rules.enumerated() where agent.groups.contains(rule.group) { m |= 1 << UInt64(r) }
    return m
}

/// Name lookups, used when building and when adding agents at runtime.
struct Names {
    var skills: [String: Int]
    var groups: [String: Int]
    var queues: [String: Int]
    var profiles: [String: Int]
    var agents: [String: Int]
}

extension RoutingConfiguration {
    func requirementModel(_ r: SkillRequirement, _ names: Names) -> RequirementModel {
        RequirementModel(
            allOf: r.allOf.map { .init(skill: Int32(names.skills[$0.skill]!), level: Int8($0.level)) },
            anyOf: r.anyOf.map { .init(skill: Int32(names.skills[$0.skill]!), level: Int8($0.level)) },
            groups: r.groups.map { Int32(names.groups[$0]!) })
    }

    func agentModel(_ a: AgentConfiguration, _ names: Names) -> AgentModel {
        var levels = [Int8](repeating: 0, count: skills.count)
        for s in a.skills { levels[names.skills[s.skill]!] = Int8(s.level) }
        let c = a.capacity ?? channels.capacity
        return AgentModel(
            levels: levels, groups: a.groups.map { Int32(names.groups[$0]!) },
            profile: a.profile.map { Int32(names.profiles[$0]!) } ?? -1,
            capacity: ChannelSlots(voice: Int32(c.voice), chat: Int32(c.chat), email: Int32(c.email),
                                   callback: Int32(c.callback)),
            skillCount: Int32(a.skills.count))
    }

    func profileModels(_ names: Names) -> [ProfileModel] {
        routingProfiles.map { p in
            var delays = [Int64](repeating: 0, count: queues.count)
            for d in p.delays { delays[names.queues[d.queue]!] = micros(d.delaySeconds) }
            return ProfileModel(delays: delays, contactSelection: p.contactSelection ?? policies.contactSelection)
        }
    }

    /// Queue models; phases merge expansion times with the profile delays
    /// that apply to each queue.
    func queueModels(_ names: Names, profiles: [ProfileModel]) -> [QueueModel] {
        var bucket: Int32 = 0
        return queues.enumerated().map { q, queue in
            var starts: [Int64] = [0]
            for step in queue.expansion { starts.append(micros(step.afterSeconds)) }
            for p in profiles where p.delays[q] > 0 { starts.append(p.delays[q]) }
            starts = Array(Set(starts)).sorted()
            let stepStarts = [0] + queue.expansion.map { micros($0.afterSeconds) }
            let phaseStep = starts.map { start in Int32(stepStarts.lastIndex { $0 <= start }!) }
            let first = bucket
            bucket += Int32(starts.count)
            let overflow = queue.overflow.map { rule in
                (rule, Int32(names.queues[rule.target]!))
            }
            let timed = overflow.compactMap { rule, target in
                rule.afterSeconds.map { OverflowModel(threshold: micros($0), target: target, keepOriginal: rule.keepOriginal) }
            }.enumerated().sorted { ($0.element.threshold, $0.offset) < ($1.element.threshold, $1.offset) }.map(\.element)
            let estimated = overflow.compactMap { rule, target in
                rule.expectedWaitAboveSeconds.map {
                    OverflowModel(threshold: micros($0), target: target, keepOriginal: rule.keepOriginal)
                }
            }
            return QueueModel(
                channel: queue.channel.index, exclusive: channels.exclusive.contains(queue.channel),
                priority: Int32(clamping: queue.priority), agingPerMicro: queue.agingPerSecond / microsPerSecond,
                weight: queue.weight, wrapUp: micros(queue.wrapUpSeconds),
                offerTimeout: queue.offerTimeoutSeconds.map(micros),
                selection: queue.agentSelection ?? policies.agentSelection,
                requirements: [requirementModel(queue.requirement, names)]
                    + queue.expansion.map { requirementModel($0.requirement, names) },
                phaseStart: starts, phaseStep: phaseStep, firstBucket: first,
                timedOverflow: timed, estimateOverflow: estimated,
                announceAtEntry: queue.announcements?.atEntry ?? false,
                announceEvery: queue.announcements?.everySeconds.map(micros),
                announceChangeAbove: queue.announcements?.changeAboveSeconds.map(micros),
                announcePercentile: queue.announcements?.percentile,
                callbackAbove: queue.callbackOfferAboveSeconds.map(micros),
                recheck: queue.recheckSeconds.map(micros), estimator: queue.waitEstimator,
                expectedHandle: micros(queue.expectedHandleSeconds))
        }
    }

    func names() throws(ConfigurationError) -> Names {
        Names(skills: try Self.index(skills, path: "skills"), groups: try Self.index(groups, path: "groups"),
              queues: try Self.index(queues.map(\.id), path: "queues", field: ".id"),
              profiles: try Self.index(routingProfiles.map(\.id), path: "routingProfiles", field: ".id"),
              agents: try Self.index(agents.map(\.id), path: "agents", field: ".id"))
    }
}
