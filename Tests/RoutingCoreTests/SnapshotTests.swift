import Foundation
import Testing
@testable import RoutingCore

/// Snapshots (a core rebuilt from one takes the same decisions) and
/// reconfiguration with live contacts, on the random configurations of
/// `PropertyTests` (expansion, offers, wrap-up, overflow, interflow,
/// announcements, callbacks, a reservation, a profile, a chat queue).
@Suite struct SnapshotTests {
    /// A random event chosen against `core`'s state.
    static func randomEvent(_ g: inout SplitMix64, _ core: RoutingCore, live: [ContactHandle]) -> RoutingEvent {
        let agent = AgentID(Int(g.next(upperBound: UInt64(core.agentCount))))
        let roll = g.next(upperBound: UInt64(100))
        if roll < 30 || live.isEmpty {
            return .contactArrived(queue: QueueID(Int(g.next(upperBound: UInt64(core.configuration.queues.count)))),
                                   priority: Int32(g.next(upperBound: UInt64(3))))
        }
        let c = live[Int(g.next(upperBound: UInt64(live.count)))]
        switch roll {
        case ..<45: return .offerAccepted(c)
        case ..<50: return .offerRejected(c)
        case ..<58: return .contactFinished(c, wrapUpMicroseconds: g.next() & 1 == 0 ? nil : 2_000_000)
        case ..<61: return .wrapUpDone(c)
        case ..<66: return .contactAbandoned(c)
        case ..<68: return .callbackRequested(c)
        case ..<69: return .announcementRequested(c)
        case ..<80: return .agentLoggedIn(agent)
        case ..<86: return .agentReady(agent)
        case ..<90: return .agentNotReady(agent, reason: 3)
        case ..<93: return .agentLogOutWhenDone(agent)
        case ..<95: return .agentLoggedOut(agent)
        case ..<96: return .agentSkillsChanged(agent, [AgentSkill(SkillID(Int(g.next(upperBound: UInt64(3)))), level: 6)])
        default: return .timePassed
        }
    }

    /// Drives `core` through `steps` random events; returns what it did.
    static func drive(_ core: inout RoutingCore, _ g: inout SplitMix64, _ rng: inout SplitMix64,
                      now: inout Int64, live: inout [ContactHandle], steps: Int) -> [String] {
        var log: [String] = []
        var buffer = ActionBuffer()
        for _ in 0..<steps {
            now += Int64(g.next(upperBound: UInt64(3_000_000)))
            if let wake = core.nextWakeup, wake <= now, g.next() & 1 == 0 { now = wake }
            let event = randomEvent(&g, core, live: live)
            buffer.removeAll()
            let outcome = core.handle(event, at: now, random: &rng, into: &buffer)
            if case .admitted(let h) = outcome { live.append(h) }
            live.removeAll { core.facts(of: $0) == nil }
            log.append("\(now) \(event) \(outcome) \(Array(buffer))")
        }
        return log
    }

