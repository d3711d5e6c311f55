import Foundation
import Testing
@testable import RoutingCore

/// A journal of timestamped events, encoded and replayed, reproduces the
/// decisions: the server's crash recovery and `acd replay` path.
@Suite struct ReplayTests {
    struct Entry: Codable {
        var at: Int64
        var event: RoutingEvent
    }

    @Test func journalRoundTripReplaysIdenticalActions() throws {
        var c = configuration(queues: [queue("q"), queue("r")], agents: (0..<4).map { agent("a\($0)") })
        c.queues[1].offerTimeoutSeconds = 5
        c.queues[1].wrapUpSeconds = 3
        var core = try RoutingCore(configuration: c)
        var buffer = ActionBuffer()
        var journal: [Entry] = []
        var original: [RoutingAction] = []
        var g = SplitMix64(seed: 11)
        var handles: [ContactHandle] = []
        func apply(_ e: RoutingEvent, _ t: Int64) {
            journal.append(Entry(at: t, event: e))
            buffer.removeAll()
            if case .admitted(let h) = core.handle(e, at: t, into: &buffer) { handles.append(h) }
            original += buffer
        }
        for a in 0..<4 { apply(.agentLoggedIn(AgentID(a)), 0) }
        var t: Int64 = 0
        for _ in 0..<500 {
            t += Int64(g.next(upperBound: UInt64(2_000_000)))
            switch g.next(upperBound: UInt64(5)) {
            case 4: apply(.agentReady(AgentID(Int(g.next(upperBound: UInt64(4))))), t)
            case 0, 1: apply(.contactArrived(queue: QueueID(Int(g.next(upperBound: UInt64(2)))), priority: 0), t)
            case 2:
                handles.removeAll { core.facts(of: $0) == nil }
                let engaged = handles.filter { core.facts(of: $0)?.agent != nil }
                if let h = engaged.randomElement(using: &g), let f = core.facts(of: h) {
                    apply(f.answered == nil ? .offerAccepted(h) : .contactFinished(h, wrapUpMicroseconds: nil), t)
                }
            default: apply(.timePassed, t)
            }
        }
        let data = try JSONEncoder().encode(journal)
        var replayed = try RoutingCore(configuration: c)
        var actions: [RoutingAction] = []
        for entry in try JSONDecoder().decode([Entry].self, from: data) {
            buffer.removeAll()
            _ = replayed.handle(entry.event, at: entry.at, into: &buffer)
            actions += buffer
        }
        #expect(actions == original)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(actions) == encoder.encode(original))
        #expect(original.count > 200)
    }
}
