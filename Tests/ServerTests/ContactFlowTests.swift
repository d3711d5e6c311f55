import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Server

/// The telephony and agent sides of the API, end to end through the router.
@Suite struct ContactFlowTests {
    @Test func arrivingContactWithNoAgentWaitsFirstInLineWithoutEstimate() async throws {
        let f = try Fixture()
        try await f.test { client in
            let r = try await client.call(.post, "/v1/contacts", token: Token.telephony,
                                          body: #"{"queue":"sales","priority":1,"channel":"voice","attributes":{"name":"Ada"}}"#)
            #expect(r.status == .created)
            let v = try r.decode(ContactView.self)
            #expect(v.id == "c1")
            #expect(v.state == .waiting)
            #expect(v.position == 0)
            #expect(v.expectedWaitSeconds == nil)  // no agent staffed: no estimate
            #expect(v.attributes == nil)  // not echoed back
            let second = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            #expect(try second.decode(ContactView.self).position == 1)
            let got = try await client.call(.get, "/v1/contacts/c1", token: Token.telephony)
            #expect(got.status == .ok)
            #expect(try got.decode(ContactView.self).attributes == ["name": "Ada"])
        }
    }

    @Test func offerAcceptFinishWrapUpCompletesAndCountsWithinTarget() async throws {
        let f = try Fixture()
        try await f.test { client in
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            f.clock.advance(seconds: 5)
            let login = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            #expect(login.status == .ok)
            #expect(try login.decode(AgentView.self).state == "reserved")
            var c = try await client.call(.get, "/v1/contacts/c1", token: Token.telephony).decode(ContactView.self)
            #expect(c.state == .offered)
            #expect(c.agent == "team#1")
            // Another agent may not take it.
            let other = try await client.call(.post, "/v1/contacts/c1/accept", token: Token.agent2)
            #expect(other.status == .forbidden)
            f.clock.advance(seconds: 5)
            let accept = try await client.call(.post, "/v1/contacts/c1/accept", token: Token.agent1)
            #expect(accept.status == .ok)
            #expect(try accept.decode(ContactView.self).state == .connected)
            f.clock.advance(seconds: 60)
            c = try await client.call(.post, "/v1/contacts/c1/finish", token: Token.agent1,
                                      body: #"{"wrapUpSeconds":30}"#).decode(ContactView.self)
            #expect(c.state == .wrapUp)
            #expect(try await client.call(.get, "/v1/agents/team%231", token: Token.agent1).decode(AgentView.self).state == "wrap-up")
            c = try await client.call(.post, "/v1/contacts/c1/wrap-up-done", token: Token.agent1).decode(ContactView.self)
            #expect(c.state == .completed)
            let again = try await client.call(.post, "/v1/contacts/c1/finish", token: Token.agent1)
            #expect(again.status == .conflict)
            let stats = try await client.call(.get, "/v1/stats", token: Token.supervisor).decode(StatsView.self)
            let sales = try #require(stats.queues.first { $0.queue == "sales" })
            #expect(sales.offeredToday == 1)
            #expect(sales.answeredToday == 1)
            #expect(sales.serviceLevelToday == 1.0)  // answered after 10 s, target 20 s
            #expect(sales.averageSpeedOfAnswerSeconds == 10)
            #expect(stats.agents["available"] == 1)
            #expect(stats.agents["logged-out"] == 1)
        }
    }

    @Test func answerAfterTargetCountsAgainstServiceLevel() async throws {
        let f = try Fixture()
        try await f.test { client in
            _ = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            _ = try await client.call(.post, "/v1/agents/team%231/not-ready", token: Token.agent1, body: #"{"reason":7}"#)
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            f.clock.advance(seconds: 25)
            let ready = try await client.call(.post, "/v1/agents/team%231/ready", token: Token.agent1)
            #expect(try ready.decode(AgentView.self).state == "reserved")
            _ = try await client.call(.post, "/v1/contacts/c1/accept", token: Token.agent1)
            let stats = try await client.call(.get, "/v1/stats", token: Token.supervisor).decode(StatsView.self)
            #expect(stats.queues[0].serviceLevelToday == 0.0)
        }
    }

    @Test func abandonAndCallbackAreRecorded() async throws {
        let f = try Fixture()
        try await f.test { client in
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"support"}"#)
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"support"}"#)
            f.clock.advance(seconds: 3)
            let cb = try await client.call(.post, "/v1/contacts/c2/callback", token: Token.telephony)
            #expect(try cb.decode(ContactView.self).callback)
            let ab = try await client.call(.post, "/v1/contacts/c1/abandon", token: Token.telephony)
            #expect(try ab.decode(ContactView.self).state == .abandoned)
            #expect(try await client.call(.get, "/v1/contacts/c2", token: Token.telephony).decode(ContactView.self).position == 0)
            let twice = try await client.call(.post, "/v1/contacts/c1/abandon", token: Token.telephony)
            #expect(twice.status == .conflict)
            let stats = try await client.call(.get, "/v1/stats", token: Token.supervisor).decode(StatsView.self)
            let support = try #require(stats.queues.first { $0.queue == "support" })
            #expect(support.abandonedToday == 1)
            #expect(support.waiting == 1)
            #expect(support.longestWaitSeconds == 3)
        }
    }

    @Test func rejectedOfferGoesBackAndAgentBecomesNotReady() async throws {
        let f = try Fixture()
        try await f.test { client in
            _ = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            let r = try await client.call(.post, "/v1/contacts/c1/reject", token: Token.agent1)
            #expect(try r.decode(ContactView.self).state == .waiting, "\(r.body)")
            #expect(try await client.call(.get, "/v1/agents/team%231", token: Token.agent1).decode(AgentView.self).state == "not-ready")
            // The second agent gets it.
            _ = try await client.call(.post, "/v1/agents/team%232/login", token: Token.agent2)
            let c = try await client.call(.get, "/v1/contacts/c1", token: Token.agent2).decode(ContactView.self)
            #expect(c.agent == "team#2")
        }
    }

    @Test func offerTimesOutWhenTimePasses() async throws {
        let f = try Fixture()
        try await f.test { client in
            _ = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            f.clock.advance(seconds: 16)  // offer time-out 15 s
            try await f.engine.tick()
            let c = try await client.call(.get, "/v1/contacts/c1", token: Token.telephony).decode(ContactView.self)
            #expect(c.state == .waiting)
            #expect(c.agent == nil)
            #expect(try await client.call(.get, "/v1/agents/team%231", token: Token.supervisor).decode(AgentView.self).state == "not-ready")
        }
    }

    @Test func agentLogoutAndWhenDone() async throws {
        let f = try Fixture()
        try await f.test { client in
            _ = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            let twice = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            #expect(twice.status == .conflict)
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            _ = try await client.call(.post, "/v1/contacts/c1/accept", token: Token.agent1)
            let busy = try await client.call(.post, "/v1/agents/team%231/logout", token: Token.agent1)
            #expect(busy.status == .conflict)
            #expect(busy.json()["error"] as? String == "the agent still holds contacts")
            let later = try await client.call(.post, "/v1/agents/team%231/logout", token: Token.agent1, body: #"{"whenDone":true}"#)
            #expect(later.status == .ok)
            _ = try await client.call(.post, "/v1/contacts/c1/finish", token: Token.agent1)
            #expect(try await client.call(.get, "/v1/agents/team%231", token: Token.agent1).decode(AgentView.self).state == "logged-out")
        }
    }

    @Test func offersStreamAsServerSentEvents() async throws {
        let f = try Fixture()
        try await f.test { client in
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony,
                                      body: #"{"queue":"sales","attributes":{"account":"42"}}"#)
            _ = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            let r = try await client.call(.get, "/v1/agents/team%231/offers?limit=1", token: Token.agent1)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "text/event-stream")
            #expect(r.body.contains("event: offer\ndata: {"))
            #expect(r.body.contains(#""contact":"c1""#))
            #expect(r.body.contains(#""account":"42""#))
            let other = try await client.call(.get, "/v1/agents/team%231/offers?limit=1", token: Token.agent2)
            #expect(other.status == .forbidden)
        }
    }

    @Test func liveOfferIsPushedToSubscriber() async throws {
        let f = try Fixture()
        _ = try await f.engine.agent("team#1", .login)
        let (_, stream) = try await f.engine.subscribeOffers("team#1")
        _ = try await f.engine.arrive(try JSONDecoder().decode(ArrivalRequest.self, from: Data(#"{"queue":"support"}"#.utf8)))
        var iterator = stream.makeAsyncIterator()
        let message = await iterator.next()
        #expect(message?.contains(#""type":"offer""#) == true)
        #expect(message?.contains(#""queue":"support""#) == true)
    }
}
