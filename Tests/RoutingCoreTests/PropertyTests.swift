import Testing
@testable import RoutingCore

/// Long random event sequences with invariants checked after every event
/// (`checksInvariants`), plus shell-side oracles. Failures print the seed.
@Suite struct PropertyTests {
    /// A random but valid configuration: 3 skills, 3 queues (one chat),
    /// expansion steps, offers, wrap-up, overflow, a reservation, a profile.
    static func randomConfiguration(_ g: inout SplitMix64, policy: AgentSelectionPolicy) -> RoutingConfiguration {
        let skills = ["s0", "s1", "s2"]
        var queues: [QueueConfiguration] = []
        for q in 0..<3 {
            var c = QueueConfiguration(id: "q\(q)", requirement: SkillRequirement(
                allOf: [SkillLevel("s\(q)", Int(g.next(upperBound: UInt64(5))) + 4)]))
            c.channel = q == 2 ? .chat : .voice
            c.priority = Int(g.next(upperBound: UInt64(3)))
            c.agingPerSecond = Double(g.next(upperBound: UInt64(3)))
            c.expansion = [
                ExpansionStep(afterSeconds: 10, requirement: SkillRequirement(allOf: [SkillLevel("s\(q)", 2)])),
                ExpansionStep(afterSeconds: 25, requirement: SkillRequirement(
                    anyOf: [SkillLevel("s\(q)", 1), SkillLevel("s\((q + 1) % 3)", 3)])),
            ]
            c.wrapUpSeconds = Double(g.next(upperBound: UInt64(4)))
            c.offerTimeoutSeconds = q == 1 ? 5 : nil
            c.agentSelection = policy
            c.overflow = q == 0 ? [OverflowRule(afterSeconds: 40, target: "q1", keepOriginal: g.next() & 1 == 0)] : []
            c.announcements = AnnouncementSettings(atEntry: true, everySeconds: 15, changeAboveSeconds: 5)
            c.recheckSeconds = 7
            c.callbackOfferAboveSeconds = 30
            queues.append(c)
        }
        var agents: [AgentConfiguration] = []
        for a in 0..<8 {
            var skillsOf: [SkillLevel] = []
            for s in skills where g.next(upperBound: UInt64(3)) > 0 {
                skillsOf.append(SkillLevel(s, Int(g.next(upperBound: UInt64(10))) + 1))
            }
            var c = AgentConfiguration(id: "a\(a)", skills: skillsOf)
            c.groups = a < 3 ? ["team"] : []
            c.profile = a == 7 ? "late" : nil
            agents.append(c)
        }
        return RoutingConfiguration(
            skills: skills, groups: ["team"], queues: queues, agents: agents,
            routingProfiles: [RoutingProfile(id: "late", delays: [QueueDelay(queue: "q0", delaySeconds: 12)])],
            reservations: [ReservationRule(group: "team", keepFree: 1, protectedQueues: ["q1"])],
            policies: RoutingPolicies(occupancyWindowSeconds: 300))
    }

    /// Shell-side record of a run.
    struct Run {
        var actions: [RoutingAction] = []
        var arrivals = 0
        var problems: [String] = []
    }

