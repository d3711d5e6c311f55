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

    @Test func reloadIsRefusedWithLiveContactsAndCarriesAgentsOtherwise() async throws {
        let f = try Fixture()
        let bigger = testConfig.replacingOccurrences(of: "count: 2", with: "count: 3")
        try await f.test { client in
            _ = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            _ = try await client.call(.post, "/v1/agents/team%231/not-ready", token: Token.agent1, body: #"{"reason":4}"#)
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            let refused = try await client.call(.post, "/v1/config/reload", token: Token.supervisor, body: bigger)
            #expect(refused.status == .conflict)
            #expect((refused.json()["error"] as? String)?.contains("1 contacts are live") == true)
            _ = try await client.call(.post, "/v1/contacts/c1/abandon", token: Token.telephony)
            let bad = try await client.call(.post, "/v1/config/reload", token: Token.supervisor, body: "name: [")
            #expect(bad.status == .badRequest)
            let ok = try await client.call(.post, "/v1/config/reload", token: Token.supervisor, body: bigger)
            #expect(ok.status == .ok)
            let stats = try ok.decode(StatsView.self)
            #expect(stats.agents["not-ready"] == 1)
            #expect(stats.agents["logged-out"] == 2)
            let a = try await client.call(.get, "/v1/agents/team%231", token: Token.agent1).decode(AgentView.self)
            #expect(a.notReadyReason == 4)
            #expect(try await client.call(.post, "/v1/agents/team%233/login", token: Token.supervisor).status == .ok)
        }
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
