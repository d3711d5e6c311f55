import Foundation
import RoutingCore
import Testing
@testable import Server

/// The journal's hand-written JSON is the text `JSONEncoder` (sorted keys) writes.
@Suite struct JournalJSONTests {
    static let h = ContactHandle(slot: 12, generation: 3)
    static let a = AgentID(7)

    static let events: [RoutingEvent] = [
        .contactArrived(queue: QueueID(2), priority: -5), .contactAbandoned(h), .callbackRequested(h),
        .announcementRequested(h), .offerAccepted(h), .offerRejected(h),
        .contactFinished(h, wrapUpMicroseconds: nil), .contactFinished(h, wrapUpMicroseconds: 30_000_000),
        .wrapUpDone(h), .agentLoggedIn(a), .agentLoggedOut(a), .agentLogOutWhenDone(a), .agentReady(a),
        .agentNotReady(a, reason: 42), .timePassed,
    ]

    static let actions: [RoutingAction] = [
        .assign(h, a), .offer(h, a, deadline: 1_700_000_000_000_000), .offerTimedOut(h, a),
        .agentNotReady(a, reason: -1), .agentLoggedOut(a), .announce(h, position: 4, expectedWait: .max),
        .offerCallback(h, expectedWait: 95_000_000), .moved(h, from: QueueID(0), to: QueueID(3)),
        .alsoQueued(h, QueueID(1)), .released(h, a),
    ]

    func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func everyRoutineEventIsWrittenAsJSONEncoderWritesIt() throws {
        for event in Self.events {
            for record in [JournalRecord(event: event), JournalRecord(event: event, contact: "c17"),
                           JournalRecord(event: event, contact: "c1", attributes: ["customer": "Ann \"A\"", "b": "2\n"])] {
                let fast = try #require(record.journalJSON(), "\(event)")
                #expect(fast == (try encoded(record)))
                #expect(try JSONDecoder().decode(JournalRecord.self, from: Data(fast.utf8)) == record)
            }
        }
    }

    @Test func everyActionIsWrittenAsJSONEncoderWritesIt() throws {
        for action in Self.actions { #expect([action].journalJSON() == (try encoded([action])), "\(action)") }
        #expect(Self.actions.journalJSON() == (try encoded(Self.actions)))
        #expect([RoutingAction]().journalJSON() == "[]")
    }

    @Test func configurationsAndSkillChangesAreLeftToJSONEncoder() {
        #expect(JournalRecord(config: "name: x", seed: 1, offerTimeoutSeconds: 15).journalJSON() == nil)
        #expect(JournalRecord(event: .agentSkillsChanged(Self.a, [AgentSkill(SkillID(0), level: 3)])).journalJSON() == nil)
        #expect(JournalRecord().journalJSON() == nil)
    }

    @Test func textJSONEncoderEscapesDifferentlyStillReadsBackTheSame() throws {
        let record = JournalRecord(event: .contactArrived(queue: QueueID(0), priority: 0), contact: "c/1",
                                   attributes: ["ä/北": "\u{01}\u{08}\u{0C}é 🙂 / \\"])
        let fast = try #require(record.journalJSON())
        #expect(try JSONDecoder().decode(JournalRecord.self, from: Data(fast.utf8)) == record)
    }
}
