import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Server

/// Statistics, skills, configuration reload, metrics and the wallboard.
@Suite struct SupervisorTests {
    @Test func skillChangeStopsRoutingOfARemovedSkill() async throws {
        let f = try Fixture()
        try await f.test { client in
            let r = try await client.call(.put, "/v1/agents/team%231/skills", token: Token.supervisor,
                                          body: #"{"skills":[{"skill":"sales","level":7}]}"#)
            #expect(r.status == .ok)
            _ = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"support"}"#)
            #expect(try await client.call(.get, "/v1/contacts/c1", token: Token.telephony).decode(ContactView.self).state == .waiting)
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            #expect(try await client.call(.get, "/v1/contacts/c2", token: Token.telephony).decode(ContactView.self).state == .offered)
            for body in [#"{"skills":[{"skill":"golf","level":3}]}"#, #"{"skills":[{"skill":"sales","level":11}]}"#,
                         #"{"skills":[{"skill":"sales","level":3,"x":1}]}"#, #"{"skills":"sales"}"#] {
                let bad = try await client.call(.put, "/v1/agents/team%231/skills", token: Token.supervisor, body: body)
                #expect(bad.status == .badRequest, "\(body)")
            }
        }
    }

    @Test func reloadKeepsLiveContactsAndAgentStatesAndIsJournaled() async throws {
        let f = try Fixture()
        let bigger = testConfig.replacingOccurrences(of: "count: 2", with: "count: 3")
        let salesOnly = """
            name: server-test
            duration: 1h
            queues:
              - name: sales
                arrivals: { rate_per_hour: 10 }
                handle_time: { dist: exponential, mean: 60s }
            agents:
              - group: team
                count: 3
                skills: { sales: 5 }
            """
        try await f.test { client in
            var before: [String: ContactView] = [:]
            _ = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            _ = try await client.call(.post, "/v1/agents/team%231/not-ready", token: Token.agent1, body: #"{"reason":4}"#)
            _ = try await client.call(.post, "/v1/agents/team%232/login", token: Token.agent2)
            for queue in ["sales", "support", "sales"] {  // c1 offered to team#2; c2 and c3 wait
                f.clock.advance(seconds: 3)
                _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"\#(queue)"}"#)
            }
            for id in ["c1", "c2", "c3"] {
                before[id] = try await client.call(.get, "/v1/contacts/\(id)", token: Token.supervisor).decode(ContactView.self)
            }
            let bad = try await client.call(.post, "/v1/config/reload", token: Token.supervisor, body: "name: [")
            #expect(bad.status == .badRequest)
            let ok = try await client.call(.post, "/v1/config/reload", token: Token.supervisor, body: bigger)
            #expect(ok.status == .ok)
            let stats = try ok.decode(StatsView.self)
            #expect(stats.liveContacts == 3)
            #expect(stats.agents["not-ready"] == 1 && stats.agents["reserved"] == 1 && stats.agents["logged-out"] == 1)
            for id in ["c1", "c2", "c3"] {
                let after = try await client.call(.get, "/v1/contacts/\(id)", token: Token.supervisor).decode(ContactView.self)
                #expect(after == before[id], "\(id)")
            }
            let a = try await client.call(.get, "/v1/agents/team%231", token: Token.agent1).decode(AgentView.self)
            #expect(a.state == "not-ready" && a.notReadyReason == 4)
            // The new agent takes the contact that has waited longest.
            #expect(try await client.call(.post, "/v1/agents/team%233/login", token: Token.supervisor).status == .ok)
            let c2 = try await client.call(.get, "/v1/contacts/c2", token: Token.supervisor).decode(ContactView.self)
            #expect(c2.state == .offered && c2.agent == "team#3")
            // A queue with a live contact may not go away.
            let refused = try await client.call(.post, "/v1/config/reload", token: Token.supervisor, body: salesOnly)
            #expect(refused.status == .conflict)
            #expect((refused.json()["error"] as? String)?.contains("queue support has live contacts") == true)
            #expect(try await client.call(.post, "/v1/contacts/c2/abandon", token: Token.telephony).status == .ok)
            #expect(try await client.call(.post, "/v1/config/reload", token: Token.supervisor, body: salesOnly).status == .ok)
            let c3 = try await client.call(.get, "/v1/contacts/c3", token: Token.supervisor).decode(ContactView.self)
            #expect(c3.state == .offered && c3.agent == "team#3")
        }
        // Restart and replay reproduce the reloads.
        let live = await f.engine.state
        await f.engine.shutdown()
        let again = try Fixture(path: f.path, clock: f.clock)
        let after = await again.engine.state
        #expect(after.contacts == live.contacts)
        #expect(after.digest == live.digest)
        #expect(after.configText == live.configText)
        #expect(try Replay.verify(try Journal(path: f.path)).equal)
    }

    @Test func statsStreamSendsServerSentEvents() async throws {
        let f = try Fixture()
        try await f.test { client in
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            let r = try await client.call(.get, "/v1/stats/stream?limit=1", token: Token.supervisor)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "text/event-stream")
            let data = try #require(r.body.split(separator: "\n").first { $0.hasPrefix("data: ") })
            let stats = try JSONDecoder().decode(StatsView.self, from: Data(data.dropFirst(6).utf8))
            #expect(stats.queues[0].waiting == 1)
        }
    }

    @Test func metricsExposeCountersGaugesAndLatency() async throws {
        let f = try Fixture()
        try await f.test { client in
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            _ = try await client.call(.post, "/v1/contacts/c1/abandon", token: Token.telephony)
            let m = try await client.call(.get, "/metrics", token: nil).body
            #expect(m.contains(#"acd_contacts_arrived_total{queue="sales"} 2"#))
            #expect(m.contains(#"acd_contacts_abandoned_total{queue="sales"} 1"#))
            #expect(m.contains(#"acd_contacts_waiting{queue="sales"} 1"#))
            #expect(m.contains("acd_http_request_duration_seconds_bucket"))
            #expect(!m.contains(Token.telephony))
        }
    }

    @Test func wallboardIsSelfContained() async throws {
        let f = try Fixture()
        try await f.test { client in
            let r = try await client.call(.get, "/", token: nil)
            #expect(r.status == .ok)
            #expect(r.body.contains("<title>ACD wallboard</title>"))
            #expect(r.body.contains("/v1/stats/stream"))
            #expect(!r.body.contains("src="))
            #expect(!r.body.contains("href="))
            #expect(!r.body.contains("http://") && !r.body.contains("https://"))
        }
    }
}