    /// Drives `events` random events; checks oracles along the way.
    static func drive(seed: UInt64, events: Int, policy: AgentSelectionPolicy, fcfs: Bool = false) -> Run {
        var g = SplitMix64(seed: seed)
        var config = randomConfiguration(&g, policy: policy)
        if fcfs {
            // One queue, equal priority, no aging, no expansion, identical agents.
            config.queues = [QueueConfiguration(id: "q0", requirement: SkillRequirement(allOf: [SkillLevel("s0", 1)]),
                                                offerTimeoutSeconds: 5, agentSelection: policy)]
            config.agents = (0..<5).map { AgentConfiguration(id: "a\($0)", skills: [SkillLevel("s0", 5)]) }
            config.routingProfiles = []
            config.reservations = []
        }
        var core = try! RoutingCore(configuration: config)
        core.checksInvariants = true
        var buffer = ActionBuffer()
        var rng = SplitMix64(seed: seed ^ 0xABCD)
        var run = Run()
        var live: [ContactHandle] = []
        var answered: Set<ContactHandle> = []
        var arrivalOrder: [ContactHandle: Int] = [:]
        var skills = config.agents.map { a in
            a.skills.map { AgentSkill(core.skillID(named: $0.skill)!, level: $0.level) }
        }
        var now: Int64 = 0
        let queueCount = config.queues.count

        func state(_ c: ContactHandle) -> ContactState? { core.live(c).map { core.state[$0] } }

        func deliver(_ event: RoutingEvent, step: Int) {
            buffer.removeAll()
            let outcome = core.handle(event, at: now, random: &rng, into: &buffer)
            if case .admitted(let h) = outcome {
                live.append(h)
                arrivalOrder[h] = run.arrivals
                run.arrivals += 1
            } else if case .rejected(let why) = outcome {
                run.problems.append("step \(step): \(event) rejected: \(why)")
            }
            if case .offerAccepted(let c) = event {
                if !answered.insert(c).inserted { run.problems.append("answered twice") }
            }
            // A contact whose offer timed out during this call may wait behind one assigned before it returned.
            let timedOut = buffer.compactMap { if case .offerTimedOut(let c, _) = $0 { c } else { nil } }
            for action in buffer {
                run.actions.append(action)
                switch action {
                case .assign(let c, let a), .offer(let c, let a, _):
                    if case .assign = action, !answered.insert(c).inserted { run.problems.append("answered twice") }
                    // The agent meets the requirement of the contact's current step (independent oracle).
                    let f = core.facts(of: c)!
                    let q = config.queues[Int(f.queue.index)]
                    let wait = Double(now - f.arrival) / 1e6
                    let req = q.expansion.last { $0.afterSeconds <= wait }?.requirement ?? q.requirement
                    let levels = skills[Int(a.index)]
                    func level(_ name: String) -> Int {
                        Int(levels.first { $0.skill == core.skillID(named: name)! }?.level ?? 0)
                    }
                    let byGroup = req.groups.contains { config.agents[Int(a.index)].groups.contains($0) }
                    let bySkill = (!req.allOf.isEmpty || !req.anyOf.isEmpty)
                        && req.allOf.allSatisfy { level($0.skill) >= $0.level }
                        && (req.anyOf.isEmpty || req.anyOf.contains { level($0.skill) >= $0.level })
                    if !(byGroup || bySkill) { run.problems.append("step \(step): \(c) given to unqualified \(a)") }
                    if fcfs {
                        // Nobody who arrived earlier is still waiting.
                        let mine = arrivalOrder[c]!
                        for other in live where other != c && arrivalOrder[other]! < mine && !timedOut.contains(other) {
                            if case .waiting = state(other) { run.problems.append("step \(step): FCFS broken") }
                        }
                    }
                default: break
                }
            }
            live.removeAll { core.facts(of: $0) == nil }
            // Conservation: every arrival is answered, abandoned or still waiting.
            var total = 0
            for q in 0..<queueCount {
                let o = core.outcomes(of: QueueID(q))
                total += o.answered + o.abandoned + core.waitingCount(in: QueueID(q))
            }
            if total != run.arrivals { run.problems.append("step \(step): conservation \(total) != \(run.arrivals)") }
        }

        for step in 0..<events {
            now += Int64(g.next(upperBound: UInt64(3_000_000)))
            if let wake = core.nextWakeup, wake <= now, g.next() & 1 == 0 { now = wake }
            // Fire due timers first, so the event is chosen against the current state.
            deliver(.timePassed, step: step)
            let roll = g.next(upperBound: UInt64(100))
            var event: RoutingEvent = .timePassed
            if roll < 30 {
                event = .contactArrived(queue: QueueID(Int(g.next(upperBound: UInt64(queueCount)))),
                                        priority: fcfs ? 0 : Int32(g.next(upperBound: UInt64(3))))
            } else if roll < 75, !live.isEmpty {
                let c = live[Int(g.next(upperBound: UInt64(live.count)))]
                switch state(c) {
                case .waiting: event = g.next(upperBound: UInt64(4)) == 0 ? .callbackRequested(c) : .contactAbandoned(c)
                case .offered:
                    switch g.next(upperBound: UInt64(5)) {
                    case 0: event = .offerRejected(c)
                    case 1: event = .contactAbandoned(c)
                    default: event = .offerAccepted(c)
                    }
                case .connected: event = .contactFinished(c, wrapUpMicroseconds: g.next() & 1 == 0 ? nil : 2_000_000)
                case .wrapUp: event = .wrapUpDone(c)
                default: break
                }
            } else if roll < 95 {
                let a = AgentID(Int(g.next(upperBound: UInt64(config.agents.count))))
                switch (core.status(of: a), g.next(upperBound: UInt64(6))) {
                case (.loggedOut, _): event = .agentLoggedIn(a)
                case (.notReady, _): event = .agentReady(a)
                case (_, 0): event = .agentNotReady(a, reason: 3)
                case (_, 1): event = .agentLogOutWhenDone(a)
                case (_, 2) where !fcfs:
                    var s = skills[Int(a.index)]
                    if !s.isEmpty { s[0].level = Int8(g.next(upperBound: UInt64(10)) + 1) }
                    skills[Int(a.index)] = s
                    event = .agentSkillsChanged(a, s)
                default: break
                }
            }
            deliver(event, step: step)
            if !run.problems.isEmpty { break }
        }
        return run
    }

    @Test(arguments: AgentSelectionPolicy.allCases)
    func invariantsHoldOverLongRandomRuns(policy: AgentSelectionPolicy) {
        for seed in UInt64(1)...6 {
            let run = Self.drive(seed: seed &* 7919, events: 4000, policy: policy)
            #expect(run.problems.isEmpty, "seed \(seed &* 7919), policy \(policy): \(run.problems.prefix(3))")
            #expect(run.arrivals > 500)
        }
    }

    @Test func firstComeFirstServedAmongEqualContacts() {
        for seed in UInt64(100)...105 {
            let run = Self.drive(seed: seed, events: 4000, policy: .longestIdle, fcfs: true)
            #expect(run.problems.isEmpty, "seed \(seed): \(run.problems.prefix(3))")
        }
    }

    @Test func sameEventsGiveSameActions() {
        for seed in UInt64(40)...42 {
            let a = Self.drive(seed: seed, events: 3000, policy: .weightedRandom)
            let b = Self.drive(seed: seed, events: 3000, policy: .weightedRandom)
            #expect(a.actions == b.actions, "seed \(seed)")
            #expect(a.actions.count > 1000)
        }
    }
}