    /// A snapshot as JSON, line tickets left out (a restored core renumbers them, keeping their order).
    static func comparable(_ core: RoutingCore) throws -> String {
        var s = core.snapshot()
        for i in s.contacts.indices {
            switch s.contacts[i].state {
            case .waiting(var w):
                w.ticket = 0
                s.contacts[i].state = .waiting(w)
            case .offered(var e):
                e.ticket = 0
                s.contacts[i].state = .offered(e)
            case .connected(var e):
                e.ticket = 0
                s.contacts[i].state = .connected(e)
            case .wrapUp(var e):
                e.ticket = 0
                s.contacts[i].state = .wrapUp(e)
            case .free: break
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(s), as: UTF8.self)
    }

    @Test(arguments: AgentSelectionPolicy.allCases)
    func coreRestoredFromASnapshotTakesTheSameDecisions(policy: AgentSelectionPolicy) throws {
        for seed: UInt64 in 1...4 {
            var g = SplitMix64(seed: seed)
            let config = PropertyTests.randomConfiguration(&g, policy: policy)
            var original = try RoutingCore(configuration: config)
            original.checksInvariants = true
            var rng = SplitMix64(seed: seed ^ 0x5EED)
            var now: Int64 = 0
            var live: [ContactHandle] = []
            _ = Self.drive(&original, &g, &rng, now: &now, live: &live, steps: 400)
            let data = try JSONEncoder().encode(original.snapshot())
            var restored = try RoutingCore(configuration: config,
                                           restoring: JSONDecoder().decode(RoutingSnapshot.self, from: data))
            restored.checksInvariants = true
            restored.checkInvariants()
            #expect(try Self.comparable(restored) == Self.comparable(original))
            var (g2, rng2, now2, live2) = (g, rng, now, live)
            let expected = Self.drive(&original, &g, &rng, now: &now, live: &live, steps: 400)
            let got = Self.drive(&restored, &g2, &rng2, now: &now2, live: &live2, steps: 400)
            #expect(got == expected, "seed \(seed), policy \(policy): first difference at \(got.indices.first { got[$0] != expected[$0] } ?? -1)")
            #expect(restored.decisions == original.decisions)
            #expect(try Self.comparable(restored) == Self.comparable(original))
        }
    }

    /// The core is a value: a copy driven on leaves the original as it was,
    /// and the original then driven the same way takes the same decisions
    /// (nothing the two shared was changed through either). Likewise for an
    /// agent added to a copy.
    @Test(arguments: AgentSelectionPolicy.allCases)
    func copiesOfACoreAreIndependent(policy: AgentSelectionPolicy) throws {
        for seed: UInt64 in 1...4 {
            var g = SplitMix64(seed: seed)
            let config = PropertyTests.randomConfiguration(&g, policy: policy)
            var original = try RoutingCore(configuration: config)
            original.checksInvariants = true
            var rng = SplitMix64(seed: seed)
            var now: Int64 = 0
            var live: [ContactHandle] = []
            _ = Self.drive(&original, &g, &rng, now: &now, live: &live, steps: 300)
            let before = try Self.comparable(original)
            var copy = original
            var (g2, rng2, now2, live2) = (g, rng, now, live)
            let expected = Self.drive(&copy, &g, &rng, now: &now, live: &live, steps: 300)
            #expect(try Self.comparable(original) == before)
            let got = Self.drive(&original, &g2, &rng2, now: &now2, live: &live2, steps: 300)
            #expect(got == expected, "seed \(seed), policy \(policy)")
            #expect(try Self.comparable(original) == Self.comparable(copy))

            let shared = try Self.comparable(original)
            var grown = original
            _ = try grown.addAgent(AgentConfiguration(id: "extra", skills: [SkillLevel("s0", 7)]))
            #expect(grown.agentCount == original.agentCount + 1)
            #expect(try Self.comparable(original) == shared)
        }
    }

    @Test func reconfigurationCarriesLiveContactsOverByName() throws {
        for seed: UInt64 in 1...8 {
            var g = SplitMix64(seed: seed)
            let config = PropertyTests.randomConfiguration(&g, policy: .longestIdle)
            var core = try RoutingCore(configuration: config)
            core.checksInvariants = true
            var rng = SplitMix64(seed: seed)
            var now: Int64 = 0
            var live: [ContactHandle] = []
            _ = Self.drive(&core, &g, &rng, now: &now, live: &live, steps: 300)
            // Queues in another order, one queue's rules changed, one more agent.
            var changed = config
            changed.queues.reverse()
            changed.queues[0].wrapUpSeconds = 1
            changed.queues[0].expansion = []
            changed.agents.append(AgentConfiguration(id: "new", skills: [SkillLevel("s0", 9), SkillLevel("s1", 9)]))
            #expect(core.reconfigurationConflicts(changed).isEmpty)
            var buffer = ActionBuffer()
            var moved = try core.reconfigured(changed, random: &rng, into: &buffer)
            moved.checksInvariants = true
            moved.checkInvariants()
            for h in live {
                let before = try #require(core.facts(of: h)), after = try #require(moved.facts(of: h))
                #expect(after.arrival == before.arrival && after.priority == before.priority)
                #expect(changed.queues[Int(after.originalQueue.index)].id == config.queues[Int(before.originalQueue.index)].id)
                if let a = before.agent { #expect(after.agent.map { changed.agents[Int($0.index)].id } == config.agents[Int(a.index)].id) }
            }
            for a in config.agents.indices {
                let id = config.agents[a].id
                #expect(moved.notReadyReason(of: moved.agentID(named: id)!) == core.notReadyReason(of: AgentID(a)))
            }
            live.removeAll { moved.facts(of: $0) == nil }
            _ = Self.drive(&moved, &g, &rng, now: &now, live: &live, steps: 300)  // invariants checked after every event
            // A queue that holds live contacts cannot go away.
            if let held = live.first.flatMap({ moved.facts(of: $0) }) {
                var without = changed
                without.queues.removeAll { $0.id == changed.queues[Int(held.queue.index)].id }
                without.queues.indices.forEach { without.queues[$0].overflow = [] }
                without.reservations = []
                without.routingProfiles = []
                without.agents.indices.forEach { without.agents[$0].profile = nil }
                #expect(!moved.reconfigurationConflicts(without).isEmpty)
            }
        }
    }
}
