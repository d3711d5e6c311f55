import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Server

/// Roles, and requests that must be refused with a JSON 4xx and change nothing.
@Suite struct SecurityAndValidationTests {
    /// A configuration (from a journal, or a reload over the network) that
    /// names arrival profiles loads without them: the server opens no file
    /// it names, so none can be missing, nor quoted back in an error.
    @Test func configurationsNeverOpenArrivalProfiles() throws {
        let config = testConfig.replacingOccurrences(of: "rate_per_hour: 10", with: "profile: /etc/passwd")
        #expect(config.components(separatedBy: "profile: /etc/passwd").count == 3)
        let (routing, targets) = try EngineState.parseConfiguration(config)
        #expect(routing.queues.map(\.id) == ["sales", "support"])
        #expect(targets == [20_000_000, 30_000_000])
        let missing = testConfig.replacingOccurrences(of: "rate_per_hour: 10", with: "profile: no/such.csv")
        #expect(try EngineState.parseConfiguration(missing).0.queues.count == 2)
    }

    @Test func missingOrUnknownTokenIs401WithJSONError() async throws {
        let f = try Fixture()
        try await f.test { client in
            for token in [nil, "not-a-token-at-all-xx"] {
                let r = try await client.call(.post, "/v1/contacts", token: token, body: #"{"queue":"sales"}"#)
                #expect(r.status == .unauthorized)
                #expect(r.json()["error"] as? String == "missing or unknown bearer token")
            }
        }
    }

    @Test func everyRoleIsLimitedToItsOwnEndpoints() async throws {
        let f = try Fixture()
        try await f.test { client in
            let forbidden: [(HTTPRequest.Method, String, String, String?)] = [
                (.post, "/v1/contacts", Token.agent1, #"{"queue":"sales"}"#),
                (.post, "/v1/agents/team%231/login", Token.telephony, nil),
                (.post, "/v1/agents/team%232/login", Token.agent1, nil),  // only as itself
                (.get, "/v1/agents/team%232", Token.agent1, nil),
                (.get, "/v1/stats", Token.agent1, nil),
                (.get, "/v1/stats", Token.telephony, nil),
                (.get, "/v1/stats/stream?limit=1", Token.telephony, nil),
                (.put, "/v1/agents/team%231/skills", Token.agent1, #"{"skills":[]}"#),
                (.post, "/v1/config/reload", Token.telephony, testConfig),
                (.post, "/v1/contacts/c1/accept", Token.telephony, nil),
            ]
            for (method, uri, token, body) in forbidden {
                let r = try await client.call(method, uri, token: token, body: body)
                #expect(r.status == .forbidden, "\(method) \(uri)")
                #expect(r.json()["error"] != nil)
            }
            // Supervisors may act for agents.
            #expect(try await client.call(.post, "/v1/agents/team%232/login", token: Token.supervisor).status == .ok)
        }
        #expect(try await f.engine.state.liveContacts == 0)
    }

    @Test func invalidBodiesAre400AndChangeNothing() async throws {
        let f = try Fixture()
        let before = try Journal(path: f.path).count()
        try await f.test { client in
            let cases: [(String, String, String)] = [
                ("/v1/contacts", #"{"queue":"sales","colour":"red"}"#, "colour"),
                ("/v1/contacts", #"{"queue":"sales","priority":"high"}"#, "priority"),
                ("/v1/contacts", #"{"queue":"sales","priority":3000000000}"#, "JSON"),
                ("/v1/contacts", #"{"queue":"nowhere"}"#, "unknown queue"),
                ("/v1/contacts", #"{"queue":"sales","channel":"chat"}"#, "channel"),
                ("/v1/contacts", #"{"queue":"sales","channel":"pigeon"}"#, "channel"),
                ("/v1/contacts", #"{"queue":"sales","attributes":{"n":1}}"#, "attributes"),
                ("/v1/contacts", #"{"priority":1}"#, "queue"),
                ("/v1/contacts", #"{"queue": "#, "JSON"),
                ("/v1/contacts", #"[1,2]"#, "body"),
                ("/v1/agents/team%231/not-ready", #"{"reason":"lunch"}"#, "reason"),
                ("/v1/agents/team%231/not-ready", #"{}"#, "reason"),
                ("/v1/agents/team%231/login", #"{"force":true}"#, "force"),
            ]
            for (uri, body, mention) in cases {
                let r = try await client.call(.post, uri, token: Token.supervisor, body: body)
                #expect(r.status == .badRequest, "\(uri) \(body)")
                let message = r.json()["error"] as? String ?? ""
                #expect(message.contains(mention), "\(message)")
            }
            let big = #"{"queue":"sales","attributes":{"x":""# + String(repeating: "a", count: 70_000) + #""}}"#
            let r = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: big)
            #expect(r.status == .contentTooLarge)
            #expect(r.json()["error"] != nil)
            let missing = try await client.call(.get, "/v1/contacts/c99", token: Token.telephony)
            #expect(missing.status == .notFound)
            #expect(missing.json()["error"] as? String == "unknown contact 'c99'")
            let noAgent = try await client.call(.post, "/v1/agents/nobody/login", token: Token.supervisor)
            #expect(noAgent.status == .notFound)
            let noRoute = try await client.call(.get, "/v1/nothing", token: Token.supervisor)
            #expect(noRoute.status == .notFound)
            #expect(noRoute.json()["error"] != nil)
        }
        #expect(try Journal(path: f.path).count() == before)
        #expect(try await f.engine.state.contacts.isEmpty)
    }

    @Test func tokensFileRejectsMalformedEntriesAndShortTokens() {
        #expect(throws: APIError.self) { try TokenStore(parsing: "abcdefghijklmnopq admin") }
        #expect(throws: APIError.self) { try TokenStore(parsing: "short telephony") }
        #expect(throws: APIError.self) { try TokenStore(parsing: "abcdefghijklmnopq agent") }
        let s = try? TokenStore(parsing: "# comment\nabcdefghijklmnopq agent a#1; qrstuvwxyzabcdefg telephony")
        #expect(s?.principal(for: "abcdefghijklmnopq") == .agent("a#1"))
        #expect(s?.principal(for: "qrstuvwxyzabcdefg") == .telephony)
    }
}
